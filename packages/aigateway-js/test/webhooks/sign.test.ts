import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { signWebhook, signWebhookAsync, verifyWebhook } from '../../src/webhooks/index.js';
import { completedJob, failedJob, NOW, NOW_SECONDS, OLD_SECRET, SECRET } from './fixtures.js';
import { referenceSignature } from './reference-signer.js';

const options = { timestamp: NOW_SECONDS, deliveryId: 'dlv_7', attempt: 3 };

describe('signWebhook / signWebhookAsync', () => {
  it('produce the headers the gateway sends, signed per the contract definition', async () => {
    const signed = signWebhook(completedJob(), SECRET, options);
    const v1 = referenceSignature(SECRET, NOW_SECONDS, signed.body);
    expect(signed).toEqual({
      body: JSON.stringify(completedJob()),
      signature: `t=${NOW_SECONDS},v1=${v1}`,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'AIgateway-Webhooks/1.0',
        'x-aig-event-type': 'job.completed',
        'x-aig-signature': `t=${NOW_SECONDS},v1=${v1}`,
        'x-aig-delivery-id': 'dlv_7',
        'x-aig-attempt': '3',
      },
    });
    expect(await signWebhookAsync(completedJob(), SECRET, options)).toEqual(signed);
  });

  it('key with the UTF-8 bytes of the secret as given, whatever its alphabet', async () => {
    for (const secret of ['whsec_émoji🔑', 'plain', ' padded ', 'x'.repeat(200)]) {
      const body = JSON.stringify(failedJob());
      const expected = `t=${NOW_SECONDS},v1=${referenceSignature(secret, NOW_SECONDS, body)}`;
      expect(signWebhook(body, secret, options).signature).toBe(expected);
      expect((await signWebhookAsync(body, secret, options)).signature).toBe(expected);
    }
  });

  it('sign a string payload byte for byte, and one v1 entry per secret', () => {
    const body = ' {"pretty": true}\n';
    const { signature } = signWebhook(body, [OLD_SECRET, SECRET], options);
    expect(signature).toBe(
      `t=${NOW_SECONDS},v1=${referenceSignature(OLD_SECRET, NOW_SECONDS, body)},v1=${referenceSignature(SECRET, NOW_SECONDS, body)}`,
    );
  });

  it('derive the event type from the status, unless given', () => {
    expect(signWebhook(failedJob(), SECRET, options).headers['x-aig-event-type']).toBe('job.failed');
    expect(signWebhook(JSON.stringify(failedJob()), SECRET, options).headers['x-aig-event-type']).toBe(
      'job.failed',
    );
    expect(
      signWebhook('not json', SECRET, { ...options, type: 'job.failed' }).headers['x-aig-event-type'],
    ).toBe('job.failed');
  });

  it('default to now, attempt 1 and a random delivery id', () => {
    const before = Math.floor(Date.now() / 1000);
    const a = signWebhook(completedJob(), SECRET);
    const b = signWebhook(completedJob(), SECRET);
    const t = Number(a.signature.slice(2, a.signature.indexOf(',')));
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(a.headers['x-aig-attempt']).toBe('1');
    expect(a.headers['x-aig-delivery-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(a.headers['x-aig-delivery-id']).not.toBe(b.headers['x-aig-delivery-id']);
  });

  it('refuse bad input with a message that says what to pass', () => {
    expect(() => signWebhook(completedJob(), SECRET, { timestamp: 1.5 })).toThrow(/whole Unix seconds/);
    expect(() => signWebhook(completedJob(), SECRET, { attempt: 0 })).toThrow(
      /attempt must be an integer >= 1/,
    );
    expect(() => signWebhook(42 as unknown as string, SECRET)).toThrow(
      /payload must be a JSON string or an object/,
    );
    expect(() => signWebhook(completedJob(), '')).toThrow(/signing secret/);
  });
});

describe('the signature is the one Stripe popularised (an independent implementation agrees)', () => {
  const body = JSON.stringify(completedJob());

  it("verifyWebhook accepts a header made by Stripe's generateTestHeaderString", () => {
    const header = Stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: SECRET,
      timestamp: NOW_SECONDS,
    });
    const headers = { ...signWebhook(body, SECRET, options).headers, 'x-aig-signature': header };
    expect(verifyWebhook(body, headers, SECRET, { now: NOW }).data.id).toBe('job_abc123');
  });

  it("Stripe's verifier accepts a signature made by signWebhook", () => {
    const { signature } = signWebhook(body, SECRET, options);
    // constructEvent returns the parsed body once the signature and timestamp check out.
    expect(Stripe.webhooks.constructEvent(body, signature, SECRET, 300, undefined, NOW())).toEqual(
      completedJob(),
    );
    expect(() =>
      Stripe.webhooks.constructEvent(`${body} `, signature, SECRET, 300, undefined, NOW()),
    ).toThrow(/No signatures found/);
  });

  it('verifies a t= with a leading zero over the text as sent, not a re-formatted number', () => {
    const t = `0${NOW_SECONDS}`;
    const headers = {
      ...signWebhook(body, SECRET, options).headers,
      'x-aig-signature': `t=${t},v1=${referenceSignature(SECRET, t, body)}`,
    };
    expect(verifyWebhook(body, headers, SECRET, { now: NOW }).timestamp).toBe(NOW_SECONDS);
  });
});

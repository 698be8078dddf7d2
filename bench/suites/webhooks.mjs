// 3. Webhook verification per second, 1 KB and 256 KB bodies: aigateway-js (node:crypto and Web
// Crypto) vs stripe's constructEvent (the same `t=…,v1=…` HMAC-SHA256 scheme) and standardwebhooks.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { config } from '../lib/config.mjs';
import { settle } from '../lib/gc.mjs';
import { examples } from '../lib/contract-examples.mjs';
import { bytes, fmt, ratio, target } from '../lib/format.mjs';
import { SDK_WEBHOOKS } from '../lib/paths.mjs';
import { median, rotate, spread } from '../lib/stats.mjs';

const { signWebhook, verifyWebhook, verifyWebhookAsync } = await import(SDK_WEBHOOKS);
const SYNC_ANCHOR = 'stripe constructEvent';
const ASYNC_ANCHOR = 'stripe constructEventAsync (SubtleCrypto)';

/** The contract's job.completed example, padded with an extra (allowed, ignored) key to `size` bytes. */
function payload(job, size) {
  const base = JSON.stringify({ ...job, bench_padding: '' });
  return JSON.stringify({ ...job, bench_padding: 'x'.repeat(Math.max(0, size - base.length)) });
}

/** Each verifier, set up with a freshly signed delivery of `body`; `verify()` returns the job id. */
function verifiers(body) {
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const aig = signWebhook(body, secret);
  const stripeHeader = Stripe.webhooks.generateTestHeaderString({ payload: body, secret });
  const subtle = Stripe.createSubtleCryptoProvider();
  const sw = new Webhook(secret);
  const msgId = `msg_${randomBytes(8).toString('hex')}`;
  const now = new Date();
  const swHeaders = {
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': sw.sign(msgId, now, body),
  };
  return {
    'aigateway-js verifyWebhook (node:crypto)': () => verifyWebhook(body, aig.headers, secret).data.id,
    'aigateway-js verifyWebhookAsync (Web Crypto)': async () =>
      (await verifyWebhookAsync(body, aig.headers, secret)).data.id,
    'stripe constructEvent': () => Stripe.webhooks.constructEvent(body, stripeHeader, secret).id,
    'stripe constructEventAsync (SubtleCrypto)': async () =>
      (await Stripe.webhooks.constructEventAsync(body, stripeHeader, secret, undefined, subtle)).id,
    'standardwebhooks Webhook.verify': () => sw.verify(body, swHeaders).id,
  };
}

/**
 * Verifications per second (wall) and CPU µs per verification, over about `durationMs`. Sync
 * verifiers run in a plain loop (no \`await\`, which would add a microtask to each), async ones are
 * awaited one at a time.
 */
async function measure(verify, durationMs) {
  let n = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let elapsed = 0;
  if (verify.constructor.name === 'AsyncFunction') {
    do {
      await verify();
      n++;
      elapsed = performance.now() - start;
    } while (elapsed < durationMs);
  } else {
    do {
      for (let i = 0; i < 16; i++) verify();
      n += 16;
      elapsed = performance.now() - start;
    } while (elapsed < durationMs);
  }
  const cpu = process.cpuUsage(cpu0);
  return { ops: (n / elapsed) * 1000, cpuUs: (cpu.user + cpu.system) / n };
}

export async function run() {
  const job = examples().jobCompleted;
  const rows = [];
  const targets = [];
  for (const size of [1024, 256 * 1024]) {
    const body = payload(job, size);
    const impls = verifiers(body);
    const names = Object.keys(impls);
    for (const name of names) {
      const id = await impls[name]();
      if (id !== job.id)
        throw new Error(`${name} returned ${id}, expected ${job.id}: not a real verification.`);
      await measure(impls[name], config.webhookMs / 2); // warm-up
    }
    const rounds = Object.fromEntries(names.map((n) => [n, []]));
    for (let r = 0; r < config.webhookRounds; r++) {
      for (const name of rotate(names, r)) {
        settle();
        rounds[name].push(await measure(impls[name], config.webhookMs));
      }
    }
    const vs = (name, anchor) => median(rounds[name].map((x, r) => x.ops / rounds[anchor][r].ops));
    for (const name of names) {
      const isAsync = name.includes('Async');
      const like = isAsync ? ASYNC_ANCHOR : SYNC_ANCHOR;
      rows.push([
        bytes(Buffer.byteLength(body)),
        name,
        fmt(median(rounds[name].map((x) => x.ops))),
        ratio(vs(name, SYNC_ANCHOR)),
        ratio(vs(name, like)),
        `${fmt(median(rounds[name].map((x) => x.cpuUs)), 1)} µs`,
        `±${fmt(spread(rounds[name].map((x) => x.ops)) * 50)}%`,
      ]);
      if (name.startsWith('aigateway-js')) {
        const perRound = rounds[name].map((x, r) => x.ops / rounds[like][r].ops);
        // CPU per verification of the anchor over ours: above 1 means we cost less, like ops/s.
        const cpu = median(rounds[name].map((x, r) => rounds[like][r].cpuUs / x.cpuUs));
        targets.push(
          target(
            `Webhooks ${bytes(size)}: ${name.replace('aigateway-js ', '')} vs ${like}`,
            '≥ 1.00× ops/s',
            median(perRound),
            (v) => v >= 1,
            { rounds: perRound, cpu },
          ),
        );
      }
    }
  }
  return {
    id: 'webhooks',
    title: '3. Webhook verification',
    description:
      "The contract's `job.completed` example padded to 1 KB and 256 KB with one extra key, as a string body. Every " +
      'verifier checks the HMAC, the timestamp tolerance and parses the JSON (aigateway-js also checks the ' +
      `delivery headers and validates the job snapshot). ${config.webhookRounds} interleaved rounds of ` +
      `${config.webhookMs} ms per verifier after a warm-up; median round. Async verifiers are awaited one at a time. ` +
      "stripe's signatures come from `generateTestHeaderString`, standardwebhooks' from `Webhook.sign`.",
    tables: [
      {
        columns: [
          'body',
          'verifier',
          'verifications/s',
          'vs stripe constructEvent',
          'vs stripe, same kind',
          'CPU/verification',
          'noise',
        ],
        rows,
      },
    ],
    targets,
    notes: [
      'Ratios are of verifications/s (above 1: faster than stripe). "Same kind" compares sync with stripe\'s ' +
        "`constructEvent` and Web Crypto with stripe's `constructEventAsync` on its SubtleCrypto provider; the " +
        'targets use it.',
    ],
  };
}

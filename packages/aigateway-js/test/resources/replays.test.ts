import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/index.js';
import { type Harness, startHarness } from '../helpers/emulator.js';

describe('replays.create', () => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness('loopback');
  });
  afterAll(() => gw.close());

  it('replays a past request on another model', async () => {
    const client = gw.client();
    const { requestId } = await client.chat.completions
      .create({
        model: 'anthropic/claude-sonnet-4.6',
        messages: [{ role: 'user', content: 'Name a colour' }],
      })
      .withResponse();
    const replay = await client.replays.create({
      source_request_id: requestId ?? '',
      target_model: 'anthropic/claude-opus-4.7',
    });
    expect(replay).toMatchObject({
      object: 'replay',
      source_request_id: requestId,
      source_model: 'anthropic/claude-sonnet-4.6',
      target_model: 'anthropic/claude-opus-4.7',
      endpoint: '/v1/chat/completions',
    });
    expect(replay.request_id).not.toBe(requestId);
    expect(replay.response).toMatchObject({ object: 'chat.completion', model: 'anthropic/claude-opus-4.7' });
  });

  it('an unknown request id is a NotFoundError', async () => {
    await expect(
      gw.client().replays.create({
        source_request_id: 'req_000000000000000000000000',
        target_model: 'openai/gpt-5.4',
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

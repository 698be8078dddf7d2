import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { NotFoundError, type ReplayableOperation } from '../../src/index.js';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';

describe.each<Transport>(['loopback', 'msw'])('replays.create over %s', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport);
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
    // `endpoint` narrows `response` to the endpoint's own type: no cast needed.
    if (replay.endpoint !== '/v1/chat/completions') throw new Error(`replayed ${replay.endpoint}`);
    expect(typeof replay.response.choices[0]?.message.content).toBe('string');
  });

  it('wraps the results that are not JSON, as the contract documents: speech audio and plain text', async () => {
    const client = gw.client();
    const speech = await client.audio.speech
      .create({ model: 'deepgram/aura-2-en', input: 'Hello there', voice: 'asteria', response_format: 'mp3' })
      .withResponse();
    const audio = Buffer.from(await speech.data.arrayBuffer());
    const replayedSpeech = await client.replays.create({
      source_request_id: speech.requestId ?? '',
      target_model: 'deepgram/aura-2-en',
    });
    expect(Object.keys(replayedSpeech.response).sort()).toEqual(['b64_data', 'bytes', 'content_type']);
    if (replayedSpeech.endpoint !== '/v1/audio/speech')
      throw new Error(`replayed ${replayedSpeech.endpoint}`);
    const { content_type, bytes, b64_data } = replayedSpeech.response;
    expect(content_type).toBe('audio/mpeg');
    expect(Buffer.from(b64_data, 'base64').length).toBe(bytes);
    expect(bytes).toBe(audio.length);

    const wav = Buffer.from(
      await (
        await client.audio.speech.create({
          model: 'deepgram/aura-2-en',
          input: 'Hi',
          voice: 'a',
          response_format: 'wav',
        })
      ).arrayBuffer(),
    );
    const text = await client.audio.transcriptions
      .create({ model: 'openai/whisper-large-v3-turbo', file: wav, response_format: 'text' })
      .withResponse();
    const replayedText = await client.replays.create({
      source_request_id: text.requestId ?? '',
      target_model: 'openai/whisper-large-v3-turbo',
    });
    expect(replayedText.response).toEqual({ text: text.data.trimEnd() });
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

describe('ReplayableOperation', () => {
  it("lists the operations whose response links to a replay in the contract (Replay's response types follow it)", () => {
    const listed = [
      'createChatCompletion',
      'createEmbedding',
      'createImage',
      'createSpeech',
      'createTranscription',
      'createModeration',
      'createTranslation',
      'createClassification',
      'createOcr',
      'createDetection',
      'createRerank',
    ] as const satisfies readonly ReplayableOperation[];
    expectTypeOf<ReplayableOperation>().toEqualTypeOf<(typeof listed)[number]>();
    type Operation = { operationId: string; responses?: Record<string, { links?: Record<string, unknown> }> };
    const contract = parse(
      readFileSync(new URL('../../../../openapi/aigateway.yaml', import.meta.url), 'utf8'),
    ) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const linked = Object.values(contract.paths)
      .flatMap((item) => Object.values(item))
      .filter((op) => Object.values(op.responses ?? {}).some((r) => r.links && 'replay' in r.links))
      .map((op) => op.operationId);
    expect([...listed].sort()).toEqual(linked.sort());
  });
});

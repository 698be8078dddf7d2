import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Env, loadConfig } from '../src/config.js';
import { runDropin } from '../src/dropin.js';
import { pickModels } from './catalog.js';

const run = promisify(execFile);
let gw: RunningEmulator;
let env: Env;
let models: Awaited<ReturnType<typeof pickModels>>;

beforeAll(async () => {
  gw = await startEmulator();
  models = await pickModels(gw.url, gw.apiKey);
  env = {
    AIGATEWAY_API_KEY: gw.apiKey,
    AIGATEWAY_BASE_URL: gw.url,
    AIG_MODEL: models.chat.id,
    AIG_EMBEDDING_MODEL: models.embedding.id,
    AIG_IMAGE_MODEL: models.image.id,
    AIG_SPEECH_MODEL: models.speech.id,
    AIG_TRANSCRIPTION_MODEL: models.transcription.id,
    AIG_TAG: 'dropin-test',
  };
});
afterAll(() => gw.close());

describe('runDropin against the emulator', () => {
  it('streams chat, embeds, draws, speaks and transcribes with the official openai client', async () => {
    const deltas: string[] = [];
    const prompt = 'Name one benefit of a gateway.';
    const result = await runDropin(loadConfig(env), { onDelta: (d) => deltas.push(d), prompt });

    // The streamed answer is the same answer a non-streamed call gets.
    const plain = await new OpenAI({ baseURL: gw.url, apiKey: gw.apiKey }).chat.completions.create({
      model: models.chat.id,
      messages: [{ role: 'user', content: prompt }],
    });
    expect(result.chat.text).toBe(plain.choices[0]?.message.content);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(result.chat.text);
    expect(result.chat.totalTokens).toBe(plain.usage?.total_tokens);

    expect(result.embeddings).toEqual({
      model: models.embedding.id,
      vectors: 2,
      dimensions: models.embedding.dimensions,
    });
    expect(Buffer.from(result.image.png.subarray(0, 8))).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const wav = Buffer.from(result.speech.wav);
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    expect(wav.toString('latin1', 8, 12)).toBe('WAVE');
    // The emulator's speech carries its text, so transcribing it round-trips.
    expect(result.transcription.text).toBe(result.speech.input);
  });

  it('tags every request with x-aig-tag through defaultHeaders', async () => {
    gw.control.reset();
    await runDropin(loadConfig({ ...env, AIG_TAG: 'tagged-run' }));
    const records = gw.control.requests();
    expect(records.map((r) => r.path).sort()).toEqual([
      '/v1/audio/speech',
      '/v1/audio/transcriptions',
      '/v1/chat/completions',
      '/v1/embeddings',
      '/v1/images/generations',
    ]);
    expect(new Set(records.map((r) => r.tag))).toEqual(new Set(['tagged-run']));
  });
});

describe('loadConfig', () => {
  it('names every missing variable and what to do', () => {
    expect(() => loadConfig({ AIGATEWAY_API_KEY: 'sk-aig-x', AIG_MODEL: 'a/b' })).toThrow(
      /AIG_EMBEDDING_MODEL is not set; AIG_IMAGE_MODEL is not set; AIG_SPEECH_MODEL is not set; AIG_TRANSCRIPTION_MODEL is not set\. Copy \.env\.example/,
    );
  });

  it('rejects a base URL that points at an endpoint instead of /v1', () => {
    expect(() =>
      loadConfig({ ...env, AIGATEWAY_BASE_URL: 'https://api.aigateway.sh/v1/chat/completions' }),
    ).toThrow(/AIGATEWAY_BASE_URL must be an http\(s\) URL ending in \/v1/);
  });

  it('defaults to the hosted gateway', () => {
    const { AIGATEWAY_BASE_URL: _, ...hosted } = env;
    expect(loadConfig(hosted).baseURL).toBe('https://api.aigateway.sh/v1');
  });
});

describe('pnpm start', () => {
  it('runs as a process, prints each modality and writes the media files', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'dropin-'));
    try {
      const { stdout } = await run('node_modules/.bin/tsx', ['src/index.ts'], {
        env: { PATH: process.env.PATH, ...env, OUT_DIR: outDir },
      });
      expect(stdout).toContain(`chat (${models.chat.id}, streamed): `);
      expect(stdout).toContain(`transcription (${models.transcription.id}): "Every modality, one base URL."`);
      expect(stdout).not.toContain(gw.apiKey);
      const png = await readFile(join(outDir, 'image.png'));
      expect(png.toString('latin1', 1, 4)).toBe('PNG');
      const wav = await readFile(join(outDir, 'speech.wav'));
      expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });

  it('exits 1 with the configuration problem when a variable is missing', async () => {
    const { AIG_MODEL: _, ...partial } = env;
    const failure = await run('node_modules/.bin/tsx', ['src/index.ts'], {
      env: { PATH: process.env.PATH, ...partial },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('AIG_MODEL is not set');
  });
});

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, useGateway } from '../helpers/gateway.js';
import { runInProcess } from '../helpers/in-process.js';

const g = useGateway();

describe.concurrent('aig models', () => {
  it('prints a table of the catalog', async () => {
    const r = await g.bin(['models']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^MODEL\s+MODALITY\s+PRICE\s+NOTES$/);
    expect(r.stdout).toMatch(/anthropic\/claude-sonnet\s+chat\s+.+→ anthropic\/claude-sonnet-4\.6/);
    expect(r.stderr).toBe('');
  });

  it('filters with --modality and --provider, as one JSON document', async () => {
    const r = await g.aig(['models', '--modality', 'video', '--json']);
    expect(r.code).toBe(0);
    const doc = json<{ object: string; data: Array<{ modality: string }> }>(r);
    expect(doc.object).toBe('list');
    expect(doc.data.length).toBeGreaterThan(0);
    expect(doc.data.every((m) => m.modality === 'video')).toBe(true);
    const anthropic = json<{ data: Array<{ provider: string }> }>(
      await g.aig(['models', '--provider', 'anthropic', '--json']),
    );
    expect(anthropic.data.every((m) => m.provider === 'anthropic')).toBe(true);
  });
});

describe.concurrent('output modes', () => {
  it('colours only when asked on a pipe (FORCE_COLOR), and NO_COLOR / --no-color / TERM=dumb win', async () => {
    const forced = await g.aig(['models'], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[1mMODEL');
    for (const env of [{ FORCE_COLOR: '1', NO_COLOR: '1' }, { FORCE_COLOR: '0' }]) {
      expect((await g.aig(['models'], { env })).stdout).not.toContain('\u001b[');
    }
    expect((await g.aig(['models', '--no-color'], { env: { FORCE_COLOR: '1' } })).stdout).not.toContain(
      '\u001b[',
    );
  });

  it('colours a terminal unless TERM=dumb (in-process, with TTY streams)', async () => {
    const tty = await runInProcess(['models'], { tty: true, env: { ...g.env, CI: undefined } });
    expect(tty.stdout).toContain('\u001b[1mMODEL');
    const dumb = await runInProcess(['models'], { tty: true, env: { ...g.env, TERM: 'dumb' } });
    expect(dumb.code).toBe(0);
    expect(dumb.stdout).not.toContain('\u001b[');
  });

  it('--quiet prints only the result', async () => {
    const out = join(g.cwd, 'quiet.png');
    const r = await g.aig(['-q', 'call', 'black-forest-labs/flux-1-schnell', 'quiet', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${out}\n`);
    expect(r.stderr).toBe('');
  });
});

describe.concurrent('aig call: chat', () => {
  it('streams the answer to stdout', async () => {
    const r = await g.bin(['call', 'anthropic/claude-sonnet-4.6', 'Say hi']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Emulated reply from anthropic\/claude-sonnet-4\.6 to .Say hi.\.\n$/);
    expect(r.stderr).toBe('');
  });

  it('reads the prompt from piped stdin, with --system and --no-stream', async () => {
    const r = await g.bin(['call', 'openai/gpt-5.4', '--no-stream', '--system', 'Be brief'], {
      stdin: 'from stdin\n',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('from stdin');
  });

  it('prints the whole completion with --json', async () => {
    const r = await g.aig(['call', 'openai/gpt-5.4', 'hello', '--json']);
    const doc = json<{
      object: string;
      choices: Array<{ message: { content: string } }>;
      usage: object;
      request_id: string;
    }>(r);
    expect(doc.object).toBe('chat.completion');
    // The X-Request-Id, next to the body's fields: what `aig replay` takes.
    expect(doc.request_id).toMatch(/^req_[0-9a-f]{24}$/);
    expect(doc.choices[0]?.message.content).toContain('hello');
    expect(doc.usage).toBeDefined();
  });

  it('sends an image for vision', async () => {
    const png = join(g.cwd, 'pixel.png');
    await g.aig(['call', 'black-forest-labs/flux-1-schnell', 'a pixel', '--out', png]);
    const r = await g.aig(['call', 'google/gemini-3.1-pro', 'What is this?', '--image', png, '--no-stream']);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
  });

  it('routes eval:<id> aliases to chat without a catalog lookup', async () => {
    const r = await g.aig(['call', 'eval:eval_doesnotexist', 'hi']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^error: .*eval_doesnotexist.*\(X-Request-Id: req_[0-9a-f]{24}\)\n$/);
  });
});

describe.concurrent('aig call: media and analysis', () => {
  it('saves a generated image with --out and prints the path', async () => {
    const out = join(g.cwd, 'fox.png');
    const r = await g.aig(['call', 'black-forest-labs/flux-1-schnell', 'a red fox', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${out}\n`);
    expect((await readFile(out)).subarray(1, 4).toString()).toBe('PNG');
  });

  it('prints image URLs on a terminal without --out, writes the image to a piped stdout, the response with --json', async () => {
    const human = await runInProcess(['call', 'black-forest-labs/flux-1-schnell', 'a cat'], {
      tty: true,
      env: g.env,
      cwd: g.cwd,
    });
    expect(human.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/files\/\S+\n$/);
    expect(human.stderr).toContain('--out');
    const piped = await g.bin(['call', 'black-forest-labs/flux-1-schnell', 'a cat']);
    expect(piped.code).toBe(0);
    expect(piped.stdout.startsWith('\ufffdPNG')).toBe(true);
    const doc = json<{ data: Array<{ url: string }>; request_id: string }>(
      await g.aig(['call', 'black-forest-labs/flux-1-schnell', 'a cat', '--json']),
    );
    expect(doc.data[0]?.url).toMatch(/^http/);
    expect(doc.request_id).toMatch(/^req_[0-9a-f]{24}$/);
  });

  it('turns text into speech and speech back into text', async () => {
    const wav = join(g.cwd, 'hello.wav');
    const speak = await g.aig(['call', 'deepgram/aura-2-en', 'hello world', '--out', wav]);
    expect(speak.code).toBe(0);
    expect((await readFile(wav)).subarray(0, 4).toString()).toBe('RIFF');
    const meta = json<{ out: string; bytes: number }>(
      await g.aig(['call', 'deepgram/aura-2-en', 'hi', '--out', wav, '--force', '--json']),
    );
    expect(meta.bytes).toBe((await stat(wav)).size);
    const heard = await g.aig(['call', 'openai/whisper-large-v3-turbo', '--file', wav]);
    expect(heard.code).toBe(0);
    expect(heard.stdout).toBe('hi\n');
    const doc = json<{ text: string; request_id: string }>(
      await g.aig(['call', 'openai/whisper-large-v3-turbo', '--file', wav, '--json']),
    );
    expect(doc.text).toBe('hi');
    expect(doc.request_id).toMatch(/^req_[0-9a-f]{24}$/);
  });

  it('writes speech to stdout when it is piped', async () => {
    const r = await g.bin(['call', 'deepgram/aura-2-en', 'hello']);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(100);
  });

  it.each([
    [['baai/bge-m3', 'hello'], /^\d+ dimensions: \[/],
    [['meta/llama-guard-3-8b', 'hello'], /flagged/],
    [['meta/m2m100-1.2b', 'hello', '--to', 'fr'], /^bonjour\n$/],
    [['huggingface/distilbert-sst-2', 'I love it'], /^POSITIVE \d\.\d{3}\n$/],
    [
      ['baai/bge-reranker-base', 'pizza', '--doc', 'pizza place', '--doc', 'car wash'],
      /RANK\s+INDEX\s+SCORE\s+DOCUMENT\n\s+1\s+0/,
    ],
  ])('aig call %j', async (args, pattern) => {
    const r = await g.aig(['call', ...args]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(pattern);
    const doc = json(await g.aig(['call', ...args, '--json']));
    expect(doc).toHaveProperty('model');
    expect(doc.request_id).toMatch(/^req_[0-9a-f]{24}$/);
  });

  it('reads images for OCR and detection from --image', async () => {
    const png = join(g.cwd, 'ocr.png');
    await g.aig(['call', 'black-forest-labs/flux-1-schnell', 'HELLO', '--out', png]);
    const ocr = await g.aig(['call', 'microsoft/trocr-base-printed', '--image', png]);
    expect(ocr.code).toBe(0);
    expect(ocr.stdout).toBe('HELLO\n');
    const det = json<{ object: string }>(
      await g.aig(['call', 'facebook/detr-resnet-50', '--image', png, '--json']),
    );
    expect(det.object).toBe('detection');
  });
});

describe('aig call: async jobs', () => {
  it('waits for a video and downloads it with --out', async () => {
    const out = join(g.cwd, 'sunset.mp4');
    const r = await g.bin(['call', 'runwayml/gen-4', 'a sunset', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${out}\n`);
    expect(r.stderr).toMatch(/Saved video\/mp4 \(\d+ bytes\)/);
    expect((await readFile(out)).subarray(4, 8).toString()).toBe('ftyp');
  });

  it('prints the final job with --json, and only the job id with --no-wait', async () => {
    const done = json<{ status: string; result_url: string }>(
      await g.aig(['call', 'suno/v5', 'lo-fi', '--json']),
    );
    expect(done.status).toBe('completed');
    expect(done.result_url).toMatch(/^http/);
    const submitted = await g.aig(['call', 'stabilityai/stable-fast-3d', 'a chair', '--no-wait']);
    expect(submitted.stdout).toMatch(/^job_[0-9a-f]+\n$/);
    expect(submitted.stderr).toContain('aig jobs wait');
    const queued = json<{ id: string; status: string }>(
      await g.aig([
        'call',
        'runwayml/gen-4',
        'x',
        '--no-wait',
        '--json',
        '--webhook-url',
        'http://127.0.0.1:9/hook',
      ]),
    );
    expect(queued.id).toMatch(/^job_/);
    expect(['queued', 'running']).toContain(queued.status);
  });

  it('shows job progress on a terminal (stderr) and none when piped', async () => {
    const tty = await runInProcess(['call', 'suno/v5', 'progress please'], {
      tty: true,
      env: { ...g.env, CI: undefined },
    });
    expect(tty.code).toBe(0);
    // A status line: carriage return and "erase line" (ESC [2K), a spinner frame, the job and its status.
    expect(tty.stderr).toContain('\r\u001b[2K');
    expect(tty.stderr).toMatch(/\S job_[0-9a-f]+ (queued|running)/);
    expect(tty.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/files\/jobs\/job_\S+\n$/);
    const piped = await g.aig(['call', 'suno/v5', 'no progress']);
    expect(piped.stderr).not.toContain('\r');
  });

  it('exits 7 with the reason when the job fails', async () => {
    g.gw.control.addFault({ path: '/v1/videos/generations', fault: 'job=fail', count: 1 });
    const r = await g.aig(['call', 'runwayml/gen-4', 'doomed', '--json']);
    expect(r.code).toBe(7);
    expect(r.stdout).toBe('');
    const envelope = JSON.parse(r.stderr) as { error: { code: string; exit_code: number } };
    expect(envelope.error.exit_code).toBe(7);
  });
});

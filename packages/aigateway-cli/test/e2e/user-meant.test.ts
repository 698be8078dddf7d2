// Issue #15, "It must do what the user meant", through the built binary against the emulator: stdin with a
// prompt, a saved AIG_MODEL, .env up to the project root, sub-account paging, proxies, one rule for --out, and
// confirmation before a key is destroyed.
import { execFile, spawn } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, json, postJson, startGateway, TEST_KEY } from '../helpers/gateway.js';
import { BIN, baseEnv } from '../helpers/spawn.js';

const exec = promisify(execFile);
let g: Gateway;
let n = 0;
const dir = async (...parts: string[]) => {
  const path = join(g.cwd, `case-${n++}`, ...parts);
  await mkdir(path, { recursive: true });
  return path;
};

beforeAll(async () => {
  g = await startGateway();
});
afterAll(async () => {
  expect(g.transcript()).not.toContain(TEST_KEY);
  await g.close();
});

/** Runs `aig args…` with `input` piped in through a real pipe (`printf … | aig …`), as a shell does. */
async function piped(input: string, args: string[]): Promise<string> {
  const { stdout } = await exec(
    'sh',
    ['-c', 'printf %s "$0" | "$@"', input, process.execPath, BIN, ...args],
    {
      env: baseEnv(g.env),
    },
  );
  return stdout;
}

describe('stdin and the prompt argument together', () => {
  it('sends piped stdin first, then the argument (git diff | aig call m "Review this")', async () => {
    const stdout = await piped('CONTEXT-LINE', ['call', 'openai/gpt-5.4', 'Review this']);
    expect(stdout).toMatch(/CONTEXT-LINE\s+Review this/);
  });

  it('a stdin that is neither a pipe nor a file (an open, idle socket) is not waited for', async () => {
    const child = spawn(process.execPath, [BIN, 'call', 'openai/gpt-5.4', 'just this'], {
      env: baseEnv(g.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    // stdin stays open and silent, as a parent that never writes leaves it.
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(out).toContain('just this');
    child.stdin.destroy();
  });
});

describe('aig init keeps a saved AIG_MODEL', () => {
  it.each([
    ['--no-scaffold --yes', ['--no-scaffold', '--yes']],
    ['--lang ts --yes', ['--lang', 'ts', '--yes']],
  ])('%s leaves AIG_MODEL as it was (the starter falls back to it too)', async (_name, flags) => {
    const cwd = await dir();
    await writeFile(join(cwd, '.env'), `AIGATEWAY_API_KEY=${TEST_KEY}\nAIG_MODEL=moonshot/kimi-k2.6\n`);
    const r = await g.bin(['init', ...flags], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(join(cwd, '.env'), 'utf8')).toContain('AIG_MODEL=moonshot/kimi-k2.6\n');
    if (flags.includes('ts'))
      expect(await readFile(join(cwd, 'aigateway-starter.ts'), 'utf8')).toContain('"moonshot/kimi-k2.6"');
    // --model still changes it, as asked.
    const changed = await g.bin(['init', '--no-scaffold', '--model', 'openai/gpt-5.4'], { cwd });
    expect(changed.code).toBe(0);
    expect(await readFile(join(cwd, '.env'), 'utf8')).toContain('AIG_MODEL=openai/gpt-5.4\n');
  });
});

describe('.env is found up to the project root', () => {
  const dotenv = `AIGATEWAY_API_KEY=${TEST_KEY}\n`;
  const noKey = { AIGATEWAY_API_KEY: undefined };

  it('from a subfolder of a project (.git or package.json), the root .env is used', async () => {
    for (const marker of ['.git', 'package.json']) {
      const root = await dir('project');
      if (marker === '.git') await mkdir(join(root, '.git'));
      else await writeFile(join(root, 'package.json'), '{}');
      await writeFile(join(root, '.env'), dotenv);
      const deep = join(root, 'src', 'deep');
      await mkdir(deep, { recursive: true });
      const r = await g.bin(['--verbose', 'models', '--json'], { cwd: deep, env: noKey });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`API key from AIGATEWAY_API_KEY in ${join(root, '.env')}`);
    }
  });

  it('never above the project root, nor above a folder that is in no project', async () => {
    const outer = await dir('outer');
    await writeFile(join(outer, '.env'), dotenv);
    const project = join(outer, 'project');
    await mkdir(join(project, 'src'), { recursive: true });
    await writeFile(join(project, 'package.json'), '{}');
    const inProject = await g.bin(['models'], { cwd: join(project, 'src'), env: noKey });
    expect(inProject.code).toBe(3);
    expect(inProject.stderr).toMatch(/^error: No API key\. .*up to the project root/);
    const loose = join(outer, 'loose');
    await mkdir(loose);
    expect((await g.bin(['models'], { cwd: loose, env: noKey })).code).toBe(3);
  });
});

describe('sub-account list pages', () => {
  it('--limit, --starting-after and --all', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) await postJson(g, '/sub-accounts', { name });
    const first = json<{ data: Array<{ id: string }>; has_more: boolean }>(
      await g.bin(['sub-account', 'list', '--limit', '2', '--json']),
    );
    expect(first.data).toHaveLength(2);
    expect(first.has_more).toBe(true);
    const after = first.data[1]?.id as string;
    const second = json<{ data: Array<{ id: string }> }>(
      await g.bin(['sub-account', 'list', '--limit', '2', '--starting-after', after, '--json']),
    );
    expect(second.data[0]?.id).not.toBe(after);
    const all = json<{ data: Array<{ id: string }>; has_more: boolean }>(
      await g.bin(['sub-account', 'list', '--limit', '1', '--all', '--json']),
    );
    expect(all.has_more).toBe(false);
    expect(all.data.length).toBeGreaterThanOrEqual(3);
    expect(new Set(all.data.map((s) => s.id)).size).toBe(all.data.length);
    const human = await g.bin(['sub-account', 'list', '--limit', '1']);
    expect(human.stderr).toMatch(
      /More sub-accounts exist: aig sub-account list --starting-after sa_\w+ --limit 1/,
    );
    expect((await g.bin(['sub-account', 'list', '--limit', '101'])).code).toBe(2);
  });
});

/** A forward proxy on loopback: records each request line (or CONNECT target) and relays plain HTTP. */
async function forwardProxy(): Promise<{ url: string; seen: string[]; server: Server }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '/');
    const upstream = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured', () => {
  let proxy: Awaited<ReturnType<typeof forwardProxy>>;
  beforeAll(async () => {
    proxy = await forwardProxy();
  });
  afterAll(async () => {
    proxy.server.closeAllConnections();
    await new Promise<void>((resolve) => proxy.server.close(() => resolve()));
  });

  it('http:// requests (REST and MCP) go through HTTP_PROXY, unless NO_PROXY names the host', async () => {
    proxy.seen.length = 0;
    const models = await g.bin(['models', '--json'], { env: { HTTP_PROXY: proxy.url } });
    expect(models.code, models.stderr).toBe(0);
    expect(proxy.seen).toContain(`GET ${g.gw.url}/models`);
    const mcp = await g.bin(['mcp', 'tools', '--json'], { env: { http_proxy: proxy.url } });
    expect(mcp.code, mcp.stderr).toBe(0);
    expect(proxy.seen.some((line) => line.startsWith(`POST ${g.gw.url.replace('/v1', '/mcp')}`))).toBe(true);
    proxy.seen.length = 0;
    const bypass = await g.bin(['models', '--json'], {
      env: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' },
    });
    expect(bypass.code).toBe(0);
    expect(proxy.seen).toEqual([]);
  });

  it('https:// requests tunnel through HTTPS_PROXY (CONNECT), and a refusal names the proxy', async () => {
    proxy.seen.length = 0;
    const r = await g.bin(['models'], {
      env: { AIGATEWAY_BASE_URL: undefined, HTTPS_PROXY: proxy.url },
      timeoutMs: 30_000,
    });
    expect(proxy.seen[0]).toBe('CONNECT api.aigateway.sh:443');
    expect(r.code).toBe(7);
    expect(r.stderr).toContain(
      `https://api.aigateway.sh/v1 (from the default base URL, through the proxy ${proxy.url}/): ` +
        'the proxy answered CONNECT api.aigateway.sh:443 with 403 Forbidden.',
    );
  });
});

describe('one rule for --out, text and binary results', () => {
  it('chat: --out saves the answer (stdout gets its path); --json adds out and bytes', async () => {
    const cwd = await dir();
    const r = await g.bin(['call', 'openai/gpt-5.4', 'hello', '--out', 'answer.txt'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('answer.txt\n');
    const answer = await readFile(join(cwd, 'answer.txt'), 'utf8');
    expect(answer).toMatch(/^Emulated reply from openai\/gpt-5\.4 to .hello.\.\n$/);
    const doc = json<{ out: string; bytes: number; choices: unknown[] }>(
      await g.bin(['call', 'openai/gpt-5.4', 'hi', '--no-stream', '--out', 'a2.txt', '--json'], { cwd }),
    );
    expect(doc).toMatchObject({ out: 'a2.txt', bytes: (await stat(join(cwd, 'a2.txt'))).size });
  });

  it('image and video --json --out report out, bytes and content_type', async () => {
    const cwd = await dir();
    const image = json<{ out: string; bytes: number; content_type: string; data: unknown[] }>(
      await g.bin(['call', 'black-forest-labs/flux-1-schnell', 'a fox', '--out', 'fox.png', '--json'], {
        cwd,
      }),
    );
    expect(image).toMatchObject({
      out: 'fox.png',
      bytes: (await stat(join(cwd, 'fox.png'))).size,
      content_type: 'image/png',
    });
    const video = json<{ id: string; out: string; bytes: number }>(
      await g.bin(['call', 'runwayml/gen-4', 'a sunset', '--out', 'v.mp4', '--json'], { cwd }),
    );
    expect(video).toMatchObject({ out: 'v.mp4', bytes: (await stat(join(cwd, 'v.mp4'))).size });
  });

  it('a mismatched extension is an error that keeps the job and says how to save it', async () => {
    const cwd = await dir();
    const r = await g.bin(['call', 'suno/v5', 'lo-fi beat', '--out', 'beat.mp3'], { cwd });
    expect(r.code).toBe(2);
    const [, id] = /aig jobs wait (job_\w+) --out beat\.wav/.exec(r.stderr) ?? [];
    expect(r.stderr).toMatch(/The result is audio\/wav, not \.mp3/);
    expect(await stat(join(cwd, 'beat.mp3')).catch(() => undefined)).toBeUndefined();
    const saved = await g.bin(['jobs', 'wait', id as string, '--out', 'beat.wav'], { cwd });
    expect(saved.code, saved.stderr).toBe(0);
    const speech = await g.bin(['call', 'deepgram/aura-2-en', 'hi', '--out', 'hi.m4a'], { cwd });
    expect(speech.code).toBe(2);
    expect(speech.stderr).toMatch(/speech comes as mp3, wav, pcm/);
  });

  it('data results refuse --out; --file - reads the audio from stdin', async () => {
    const cwd = await dir();
    const r = await g.bin(['call', 'baai/bge-m3', 'hello', '--out', 'e.json'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/use --json and redirect it \(aig call baai\/bge-m3 --json > result\.json\)/);
    await g.bin(['call', 'deepgram/aura-2-en', 'heard from stdin', '--out', 'said.wav'], { cwd });
    const heard = await g.bin(['call', 'openai/whisper-large-v3-turbo', '--file', '-'], {
      cwd,
      stdin: await readFile(join(cwd, 'said.wav')),
    });
    expect(heard.code, heard.stderr).toBe(0);
    expect(heard.stdout).toBe('heard from stdin\n');
  });
});

describe('destructive actions ask', () => {
  it('sub-account delete needs --yes off a terminal, and then deletes', async () => {
    const sub = await postJson<{ id: string }>(g, '/sub-accounts', { name: 'keep-me' });
    const refused = await g.bin(['sub-account', 'delete', sub.id]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pass --yes/);
    expect((await g.bin(['sub-account', 'get', sub.id])).code).toBe(0);
    const done = await g.bin(['sub-account', 'delete', sub.id, '--yes']);
    expect(done.code).toBe(0);
    expect((await g.bin(['sub-account', 'get', sub.id])).code).toBe(5);
  });
});

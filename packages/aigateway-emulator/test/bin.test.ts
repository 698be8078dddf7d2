import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_API_KEY, DEV_STREAM_DELAY_MS, DEV_WEBHOOK_SECRET } from '../src/cli/args.js';
import { sseData } from './helpers.js';

const bin = join(import.meta.dirname, '../dist/bin.js');

function run(args: string[]): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [bin, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true' },
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exit };
}

async function waitFor(read: () => string, pattern: RegExp): Promise<RegExpMatchArray> {
  for (let i = 0; i < 200; i++) {
    const m = read().match(pattern);
    if (m) return m;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never printed ${pattern}: ${read()}`);
}

/** A port held by another listener on 127.0.0.1, as when a second emulator is started. */
async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

describe('the aigateway-emulator bin', () => {
  it('prints the URL, key and secret, serves requests, and exits 0 on SIGINT', async () => {
    const { child, output, exit } = run(['--port', '0', '--time-scale', '10']);
    const [, url] = await waitFor(output, /Base URL\s+(http:\/\/127\.0\.0\.1:\d+\/v1)/);
    expect(output()).toContain(DEV_API_KEY);
    expect(output()).toContain(DEV_WEBHOOK_SECRET);
    const res = await fetch(`${url}/models`, { headers: { authorization: `Bearer ${DEV_API_KEY}` } });
    expect(res.status).toBe(200);
    expect(output()).toContain(`Stream pacing   ${DEV_STREAM_DELAY_MS} ms between chunks`);
    const stream = await fetch(`${url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEV_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'openai/gpt-5.4',
        messages: [{ role: 'user', content: 'paced words' }],
        stream: true,
      }),
    });
    expect(sseData(await stream.text()).at(-1)).toBe('[DONE]');
    await waitFor(output, /GET \/v1\/models 200 \d+ms req_/);
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });

  it('stops on SIGTERM and writes --state', async () => {
    const { mkdtemp, readFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'aig-bin-'));
    try {
      const state = join(dir, 'state.json');
      const { child, output, exit } = run([
        '--port',
        '0',
        '--state',
        state,
        '--key',
        'sk-aig-bin-test',
        '--quiet',
      ]);
      const [, url] = await waitFor(output, /Base URL\s+(\S+)/);
      await fetch(`${url}/sub-accounts`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-aig-bin-test', 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'saved' }),
      });
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(JSON.parse(await readFile(state, 'utf8')).sub_accounts[0].name).toBe('saved');
      expect(output()).not.toContain('POST /v1/sub-accounts');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with a clear message on a bad flag; --help shows examples', async () => {
    const bad = run(['--port', 'eighty']);
    expect(await bad.exit).toBe(2);
    expect(bad.output()).toContain("--port must be an integer from 0 to 65535 (got 'eighty')");
    const unknown = run(['--bogus']);
    expect(await unknown.exit).toBe(2);
    expect(unknown.output()).toMatch(/Unknown option '--bogus'/);
    const help = run(['--help']);
    expect(await help.exit).toBe(0);
    expect(help.output()).toContain('Examples:');
  });

  it('exits 2 with one line saying what to do when the port is in use or the host cannot be bound', async () => {
    const { port, server } = await occupiedPort();
    try {
      const busy = run(['--port', String(port)]);
      expect(await busy.exit).toBe(2);
      expect(busy.output()).toBe(
        `aigateway-emulator: Port ${port} is already in use on 127.0.0.1: stop the other process or pass --port 0 for a free port (or another --port).\n`,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
    const foreign = run(['--port', '0', '--host', '192.0.2.1']);
    expect(await foreign.exit).toBe(2);
    expect(foreign.output()).toMatch(
      /^aigateway-emulator: Cannot listen on --host 192\.0\.2\.1: .*--host 127\.0\.0\.1/,
    );
    expect(foreign.output()).not.toMatch(/\n {4}at /);
  });
});

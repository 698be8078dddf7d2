import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_REDIRECTS } from '../../src/runtime/fetch-input.js';
import { mcpClient, startGateway, type TestGateway } from '../helpers.js';

/** Server-side fetches are bounded (#12 item 3). */
let gw: TestGateway;
let server: Server;
let base: string;
const hits = { loop: 0 };

beforeAll(async () => {
  gw = await startGateway();
  server = createServer((req, res) => {
    if (req.url === '/hang') return; // never answers
    if (req.url === '/loop') {
      hits.loop++;
      res.writeHead(302, { location: '/loop' }).end();
      return;
    }
    if (req.url === '/huge') {
      res.writeHead(200, { 'content-type': 'audio/wav' });
      const chunk = Buffer.alloc(1024 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 30 && res.write(chunk)) sent++;
        if (sent >= 30) res.end();
        else res.once('drain', pump);
      };
      res.on('error', () => undefined);
      pump();
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await gw.close();
});

async function transcribe(
  origin: string,
  key: string,
  audioUrl: string,
  signal?: AbortSignal,
): Promise<CallToolResult> {
  const client = await mcpClient(origin, key);
  try {
    return (await client.callTool(
      { name: 'transcribe', arguments: { model: 'openai/whisper-large-v3-turbo', audio_url: audioUrl } },
      undefined,
      { timeout: 30_000, signal },
    )) as CallToolResult;
  } finally {
    await client.close();
  }
}

const message = (r: CallToolResult) => JSON.stringify(r.content);

describe('MCP transcribe audio_url', () => {
  it('fetches only http(s)', async () => {
    const r = await transcribe(gw.origin, gw.apiKey, 'file:///etc/passwd');
    expect(r.isError).toBe(true);
    expect(message(r)).toContain('only http and https');
  });

  it(`follows at most ${MAX_INPUT_REDIRECTS} redirects`, async () => {
    hits.loop = 0;
    const r = await transcribe(gw.origin, gw.apiKey, `${base}/loop`);
    expect(r.isError).toBe(true);
    expect(message(r)).toContain(`redirected more than ${MAX_INPUT_REDIRECTS} times`);
    expect(hits.loop).toBe(MAX_INPUT_REDIRECTS + 1);
  });

  it('stops reading past the 25 MiB input cap', async () => {
    const r = await transcribe(gw.origin, gw.apiKey, `${base}/huge`);
    expect(r.isError).toBe(true);
    expect(message(r)).toContain('25 MiB input limit');
  });

  it('gives up on a server that never answers after 10 s', async () => {
    const started = Date.now();
    const r = await transcribe(gw.origin, gw.apiKey, `${base}/hang`);
    expect(r.isError).toBe(true);
    expect(message(r)).toContain('did not answer within 10 s');
    expect(Date.now() - started).toBeLessThan(14_000);
  }, 25_000);
});

describe('SIGTERM', () => {
  it('stops the bin within 2 s while a fetch hangs', async () => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '../../dist/bin.js'), '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 200 && !/Base URL\s+(\S+)\/v1/.test(out); i++)
      await new Promise((r) => setTimeout(r, 25));
    const origin = /Base URL\s+(\S+)\/v1/.exec(out)![1]!;
    const gone = new AbortController();
    const pending = transcribe(origin, 'sk-aig-emulator-dev', `${base}/hang`, gone.signal).catch(
      () => undefined,
    );

    for (let i = 0; i < 200 && !out.includes('POST /mcp'); i++) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 300));
    const sent = Date.now();
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 5000))]);
    if (code === 'still running') child.kill('SIGKILL');
    expect(code).toBe(0);
    expect(Date.now() - sent).toBeLessThan(2000);
    gone.abort();
    await pending;
  }, 20_000);
});

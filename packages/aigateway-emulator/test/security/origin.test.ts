import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEmulatorArgs, CliUsageError } from '../../src/cli/args.js';
import { type EmulatorCliEvent, runEmulatorCli } from '../../src/cli/run.js';
import { startGateway, type TestGateway } from '../helpers.js';

/** DNS rebinding and foreign origins (#12 item 2). */
let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ allowOrigins: ['https://app.example'] });
});
afterAll(() => gw.close());

/** A request with a Host header fetch cannot set (to `gw` unless another emulator is named). */
function withHost(
  host: string,
  path: string,
  method = 'GET',
  body?: string,
  to: { origin: string; key: string } = { origin: gw.origin, key: gw.apiKey },
) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(`${to.origin}${path}`, {
      method,
      headers: {
        host,
        authorization: `Bearer ${to.key}`,
        ...(body
          ? { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }
          : {}),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
});

describe('Host must name the emulator', () => {
  it('a foreign Host is a 421 on inference, MCP initialize and the control API', async () => {
    for (const [path, method, body] of [
      ['/v1/models', 'GET', undefined],
      ['/mcp', 'POST', initialize],
      ['/_emulator/requests', 'GET', undefined],
    ] as const) {
      const res = await withHost('rebind.attacker.example:4010', path, method, body);
      expect(res.status, path).toBe(421);
      expect(res.text).toContain("does not answer to the host 'rebind.attacker.example:4010'");
    }
  });

  it('loopback names pass whatever the port (relays and proxies change it)', async () => {
    for (const host of ['localhost:1', '127.0.0.1', `127.0.0.1:${gw.port}`, '[::1]:9']) {
      expect((await withHost(host, '/v1/models')).status, host).toBe(200);
    }
  });

  it('signed URLs use the configured public origin, never the request Host', async () => {
    const res = await withHost(
      `localhost:${gw.port}`,
      '/v1/images/generations',
      'POST',
      JSON.stringify({ model: 'openai/gpt-image-1', prompt: 'x', response_format: 'url' }),
    );
    const url = (JSON.parse(res.text) as { data: { url: string }[] }).data[0]!.url;
    expect(url.startsWith(`${gw.origin}/v1/files/`)).toBe(true);
  });
});

describe('Origin must be allowed', () => {
  const get = (path: string, origin: string) => gw.call('GET', path, { headers: { origin } });

  it('a foreign page is a 403 on inference, MCP and the control API', async () => {
    for (const path of ['/v1/models', '/_emulator/requests']) {
      const res = await get(path, 'https://evil.example');
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
        '--allow-origin',
      );
    }
    const mcp = await gw.call('POST', '/mcp', {
      raw: initialize,
      headers: {
        origin: 'http://evil.example',
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
    });
    expect(mcp.status).toBe(403);
    expect((await get('/v1/models', 'null')).status).toBe(403);
  });

  it('its own origin, pages on this machine and --allow-origin entries pass', async () => {
    for (const origin of [
      gw.origin,
      'http://localhost:5173',
      'http://127.0.0.1:3000',
      'https://app.example',
    ]) {
      expect((await get('/v1/models', origin)).status, origin).toBe(200);
    }
    expect((await get('/v1/models', 'https://app.example:444')).status).toBe(403);
  });
});

describe('binding beyond loopback', () => {
  it('warns that the dev key is public (the bin and aig dev print it)', async () => {
    const events: EmulatorCliEvent[] = [];
    let stop: () => void = () => undefined;
    const run = runEmulatorCli(['--host', '0.0.0.0', '--port', '0', '--quiet'], {
      signals: {
        once: (_s, l) => {
          stop = l;
        },
        off: () => undefined,
      },
      onEvent: (e) => {
        events.push(e);
        if (e.event === 'listening') setTimeout(() => stop(), 10);
      },
    });
    expect(await run).toBe(0);
    const warning = events.find((e) => e.event === 'warning');
    expect(warning).toBeDefined();
    expect(JSON.stringify(warning)).toContain('sk-aig-emulator-dev is public');
  });

  it('--allow-origin takes origins and refuses anything else', () => {
    expect(
      parseEmulatorArgs(['--allow-origin', 'http://lan.test:*', '--allow-origin', 'https://a.example'])
        .allowOrigins,
    ).toEqual(['http://lan.test:*', 'https://a.example']);
    expect(() => parseEmulatorArgs(['--allow-origin', 'https://a.example/path'])).toThrow(CliUsageError);
  });

  it('--public-origin: signed URLs are built on it and its host is answered; anything but an origin is refused', async () => {
    let stop: () => void = () => undefined;
    let origin = '';
    let key = '';
    const run = runEmulatorCli(['--port', '0', '--quiet', '--public-origin', 'https://emu.example.test'], {
      signals: {
        once: (_s, l) => {
          stop = l;
        },
        off: () => undefined,
      },
      onEvent: (e) => {
        if (e.event !== 'listening') return;
        origin = e.base_url.slice(0, -'/v1'.length);
        key = e.api_key;
      },
    });
    try {
      await expect.poll(() => origin, { timeout: 10_000 }).not.toBe('');
      const call = (path: string, method?: string, body?: string) =>
        withHost('emu.example.test', path, method, body, { origin, key });
      const image = await call(
        '/v1/images/generations',
        'POST',
        JSON.stringify({ model: 'openai/gpt-image-1', prompt: 'x', response_format: 'url' }),
      );
      expect(image.status, image.text).toBe(200);
      const url = new URL((JSON.parse(image.text) as { data: { url: string }[] }).data[0]!.url);
      expect(url.origin).toBe('https://emu.example.test');
      // What a client behind the proxy fetches arrives with the public host: it is served.
      const download = await call(`${url.pathname}${url.search}`);
      expect(download.status).toBe(200);
    } finally {
      stop();
    }
    expect(await run).toBe(0);

    for (const bad of [
      'emu.example.test',
      'https://emu.example.test/v1',
      'ftp://emu.example.test',
      'http://host:*',
    ]) {
      expect(() => parseEmulatorArgs(['--public-origin', bad]), bad).toThrow(
        /--public-origin .*pass an origin like https:\/\/emu\.example/,
      );
    }
  });
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signWebhook } from 'aigateway-js/webhooks';
import { describe, expect, it } from 'vitest';
import { jobSnapshot } from '../fixtures/jobs.js';
import { json, useGateway } from '../helpers/gateway.js';
import { startBin } from '../helpers/spawn.js';

const g = useGateway();

describe('aig webhooks verify (binary)', () => {
  it('accepts a delivery signed with the secret and rejects a tampered body', async () => {
    const signed = signWebhook(jobSnapshot('completed'), g.gw.webhookSecret);
    const body = join(g.cwd, 'delivery.json');
    await writeFile(body, signed.body);
    const args = ['webhooks', 'verify', '--signature', signed.signature, '--body-file', body];
    const env = { AIGATEWAY_WEBHOOK_SECRET: g.gw.webhookSecret };
    const ok = await g.bin(args, { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^✔ valid {2}job\.completed {2}job_test123/);
    expect(json<{ valid: boolean }>(await g.bin([...args, '--json'], { env })).valid).toBe(true);

    await writeFile(body, signed.body.replace('"cost_cents":50', '"cost_cents":0'));
    const tampered = await g.bin(args, { env });
    expect(tampered.code).toBe(3);
    expect(tampered.stderr).toMatch(/^error: No signature in `x-aig-signature` matches this body.*\n$/);
    expect(tampered.stdout).toBe('');
    expect(tampered.stdout + tampered.stderr).not.toContain(g.gw.webhookSecret);
  });
});

describe('aig webhooks listen (binary)', () => {
  it('receives the gateway’s signed delivery for a finished job, and stops on Ctrl-C with 130', async () => {
    const listener = startBin(['webhooks', 'listen', '--port', '0', '--secret', g.gw.webhookSecret], {
      env: g.env,
    });
    const [, url] = await listener.waitFor(
      'stderr',
      /Listening for webhooks on (http:\/\/127\.0\.0\.1:\d+\/)/,
    );
    const submitted = await g.aig([
      'call',
      'runwayml/gen-4',
      'a sunset',
      '--no-wait',
      '--webhook-url',
      url as string,
    ]);
    const jobId = submitted.stdout.trim();
    await g.gw.control.settle();
    await listener.waitFor('stdout', new RegExp(`✔ valid {2}job\\.completed {2}${jobId} {2}attempt 1`));
    const result = await listener.interrupt();
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('video · runwayml/gen-4 · result http');
    expect(result.stdout + result.stderr).not.toContain(g.gw.webhookSecret);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('emits one JSON line per event with --json', async () => {
    const listener = startBin(['webhooks', 'listen', '--port', '0', '--json'], {
      env: { ...g.env, AIGATEWAY_WEBHOOK_SECRET: g.gw.webhookSecret },
    });
    const [, url] = await listener.waitFor('stdout', /"url":"(http:[^"]+)"/);
    const jobId = (
      await g.aig(['call', 'suno/v5', 'jingle', '--no-wait', '--webhook-url', url as string])
    ).stdout.trim();
    await g.gw.control.settle();
    await listener.waitFor('stdout', /"event":"delivery"/);
    const result = await listener.interrupt();
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; type?: string; data?: { id: string } });
    expect(events[0]?.event).toBe('listening');
    expect(events[1]).toMatchObject({ event: 'delivery', type: 'job.completed', data: { id: jobId } });
  });

  it('--json reports a delivery it cannot handle (a body over 25 MiB) as a failed event, not on stderr', async () => {
    const listener = startBin([
      'webhooks',
      'listen',
      '--port',
      '0',
      '--json',
      '--secret',
      'whsec_big_0123456789',
    ]);
    const [, url] = await listener.waitFor('stdout', /"url":"(http:[^"]+)"/);
    const res = await fetch(url as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array(25 * 1024 * 1024 + 1),
    }).catch(() => undefined);
    if (res) expect(res.status).toBe(500);
    await listener.waitFor('stdout', /"event":"failed"/);
    const result = await listener.interrupt();
    expect(
      result.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => JSON.parse(line)),
    ).toEqual([{ event: 'failed', message: 'body too large' }]);
    expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: 'interrupted' } });
  });
});

describe('Ctrl-C is not an error', () => {
  it.each([
    [
      'webhooks listen',
      ['webhooks', 'listen', '--port', '0', '--secret', 'whsec_ctrlc_0123456789'],
      /Listening/,
      'stderr',
    ],
    ['dev', ['dev', '--port', '0', '--quiet'], /Press Ctrl-C to stop/, 'stdout'],
  ] as const)(
    'aig --verbose %s exits 130 with one quiet line, no stack',
    async (_name, args, ready, stream) => {
      const live = startBin(['--verbose', ...args], { env: g.env });
      await live.waitFor(stream, ready);
      const result = await live.interrupt();
      expect(result.code).toBe(130);
      expect(result.stderr).not.toMatch(/\n\s+at |CliError|error:/);
      expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(/^(Stopped listening|Emulator stopped)\.$/);
    },
  );
});

describe('aig dev', () => {
  it('starts the emulator with the emulator’s flags, serves the CLI, and stops on Ctrl-C', async () => {
    const dev = startBin([
      'dev',
      '--port',
      '0',
      '--quiet',
      '--key',
      'sk-aig-devkey12345',
      '--time-scale',
      '100',
    ]);
    const [, baseURL] = await dev.waitFor('stdout', /Base URL\s+(http:\/\/127\.0\.0\.1:\d+\/v1)/);
    const models = await g.aig(['models', '--json'], {
      env: { AIGATEWAY_BASE_URL: baseURL as string, AIGATEWAY_API_KEY: 'sk-aig-devkey12345' },
    });
    expect(models.code).toBe(0);
    expect(json<{ data: unknown[] }>(models).data.length).toBeGreaterThan(10);
    const result = await dev.interrupt();
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('Time scale      100');
    // Its own key is no secret: the banner shows it, and the line to use it.
    expect(result.stdout).toMatch(/API key\s+sk-aig-devkey12345\n/);
    expect(result.stdout).toContain(
      `export AIGATEWAY_BASE_URL=${baseURL} AIGATEWAY_API_KEY=sk-aig-devkey12345`,
    );
  });

  it('reports a bad emulator flag as a usage error (exit 2), on one line starting with error:', async () => {
    const r = await g.bin(['dev', '--port', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "error: --port must be an integer from 0 to 65535 (got 'abc'). Run 'aig dev --help' for the options.\n",
    );
    const unknown = await g.bin(['dev', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^error: Unknown option '--bogus'\. Run 'aig dev --help' for the options\.\n$/,
    );
  });

  it('shows the emulator’s own key even when it is also this shell’s AIGATEWAY_API_KEY', async () => {
    const dev = startBin(['dev', '--port', '0'], { env: { AIGATEWAY_API_KEY: 'sk-aig-emulator-dev' } });
    await dev.waitFor('stdout', /Press Ctrl-C to stop/);
    const result = await dev.interrupt();
    expect(result.stdout).toMatch(/API key\s+sk-aig-emulator-dev\n/);
    expect(result.stdout).not.toContain('[redacted]');
  });

  it('--json: one JSON line per event (listening with the emulator’s key, request); Ctrl-C, one error line', async () => {
    const dev = startBin([
      '--json',
      'dev',
      '--port',
      '0',
      '--key',
      'sk-aig-devkey12345',
      '--time-scale',
      '100',
    ]);
    const [line] = await dev.waitFor('stdout', /^\{"event":"listening".*\}\n/);
    const listening = JSON.parse(line) as { base_url: string; mcp_url: string };
    expect(listening).toEqual({
      event: 'listening',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      base_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1$/),
      api_key: 'sk-aig-devkey12345',
      webhook_secret: 'whsec_emulator_dev',
      mcp_url: listening.base_url.replace(/\/v1$/, '/mcp'),
      state_file: null,
      time_scale: 100,
      stream_delay_ms: 15,
      recording: null,
    });
    const models = await g.aig(['models', '--json'], {
      env: { AIGATEWAY_BASE_URL: listening.base_url, AIGATEWAY_API_KEY: 'sk-aig-devkey12345' },
    });
    expect(models.code).toBe(0);
    await dev.waitFor('stdout', /"event":"request"/);
    const result = await dev.interrupt();
    expect(result.code).toBe(130);
    const events = result.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.slice(1)).toEqual([
      {
        event: 'request',
        method: 'GET',
        path: '/v1/models',
        status: 200,
        duration_ms: expect.any(Number),
        request_id: expect.stringMatching(/^req_[0-9a-f]{24}$/),
      },
    ]);
    expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: 'interrupted', exit_code: 130 } });
  });

  it('--json: a bad flag, or a port in use, is one JSON error line', async () => {
    const bad = await g.bin(['--json', 'dev', '--port', 'abc']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(JSON.parse(bad.stderr)).toEqual({
      error: {
        code: 'usage_error',
        message:
          "--port must be an integer from 0 to 65535 (got 'abc'). Run 'aig dev --help' for the options.",
        exit_code: 2,
        status: null,
        type: null,
        request_id: null,
      },
    });
    const port = new URL(g.gw.url).port;
    // A port in use is a usage problem (exit 2) with the emulator's own advice, with and without --json.
    const advice = `Port ${port} is already in use on 127.0.0.1: stop the other process or pass --port 0`;
    const taken = await g.aig(['--json', 'dev', '--port', port]);
    expect(taken.code).toBe(2);
    expect(taken.stdout).toBe('');
    expect(JSON.parse(taken.stderr)).toMatchObject({
      error: { code: 'port_in_use', exit_code: 2, message: expect.stringContaining(advice) },
    });
    const text = await g.aig(['dev', '--port', port]);
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain(advice);
    expect(text.stderr).not.toMatch(/\n\s+at /);
  });
});

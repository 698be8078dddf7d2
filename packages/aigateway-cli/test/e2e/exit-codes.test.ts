import { describe, expect, it } from 'vitest';
import { json, TEST_KEY, useGateway } from '../helpers/gateway.js';
import { startBin } from '../helpers/spawn.js';

const g = useGateway();

interface Envelope {
  error: {
    code: string;
    message: string;
    exit_code: number;
    status: number | null;
    request_id: string | null;
  };
}

function envelope(stderr: string): Envelope {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] as string) as Envelope;
}

describe('documented exit codes from real gateway errors', () => {
  it('3: a rejected key, with the gateway message and X-Request-Id', async () => {
    const r = await g.bin(['models'], { env: { AIGATEWAY_API_KEY: 'sk-aig-notarealkey0000' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: .+ \(X-Request-Id: req_[0-9a-f]{24}\)\n$/);
    const e = envelope(
      (await g.aig(['models', '--json'], { env: { AIGATEWAY_API_KEY: 'sk-aig-notarealkey0000' } })).stderr,
    );
    expect(e.error).toMatchObject({ code: 'invalid_api_key', exit_code: 3, status: 401 });
    expect(e.error.request_id).toMatch(/^req_/);
  });

  it('4: a sub-account over its spend cap, with the cap, spend, reset and sub-account in the error', async () => {
    const sub = json<{ id: string; key: string }>(
      await g.aig(['sub-account', 'create', '--name', 'capped', '--spend-cap-cents', '0', '--json']),
    );
    const env = { AIGATEWAY_API_KEY: sub.key };
    const r = await g.bin(['call', 'openai/gpt-5.4', 'hi', '--json'], { env });
    expect(r.code).toBe(4);
    const now = new Date(g.gw.control.now() * 1000);
    const nextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) / 1000;
    expect(envelope(r.stderr).error).toMatchObject({
      code: 'budget_exceeded',
      status: 402,
      exit_code: 4,
      type: 'budget_exceeded',
      spend_cap_cents: 0,
      spent_cents: 0,
      resets_at: nextMonth,
      sub_account_id: sub.id,
    });
    const human = await g.aig(['call', 'openai/gpt-5.4', 'hi'], { env });
    const day = new Date(nextMonth * 1000).toISOString().slice(0, 10);
    expect(human.stderr).toMatch(
      new RegExp(`^error: .+ \\(cap 0¢, spent 0¢, resets ${day}\\) \\(X-Request-Id: req_\\w+\\)\n$`),
    );
  });

  it('5: an unknown model, with suggestions', async () => {
    const r = await g.bin(['call', 'gpt-5.4', 'hi', '--json']);
    expect(r.code).toBe(5);
    const e = envelope(r.stderr) as Envelope & { error: { suggestions: string[]; param: string } };
    expect(e.error.code).toBe('model_not_found');
    expect(e.error.suggestions).toContain('openai/gpt-5.4');
    expect(e.error.param).toBe('model');
    const human = await g.aig(['call', 'gpt-5.4', 'hi']);
    expect(human.stderr).toMatch(/^error: .*openai\/gpt-5\.4.* \(X-Request-Id: req_\w+\)\n$/);
  });

  it('6: rate limited, with retry_after from the gateway', async () => {
    // Over the SDK's 60 s Retry-After cap, so aig gives up at once instead of waiting.
    g.gw.control.addFault({ path: '/v1/models', fault: 'status=429,retry-after=61', count: 1 });
    const r = await g.bin(['models', '--json']);
    expect(r.code).toBe(6);
    expect(envelope(r.stderr).error).toMatchObject({
      code: 'rate_limit_exceeded',
      status: 429,
      type: 'rate_limit_error',
      retry_after: 61,
    });
  });

  it('6: rate limited after the SDK’s retries', async () => {
    g.gw.control.addFault({ path: '/v1/models', fault: 'status=429,retry-after=0', count: 3 });
    const r = await g.aig(['models', '--json']);
    expect(r.code).toBe(6);
    expect(envelope(r.stderr).error).toMatchObject({
      code: 'rate_limit_exceeded',
      status: 429,
      retry_after: 0,
    });
  });

  it('7: provider errors (naming the provider) and an unreachable gateway', async () => {
    // Each call fails all three attempts (the SDK retries twice); side by side, their backoffs overlap.
    g.gw.control.addFault({ path: '/v1/chat/completions', fault: 'status=502', count: 6 });
    const [r, doc, down] = await Promise.all([
      g.bin(['call', 'openai/gpt-5.4', 'hi']),
      g.aig(['call', 'openai/gpt-5.4', 'hi', '--json']),
      g.bin(['models', '--json'], { env: { AIGATEWAY_BASE_URL: 'http://127.0.0.1:9/v1' } }),
    ]);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/^error: .+ \(provider openai\) \(X-Request-Id: req_\w+\)\n$/);
    expect(envelope(doc.stderr).error).toMatchObject({
      code: 'provider_error',
      status: 502,
      provider: 'openai',
    });
    expect(down.code).toBe(7);
    expect(envelope(down.stderr).error.code).toBe('connection_error');
  });

  it('--verbose shows where the key came from, request ids and retries, never the key', async () => {
    g.gw.control.addFault({ path: '/v1/models', fault: 'status=502', count: 1 });
    const r = await g.aig(['--verbose', 'models', '--modality', 'chat']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('[aig] API key from AIGATEWAY_API_KEY');
    expect(r.stderr).toMatch(/req_[0-9a-f]{24}/);
    expect(r.stderr).toMatch(/retry|attempt=2/i);
    const flag = await g.aig(['--verbose', '--key', TEST_KEY, 'usage'], { env: { AIGATEWAY_API_KEY: '' } });
    expect(flag.stderr).toContain('API key from --key');
    const failing = await g.bin(['--verbose', 'call', 'nope/nope', 'x']);
    expect(failing.code).toBe(5);
    expect(failing.stderr).toMatch(/at .+\.js:\d+/);
  });

  it('130: Ctrl-C during a stalled stream stops it, keeping what was printed', async () => {
    g.gw.control.addFault({ path: '/v1/chat/completions', fault: 'stream-stall=2', count: 1 });
    const chat = startBin(['call', 'openai/gpt-5.4', 'tell me a long story'], { env: g.env });
    await chat.waitFor('stdout', /Emulated/);
    const r = await chat.interrupt();
    expect(r.code).toBe(130);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain('error:');
  });
});

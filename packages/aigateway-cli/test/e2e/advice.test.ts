// Issue #15, "It must speak in aig commands": every hint a user gets names the aig command or flag that does
// it, never an endpoint, an SDK option or a header; bodies that are not the gateway's errors are summarised;
// an unreachable gateway is named with where its URL came from. Through the built binary, against the emulator
// (or, for what only a broken proxy sends, a loopback server in front of it).
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { signWebhook } from 'aigateway-js';
import { afterAll, describe, expect, it } from 'vitest';
import { inAigTerms } from '../../src/core/advice.js';
import { postJson, TEST_KEY, useGateway } from '../helpers/gateway.js';

const g = useGateway();

/** What an HTTP or SDK user would be told to do; aig's users must never see it. */
const NOT_AIG =
  /\b(?:GET|POST|PATCH|DELETE) \/v1\/|Authorization: Bearer|streamIdleTimeout|`now`|`timeout`|webhook_url/;

describe('gateway errors, in aig terms', () => {
  it('402: raise the cap with aig sub-account update … --spend-cap-cents', async () => {
    const capped = await postJson<{ id: string; key: string }>(g, '/sub-accounts', {
      name: 'c',
      spend_cap_cents: 0,
    });
    const r = await g.bin(['call', 'openai/gpt-5.4', 'hi'], { env: { AIGATEWAY_API_KEY: capped.key } });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`aig sub-account update ${capped.id} --spend-cap-cents <cents>`);
    expect(r.stderr).not.toMatch(NOT_AIG);
  });

  it('404: an unknown model points at aig models', async () => {
    const r = await g.bin(['call', 'nope/nope', 'hi']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('aig models');
    expect(r.stderr).not.toMatch(NOT_AIG);
  });

  it('401: a rejected key says where it came from and how to replace it', async () => {
    const r = await g.bin(['models'], { env: { AIGATEWAY_API_KEY: 'sk-aig-notthekey00000' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /The key came from AIGATEWAY_API_KEY\. Check it, or save a new one with aig init/,
    );
    expect(r.stderr).not.toMatch(NOT_AIG);
  });

  it('400: names the flag that set the field', async () => {
    const r = await g.bin(['call', 'runwayml/gen-4', 'a sunset', '--duration', '61', '--no-wait']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--duration');
  });

  it('429 and 402 messages name aig commands (the emulator’s own words, rewritten)', () => {
    expect(
      inAigTerms(
        'This sub-account is limited to 1 requests per minute. Retry after 30 s, or raise rate_limit_rpm with PATCH /v1/sub-accounts/sa_1.',
        'rate_limit_error',
        'rate_limit_exceeded',
      ),
    ).toBe(
      'This sub-account is limited to 1 requests per minute. Retry after 30 s, or raise it with aig sub-account update sa_1 --rpm <n>.',
    );
    expect(inAigTerms('See GET /v1/models for the catalog; wait with GET /v1/evals/eval_9.')).toBe(
      'See aig models for the catalog; wait with aig eval get eval_9.',
    );
  });

  it('endpoints are read from the contract: its own placeholders and slugs become aig commands', () => {
    expect(inAigTerms('See GET /v1/models/{model}; poll GET /v1/jobs/{id}.')).toBe(
      'See aig models (model <id>); poll aig jobs get <id>.',
    );
    expect(inAigTerms('Look it up with GET /v1/models/openai/gpt-5.4.')).toBe(
      'Look it up with aig models (model openai/gpt-5.4).',
    );
    expect(inAigTerms('Create one with POST /v1/sub-accounts, then DELETE /v1/sub-accounts/sa_2.')).toBe(
      'Create one with aig sub-account create, then aig sub-account delete sa_2.',
    );
  });

  it('a stale webhook signature points at --tolerance, not the SDK’s `now` option', async () => {
    const cwd = join(g.cwd, 'stale');
    await mkdir(cwd, { recursive: true });
    const body = '{"id":"job_1","status":"completed"}';
    await writeFile(join(cwd, 'body.json'), body);
    const t = Math.floor(Date.now() / 1000) - 3600;
    const r = await g.bin(
      [
        'webhooks',
        'verify',
        '--secret',
        'whsec_x',
        '--signature',
        signWebhook(body, 'whsec_x', { timestamp: t }).signature,
        '--body-file',
        'body.json',
      ],
      { cwd },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/signature was made 3\d{3} s ago, more than the 300 s tolerance/);
    expect(r.stderr).toContain('--tolerance 0');
    expect(r.stderr).not.toMatch(NOT_AIG);
  });
});

/** A loopback server answering every request with `status`, `type` and `body`: a proxy or a web server. */
async function answering(
  status: number,
  type: string,
  body: string,
): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, server };
}

describe('what is not the gateway’s answer', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('an HTML 502 page is summarised by its title, not dumped', async () => {
    const page = await answering(
      502,
      'text/html',
      `<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{}</style></head><body><h1>Bad Gateway</h1>${'<p>x</p>'.repeat(200)}</body></html>`,
    );
    servers.push(page.server);
    const r = await g.bin(['models'], { env: { AIGATEWAY_BASE_URL: page.url } });
    expect(r.code).toBe(7);
    expect(r.stderr).toContain(
      `${page.url} (from AIGATEWAY_BASE_URL) answered 502 with an HTML page ("502 Bad Gateway")`,
    );
    expect(r.stderr).not.toContain('<');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a 200 that is not JSON says what came back and where the URL came from (not "a bug in aig")', async () => {
    const page = await answering(200, 'text/html', '<html><body>Welcome to nginx!</body></html>');
    servers.push(page.server);
    const r = await g.bin(['models'], { env: { AIGATEWAY_BASE_URL: page.url } });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/answered 200 with a body that is not JSON \(content-type text\/html/);
    expect(r.stderr).toContain(
      `Is ${page.url} (from AIGATEWAY_BASE_URL) the gateway's API? If not, fix AIGATEWAY_BASE_URL.`,
    );
    expect(r.stderr).not.toMatch(/bug in aig/);
  });

  it('a refused connection names the URL and the .env file it came from', async () => {
    const cwd = join(g.cwd, 'refused');
    await mkdir(cwd, { recursive: true });
    // A port that was free a moment ago: nothing listens there now.
    const closed = await answering(200, 'text/plain', '');
    await new Promise((resolve) => closed.server.close(resolve));
    const url = closed.url;
    await writeFile(join(cwd, '.env'), `AIGATEWAY_API_KEY=${TEST_KEY}\nAIGATEWAY_BASE_URL=${url}\n`);
    const r = await g.bin(['models'], {
      cwd,
      env: { AIGATEWAY_API_KEY: undefined, AIGATEWAY_BASE_URL: undefined },
    });
    expect(r.code).toBe(7);
    expect(r.stderr).toBe(
      `error: Cannot reach ${url} (from AIGATEWAY_BASE_URL in ${join(cwd, '.env')}): connection refused ` +
        '(nothing listens there). Check that the gateway runs there (aig dev starts a local one) and your network, ' +
        `or fix AIGATEWAY_BASE_URL in ${join(cwd, '.env')}.\n`,
    );
  });
});

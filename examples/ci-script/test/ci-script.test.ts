import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
let bin: string;
let gw: RunningEmulator;
let chatModel: string;
const TAG = 'nightly-evals';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs ci.sh with bash, the built `aig` first on PATH, and only the given environment. */
function ciScript(env: Record<string, string>): Promise<Result> {
  return new Promise((done) => {
    execFile(
      'bash',
      [join(root, 'ci.sh')],
      {
        cwd: root,
        env: {
          PATH: `${bin}:${process.env.PATH}`,
          CI: 'true',
          AIGATEWAY_BASE_URL: gw.url,
          AIGATEWAY_API_KEY: gw.apiKey,
          AIG_BUDGET_TAG: TAG,
          AIG_RATE_LIMIT_WAIT: '0',
          ...env,
        },
      },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** Real tagged spend on the emulator, as an app sending x-aig-tag would make it. */
async function spend(tag: string, requests: number, key = gw.apiKey): Promise<void> {
  for (let i = 0; i < requests; i++) {
    const res = await fetch(`${gw.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-aig-tag': tag },
      body: JSON.stringify({ model: chatModel, messages: [{ role: 'user', content: `question ${i}` }] }),
    });
    expect(res.status).toBe(200);
  }
}

const spentOn = (tag: string) =>
  gw.control
    .charges()
    .filter((c) => c.tag === tag)
    .reduce((sum, c) => sum + c.cost_cents, 0);

/**
 * A PATH folder with `aig` pointing at the workspace's built CLI, as `npm i -g aigateway-cli` would
 * provide. pnpm links a workspace bin only if its target existed at install time, and `dist/` is
 * built after install, so node_modules/.bin cannot be relied on in a fresh clone.
 */
async function aigOnPath(): Promise<string> {
  const manifestPath = createRequire(import.meta.url).resolve('aigateway-cli/package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { bin: { aig: string } };
  const target = join(dirname(manifestPath), manifest.bin.aig);
  expect(existsSync(target), `${target} is missing: run \`pnpm build\` first`).toBe(true);
  const dir = await mkdtemp(join(tmpdir(), 'aig-ci-bin-'));
  await writeFile(join(dir, 'aig'), `#!/bin/sh\nexec node ${JSON.stringify(target)} "$@"\n`);
  await chmod(join(dir, 'aig'), 0o755);
  return dir;
}

beforeAll(async () => {
  bin = await aigOnPath();
  gw = await startEmulator();
  const res = await fetch(`${gw.url}/models`, { headers: { authorization: `Bearer ${gw.apiKey}` } });
  const { data } = (await res.json()) as { data: { id: string; modality: string; floating: boolean }[] };
  chatModel = data.find((m) => m.modality === 'chat' && !m.floating)?.id ?? '';
});
beforeEach(() => gw.control.reset());
afterAll(async () => {
  await gw?.close();
  if (bin) await rm(bin, { recursive: true, force: true });
});

describe('ci.sh against the emulator', () => {
  it('passes (exit 0) when the tag is within budget, reporting what it spent', async () => {
    await spend(TAG, 3);
    await spend('other-feature', 2);
    const { code, stdout, stderr } = await ciScript({ AIG_BUDGET_CENTS: '100' });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const month = new Date(gw.control.now() * 1000).toISOString().slice(0, 7);
    expect(stdout.trim()).toBe(
      `tag '${TAG}' spent ${spentOn(TAG)}¢ in ${month} over 3 requests (budget 100¢): OK`,
    );
  });

  it('fails the build (exit 1) when the tag spent more than the budget', async () => {
    await spend(TAG, 3);
    const budget = (spentOn(TAG) / 2).toFixed(3);
    const { code, stdout, stderr } = await ciScript({ AIG_BUDGET_CENTS: budget });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`ci.sh: tag '${TAG}' spent ${spentOn(TAG)}¢`);
    expect(stderr).toContain(`over the budget of ${budget}¢.`);
  });

  it('runs a tagged smoke call first, and counts it', async () => {
    const { code, stdout } = await ciScript({ AIG_BUDGET_CENTS: '100', AIG_SMOKE_MODEL: chatModel });
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^smoke test: ${chatModel} answered \\([1-9]\\d* characters\\)$`, 'm'));
    expect(stdout).toContain('over 1 requests');
    expect(gw.control.charges().map((c) => c.tag)).toEqual([TAG]);
  });

  it('exits 3 with advice on a rejected key, without printing it', async () => {
    const wrongKey = 'sk-aig-not-a-real-key-123';
    const { code, stdout, stderr } = await ciScript({ AIG_BUDGET_CENTS: '100', AIGATEWAY_API_KEY: wrongKey });
    expect(code).toBe(3);
    expect(stderr).toMatch(
      /^ci\.sh: authentication failed: .*\(request req_\w+\) Check the AIGATEWAY_API_KEY secret\.$/m,
    );
    expect(stdout + stderr).not.toContain(wrongKey);
  });

  it('exits 4 when the key is a sub-account whose spend cap is used up', async () => {
    const res = await fetch(`${gw.url}/sub-accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ci', spend_cap_cents: 1 }),
    });
    const sub = (await res.json()) as { key: string };
    // Ask until the cap refuses the next question: a cap is reached, never passed.
    for (let i = 0, status = 200; status === 200; i++) {
      const res = await fetch(`${gw.url}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sub.key}`, 'content-type': 'application/json', 'x-aig-tag': TAG },
        body: JSON.stringify({ model: chatModel, messages: [{ role: 'user', content: `question ${i}` }] }),
      });
      status = res.status;
      expect([200, 402]).toContain(status);
    }
    expect(spentOn(TAG)).toBeGreaterThan(0);
    const { code, stderr } = await ciScript({
      AIG_BUDGET_CENTS: '100',
      AIG_SMOKE_MODEL: chatModel,
      AIGATEWAY_API_KEY: sub.key,
    });
    expect(code).toBe(4);
    expect(stderr).toMatch(/^ci\.sh: the key's spend cap was hit: .*monthly spend cap of 1 cents/m);
    expect(stderr).not.toContain(sub.key);
  });

  it('reruns a rate-limited aig command, and exits 6 when the limit persists', async () => {
    // aig itself retries twice; three 429s exhaust one aig run, and the script's rerun succeeds.
    gw.control.addFault({ path: '/v1/usage', fault: 'status=429,retry-after=0', count: 3 });
    const recovered = await ciScript({ AIG_BUDGET_CENTS: '100', AIG_RATE_LIMIT_RETRIES: '1' });
    expect(recovered.code).toBe(0);
    expect(recovered.stderr).toBe(
      "ci.sh: rate limited; waiting 0s (the gateway's retry_after) before retry 1 of 1\n",
    );
    expect(recovered.stdout).toContain('(budget 100¢): OK');

    gw.control.addFault({ path: '/v1/usage', fault: 'status=429,retry-after=0' });
    const limited = await ciScript({ AIG_BUDGET_CENTS: '100', AIG_RATE_LIMIT_RETRIES: '1' });
    expect(limited.code).toBe(6);
    expect(limited.stderr).toMatch(/^ci\.sh: still rate limited after 1 retries: Rate limit reached/m);
  });

  it('waits as long as the gateway’s retry_after says before rerunning, not AIG_RATE_LIMIT_WAIT', async () => {
    // Three 429s asking for 1 s exhaust one aig run (it retries twice, waiting 1 s each); had the script
    // waited AIG_RATE_LIMIT_WAIT (600 s) instead, this test would time out.
    gw.control.addFault({ path: '/v1/usage', fault: 'status=429,retry-after=1', count: 3 });
    const r = await ciScript({
      AIG_BUDGET_CENTS: '100',
      AIG_RATE_LIMIT_RETRIES: '1',
      AIG_RATE_LIMIT_WAIT: '600',
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "ci.sh: rate limited; waiting 1s (the gateway's retry_after) before retry 1 of 1\n",
    );
    expect(r.stdout).toContain('(budget 100¢): OK');
  });

  it('exits 2 naming the variable when the configuration is incomplete', async () => {
    const missing = await ciScript({ AIG_BUDGET_TAG: '', AIG_BUDGET_CENTS: '100' });
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('AIG_BUDGET_TAG is not set') });
    const bad = await ciScript({ AIG_BUDGET_CENTS: 'lots' });
    expect(bad).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("AIG_BUDGET_CENTS must be a number of US cents (got 'lots')"),
    });
  });
});

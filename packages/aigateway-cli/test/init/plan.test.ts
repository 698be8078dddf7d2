import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL } from '../../src/core/credentials.js';
import { applyPlan } from '../../src/init/apply.js';
import { planInit } from '../../src/init/plan.js';

const KEY = 'sk-aig-0123456789abcdef';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aig-plan-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const answers = (over: Partial<Parameters<typeof planInit>[0]> = {}) => ({
  dir,
  apiKey: KEY,
  baseURL: DEFAULT_BASE_URL,
  model: 'anthropic/claude-sonnet-4.6',
  lang: 'ts' as const,
  force: false,
  ...over,
});

describe('planInit + applyPlan', () => {
  it('writes .env (0600), .gitignore and the starter', async () => {
    const plan = await planInit(answers(), dir);
    expect(plan.files.map((f) => [f.display, f.action])).toEqual([
      ['.env', 'create'],
      ['.gitignore', 'create'],
      ['aigateway-starter.ts', 'create'],
    ]);
    await applyPlan(plan.files);
    expect(await readFile(join(dir, '.env'), 'utf8')).toBe(
      `AIGATEWAY_API_KEY=${KEY}\nAIG_MODEL=anthropic/claude-sonnet-4.6\n`,
    );
    expect((await stat(join(dir, '.env'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).toContain('\n.env\n');
    const starter = await readFile(join(dir, 'aigateway-starter.ts'), 'utf8');
    expect(starter).toContain("from 'openai'");
    expect(starter).toContain('process.env.AIG_MODEL');
    expect(starter).toContain("'x-aig-tag'");
    expect((await readdir(dir)).sort()).toEqual(['.env', '.gitignore', 'aigateway-starter.ts']);
  });

  it('records a non-default base URL and tightens an existing .env to 0600', async () => {
    await writeFile(join(dir, '.env'), 'OTHER=1\n', { mode: 0o644 });
    const plan = await planInit(answers({ baseURL: 'http://127.0.0.1:8787/v1', lang: undefined }), dir);
    expect(plan.files.map((f) => f.action)).toEqual(['update', 'create']);
    await applyPlan(plan.files);
    expect(await readFile(join(dir, '.env'), 'utf8')).toBe(
      `OTHER=1\nAIGATEWAY_API_KEY=${KEY}\nAIGATEWAY_BASE_URL=http://127.0.0.1:8787/v1\nAIG_MODEL=anthropic/claude-sonnet-4.6\n`,
    );
    expect((await stat(join(dir, '.env'))).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite a starter or replace a different key without --force', async () => {
    await writeFile(join(dir, 'aigateway-starter.ts'), 'mine');
    await expect(planInit(answers(), dir)).rejects.toThrow(
      /aigateway-starter\.ts already exists\. Pass --force/,
    );
    const forced = await planInit(answers({ force: true }), dir);
    expect(forced.files.at(-1)?.action).toBe('overwrite');

    await writeFile(join(dir, '.env'), 'AIGATEWAY_API_KEY=sk-aig-someoneelse1\n');
    await expect(planInit(answers({ lang: undefined }), dir)).rejects.toThrow(/different AIGATEWAY_API_KEY/);
  });

  it('leaves nothing behind when interrupted before writing', async () => {
    const plan = await planInit(answers(), dir);
    const controller = new AbortController();
    controller.abort();
    await expect(applyPlan(plan.files, controller.signal)).rejects.toThrow(/nothing was written/);
    expect(await readdir(dir)).toEqual([]);
  });
});

import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway, TEST_KEY } from '../helpers/gateway.js';
import { runInProcess } from '../helpers/in-process.js';
import { gitIgnores, gitRepo, run } from '../reliability/git-repo.js';

// A .env that git already tracks is committed whatever .gitignore says: init warns on stderr (never on
// stdout, --json or --quiet notwithstanding) with the command that untracks it, and still ignores it.
let g: Gateway;
beforeAll(async () => {
  g = await startGateway();
});
afterAll(() => g.close());

let n = 0;
async function repoWithTrackedEnv(envPath = '.env'): Promise<string> {
  const dir = await gitRepo(join(g.cwd, `tracked-${n++}`), { [envPath]: 'DATABASE_URL=postgres://db\n' });
  await run('git', ['-C', dir, 'add', envPath]);
  await run('git', [
    '-C',
    dir,
    '-c',
    'user.name=t',
    '-c',
    'user.email=t@example.com',
    'commit',
    '-qm',
    'env',
  ]);
  return dir;
}

const init = (cwd: string, args: string[] = [], env: Record<string, string> = {}) =>
  runInProcess(['init', '--no-scaffold', ...args], { cwd, env: { ...g.env, ...env } });

describe('aig init when git already tracks .env', () => {
  it('warns on stderr how to untrack it, writes the key and still ignores .env', async () => {
    const dir = await repoWithTrackedEnv();
    const r = await init(dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^warning: \.env is tracked by git, so the API key in it would be committed .* `git rm --cached \.env`/m,
    );
    expect(r.stdout).not.toContain('tracked by git');
    expect(await readFile(join(dir, '.env'), 'utf8')).toContain(`AIGATEWAY_API_KEY=${TEST_KEY}`);
    expect(await gitIgnores(dir, '.env')).toBe(true);
    expect(r.stdout + r.stderr).not.toContain(TEST_KEY);
  });

  it('keeps --json stdout one document, and warns even with --quiet and --dry-run', async () => {
    const dir = await repoWithTrackedEnv();
    const json = await init(dir, ['--json', '--dry-run']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ dry_run: true });
    expect(json.stderr).toContain('git rm --cached .env');
    const quiet = await init(dir, ['--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toContain('git rm --cached .env');
  });

  it('names the folder for --dir', async () => {
    const dir = await repoWithTrackedEnv('apps/web/.env');
    const r = await init(dir, ['--dir', 'apps/web']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('apps/web/.env is tracked by git');
    expect(r.stderr).toContain('`git -C "apps/web" rm --cached .env`');
  });

  it('says nothing when .env is untracked, outside a repository, or git is not installed', async () => {
    const untracked = await gitRepo(join(g.cwd, `untracked-${n++}`), { '.env': 'A=1\n' });
    const plain = join(g.cwd, `plain-${n++}`);
    await mkdir(plain);
    const tracked = await repoWithTrackedEnv();
    for (const [cwd, env] of [
      [untracked, {}],
      [plain, {}],
      [tracked, { PATH: join(g.cwd, 'no-git-here') }],
    ] as const) {
      const r = await init(cwd, [], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
    }
  });
});

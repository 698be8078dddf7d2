import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_KEY, useGateway } from '../helpers/gateway.js';
import { BIN, baseEnv } from '../helpers/spawn.js';
import { fileMode as mode, gitIgnores as ignored, gitRepo, run } from './git-repo.js';

// The `.env` that `aig init` writes holds the key: it must be readable by its owner only, whatever
// the umask, and git must ignore it — asked of git itself (`git check-ignore`), not inferred from
// the text of .gitignore, in a real repository and whatever .gitignore held before.

const g = useGateway();

let n = 0;
const repo = (files: Record<string, string> = {}) => gitRepo(join(g.cwd, `repo-${n++}`), files);

describe('.env written by aig init', () => {
  it.each([
    ['no .gitignore', {}],
    ['a .gitignore without a newline at the end', { '.gitignore': 'node_modules' }],
    ['a .gitignore that only mentions .env in a comment', { '.gitignore': '# .env\n' }],
    ['a .gitignore that ignores .env.local only', { '.gitignore': '.env.local\n' }],
    ['a .gitignore that ignores a directory named .env', { '.gitignore': '.env/\n' }],
    ['a .gitignore that already ignores .env*', { '.gitignore': '.env*\n!.env.example\n' }],
    ['a .gitignore that ignores **/.env', { '.gitignore': '**/.env\n' }],
    ['a .gitignore that re-includes .env (and nothing ignores it after)', { '.gitignore': '!.env\n' }],
  ])('is mode 0600 and ignored by git, with %s', async (_name, files: Record<string, string>) => {
    const dir = await repo(files);
    const result = await g.aig(['init', '--no-scaffold'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(await mode(join(dir, '.env'))).toBe(0o600);
    expect(await readFile(join(dir, '.env'), 'utf8')).toContain(`AIGATEWAY_API_KEY=${TEST_KEY}`);
    expect(await ignored(dir, '.env')).toBe(true);
    const { stdout } = await run('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=all']);
    expect(stdout).not.toMatch(/\.env$/m);
  });

  it('is ignored when written into a subfolder of the repository (--dir)', async () => {
    const dir = await repo({ '.gitignore': 'dist\n' });
    const result = await g.aig(['init', '--no-scaffold', '--dir', 'apps/web'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(await mode(join(dir, 'apps/web/.env'))).toBe(0o600);
    expect(await ignored(dir, 'apps/web/.env')).toBe(true);
  });

  it('is 0600 under a permissive umask (000), and an existing world-readable .env is tightened', async () => {
    const dir = await repo({ '.env': 'DATABASE_URL=postgres://db\n' });
    await run('chmod', ['0644', join(dir, '.env')]);
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(
        'sh',
        ['-c', 'umask 000 && exec "$0" "$1" init --no-scaffold', process.execPath, BIN],
        {
          cwd: dir,
          env: baseEnv(g.env),
          stdio: ['ignore', 'ignore', 'ignore'],
        },
      );
      child.on('close', resolve);
    });
    expect(code).toBe(0);
    expect(await mode(join(dir, '.env'))).toBe(0o600);
    expect(await readFile(join(dir, '.env'), 'utf8')).toMatch(
      /^DATABASE_URL=postgres:\/\/db\nAIGATEWAY_API_KEY=/,
    );
  });
});

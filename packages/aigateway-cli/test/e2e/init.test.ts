import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { json, TEST_KEY, useGateway } from '../helpers/gateway.js';
import { baseEnv } from '../helpers/spawn.js';

const run = promisify(execFile);
const WORKSPACE = fileURLToPath(new URL('../../../../', import.meta.url));
const INSPECT_PYTHON_STARTER = fileURLToPath(
  new URL('../fixtures/inspect-python-starter.py', import.meta.url),
);

const g = useGateway();

async function freshDir(name: string): Promise<string> {
  const dir = join(g.cwd, name);
  await mkdir(dir);
  return dir;
}

describe('aig init without a terminal', () => {
  it('AIGATEWAY_API_KEY=… aig init --no-scaffold writes .env (0600) and .gitignore, with no prompt', async () => {
    const cwd = await freshDir('ci');
    const r = await g.aig(['init', '--no-scaffold'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/created\s+\.env \(mode 600\)/);
    expect(r.stdout).toContain('Next time, without prompts:\n  AIGATEWAY_API_KEY=<your key> aig init');
    const env = await readFile(join(cwd, '.env'), 'utf8');
    expect(env).toBe(
      `AIGATEWAY_API_KEY=${TEST_KEY}\nAIGATEWAY_BASE_URL=${g.gw.url}\nAIG_MODEL=anthropic/claude-sonnet-4.6\n`,
    );
    expect((await stat(join(cwd, '.env'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(cwd, '.gitignore'), 'utf8')).toContain('\n.env\n');
    expect((await readdir(cwd)).sort()).toEqual(['.env', '.gitignore']);
  });

  it('merges with an existing .env and .gitignore, and a second run changes nothing', async () => {
    const cwd = await freshDir('merge');
    await writeFile(join(cwd, '.env'), '# mine\nDATABASE_URL=postgres://db\nAIG_MODEL=old/model\n');
    await writeFile(join(cwd, '.gitignore'), 'node_modules\n');
    const r = await g.aig(['init', '--no-scaffold', '--model', 'moonshot/kimi-k2.6'], { cwd });
    expect(r.code).toBe(0);
    expect(await readFile(join(cwd, '.env'), 'utf8')).toBe(
      `# mine\nDATABASE_URL=postgres://db\nAIG_MODEL=moonshot/kimi-k2.6\nAIGATEWAY_API_KEY=${TEST_KEY}\nAIGATEWAY_BASE_URL=${g.gw.url}\n`,
    );
    expect(await readFile(join(cwd, '.gitignore'), 'utf8')).toMatch(
      /^node_modules\n\n# Secrets written by `aig init`\n\.env\n$/,
    );
    const again = json<{ files: Array<{ action: string }> }>(
      await g.aig(['init', '--no-scaffold', '--model', 'moonshot/kimi-k2.6', '--json'], { cwd }),
    );
    expect(again.files.map((f) => f.action)).toEqual(['unchanged', 'unchanged']);
  });

  it('--dry-run shows every file (key hidden) and writes nothing', async () => {
    const cwd = await freshDir('dry');
    const r = await g.aig(['init', '--lang', 'js', '--dry-run'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('would create    .env');
    expect(r.stdout).toContain('│ AIGATEWAY_API_KEY=[redacted]');
    expect(r.stdout).toContain("│ import OpenAI from 'openai';");
    const doc = json<{ dry_run: boolean; files: Array<{ path: string; content: string }> }>(
      await g.aig(['init', '--lang', 'python', '--dry-run', '--json'], { cwd }),
    );
    expect(doc.dry_run).toBe(true);
    expect(doc.files.map((f) => f.path.split('/').pop())).toEqual([
      '.env',
      '.gitignore',
      'aigateway_starter.py',
    ]);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('--dir creates the folder; --force overwrites an existing starter', async () => {
    const cwd = await freshDir('dir');
    const r = await g.aig(['init', '--dir', 'app', '--lang', 'ts', '--json'], { cwd });
    const doc = json<{ dir: string; lang: string; next_steps: string[]; command: string }>(r);
    expect(doc.lang).toBe('ts');
    expect(doc.next_steps).toEqual(['cd "app"', 'npm install openai', 'npx tsx aigateway-starter.ts']);
    expect(doc.command).toBe(
      `AIGATEWAY_API_KEY=<your key> aig init --dir "app" --base-url ${g.gw.url} --lang ts --model anthropic/claude-sonnet-4.6 --yes`,
    );
    await writeFile(join(cwd, 'app', 'aigateway-starter.ts'), '// edited\n');
    const refused = await g.aig(['init', '--dir', 'app', '--lang', 'ts'], { cwd });
    expect(refused.code).toBe(2);
    expect(await readFile(join(cwd, 'app', 'aigateway-starter.ts'), 'utf8')).toBe('// edited\n');
    const forced = await g.aig(['init', '--dir', 'app', '--lang', 'ts', '--force'], { cwd });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/overwritten\s+app\/aigateway-starter\.ts/);
  });
});

/** Scaffolds a starter into a fresh folder and links the workspace's `openai` package next to it. */
async function scaffold(lang: string, dir = `starter-${lang}`): Promise<string> {
  const cwd = await freshDir(dir);
  const r = await g.aig(['init', '--lang', lang, '--model', 'openai/gpt-5.4'], { cwd });
  expect(r.code, r.stderr).toBe(0);
  if (lang !== 'python') {
    await mkdir(join(cwd, 'node_modules'));
    await symlink(
      await realpath(join(WORKSPACE, 'node_modules', 'openai')),
      join(cwd, 'node_modules', 'openai'),
    );
  }
  return cwd;
}

// The starter reads .env itself; clear the harness's variables so the file is what configures it.
const STARTER_ENV = baseEnv({ CI: undefined });

describe('the starters init writes run against the emulator', () => {
  it('TypeScript (tsx)', async () => {
    const cwd = await scaffold('ts');
    const tsx = join(await realpath(join(WORKSPACE, 'node_modules', 'tsx')), 'dist', 'cli.mjs');
    const { stdout } = await run(process.execPath, [tsx, 'aigateway-starter.ts'], { cwd, env: STARTER_ENV });
    expect(stdout).toMatch(/^Emulated reply from openai\/gpt-5\.4 to .Say hello from AIgateway/);
  });

  it('JavaScript (node)', async () => {
    const cwd = await scaffold('js');
    const { stdout } = await run(process.execPath, ['aigateway-starter.mjs'], { cwd, env: STARTER_ENV });
    expect(stdout).toMatch(/^Emulated reply from openai\/gpt-5\.4/);
    const usage = json<{ data: Array<{ tag: string | null }> }>(await g.aig(['usage', '--json']));
    expect(usage.data.map((r) => r.tag)).toContain('starter');
  });

  // Always runs, even where pip cannot install openai (the test below then skips): the starter compiles, and
  // its own load_env() plus the OpenAI(...) call read the key, base URL, tag and model as documented.
  it('Python compiles and is configured from .env and the environment (no pip needed)', async () => {
    const cwd = await scaffold('python', 'starter-python-static');
    await run('python3', ['-m', 'py_compile', 'aigateway_starter.py'], { cwd, env: baseEnv() });
    const inspect = async (env: Record<string, string> = {}) => {
      const { stdout } = await run('python3', [INSPECT_PYTHON_STARTER, 'aigateway_starter.py'], {
        cwd,
        env: baseEnv({ CI: undefined, EXPECTED_KEY: TEST_KEY, ...env }),
      });
      return JSON.parse(stdout) as { environment: Record<string, string> };
    };
    expect(await inspect()).toEqual({
      imports_openai: true,
      client: {
        api_key: "os.environ.get('AIGATEWAY_API_KEY')",
        base_url: "os.environ.get('AIGATEWAY_BASE_URL', 'https://api.aigateway.sh/v1')",
        default_headers: "{'x-aig-tag': 'starter'}",
      },
      load_env_before_client: true,
      model: "os.environ.get('AIG_MODEL', 'openai/gpt-5.4')",
      create_model: 'model',
      key_matches: true,
      environment: { AIGATEWAY_BASE_URL: g.gw.url, AIG_MODEL: 'openai/gpt-5.4' },
    });
    // The environment wins over .env.
    expect((await inspect({ AIG_MODEL: 'moonshot/kimi-k2.6' })).environment.AIG_MODEL).toBe(
      'moonshot/kimi-k2.6',
    );
  });

  it('Python (venv with pip install openai, cached in the OS temp dir)', {
    timeout: 240_000,
  }, async (ctx) => {
    const venv = join(tmpdir(), 'aigateway-cli-test-venv');
    const python = join(venv, 'bin', 'python');
    const ready = await stat(join(venv, '.openai-installed')).then(
      () => true,
      () => false,
    );
    if (!ready) {
      await rm(venv, { recursive: true, force: true });
      try {
        await run('python3', ['-m', 'venv', venv], { env: baseEnv() });
        await run(python, ['-m', 'pip', 'install', '--quiet', 'openai'], {
          env: baseEnv(),
          timeout: 200_000,
        });
      } catch (error) {
        ctx.skip(`pip could not install openai here: ${(error as Error).message.split('\n')[0]}`);
      }
      await writeFile(join(venv, '.openai-installed'), 'ok\n');
    }
    const cwd = await scaffold('python');
    const { stdout } = await run(python, ['aigateway_starter.py'], { cwd, env: STARTER_ENV });
    expect(stdout).toMatch(/^Emulated reply from openai\/gpt-5\.4/);
  });

  // The starter's primitive (a music job) goes through aigateway-py, installed from the workspace.
  it('Python --job: the starter runs a job with aigateway-py', { timeout: 240_000 }, async () => {
    const venv = join(tmpdir(), 'aigateway-cli-test-venv-aigateway-py');
    const python = join(venv, 'bin', 'python');
    if (
      !(await stat(python).then(
        () => true,
        () => false,
      ))
    ) {
      await run('python3', ['-m', 'venv', venv], { env: baseEnv() });
    }
    await run(
      python,
      ['-m', 'pip', 'install', '--quiet', 'openai', join(WORKSPACE, 'packages', 'aigateway-py')],
      {
        env: baseEnv(),
        timeout: 200_000,
      },
    );
    const cwd = await scaffold('python', 'starter-python-job');
    const { stdout } = await run(python, ['aigateway_starter.py', '--job'], { cwd, env: STARTER_ENV });
    expect(stdout).toMatch(/^Emulated reply from openai\/gpt-5\.4/);
    expect(stdout).toMatch(/^completed 100%$/m);
    expect(stdout).toMatch(/\/v1\/files\/jobs\/job_\w+\/music\.wav\?expires=/);
  });
});

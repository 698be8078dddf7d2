import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCommand, installKind } from '../../src/core/optional-package.js';
import type { RunResult } from '../helpers/in-process.js';
import { baseEnv } from '../helpers/spawn.js';

const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));

/** Where a dependency of the CLI lives in the workspace (its package folder). */
function workspaceDir(name: string): Promise<string> {
  return realpath(join(PACKAGE, 'node_modules', name));
}

// aig as `npm i -g aigateway-cli` lays it out: <prefix>/lib/node_modules/aigateway-cli with its dependencies, and
// neither optional package. Installing one globally puts it beside aig, where aig's imports find it.
let prefix: string;
let globalModules: string;

async function aig(args: string[]): Promise<RunResult> {
  const bin = join(globalModules, 'aigateway-cli/dist/bin.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: baseEnv(), cwd: prefix });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c;
      // `aig dev` runs until Ctrl-C: stop it once it is up.
      if (stdout.includes('Press Ctrl-C to stop.')) child.kill('SIGINT');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

beforeAll(async () => {
  prefix = await mkdtemp(join(tmpdir(), 'aig-global-'));
  globalModules = join(prefix, 'lib/node_modules');
  const cli = join(globalModules, 'aigateway-cli');
  await mkdir(join(cli, 'node_modules/@clack'), { recursive: true });
  await cp(join(PACKAGE, 'dist'), join(cli, 'dist'), { recursive: true });
  await cp(join(PACKAGE, 'package.json'), join(cli, 'package.json'));
  // Every declared dependency, as npm would install it.
  const manifest = JSON.parse(await readFile(join(PACKAGE, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  for (const dep of Object.keys(manifest.dependencies)) {
    await symlink(await workspaceDir(dep), join(cli, 'node_modules', dep), 'dir');
  }
});

afterAll(() => rm(prefix, { recursive: true, force: true }));

describe('optional packages, in a global install', () => {
  it('aig dev without aigateway-emulator: exit 2, one line with the one command that installs it', async () => {
    const r = await aig(['dev']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: aig dev needs aigateway-emulator, an optional package that is not installed. ' +
        'Install it with: npm i -g aigateway-emulator\n',
    );
    const json = await aig(['dev', '--json']);
    expect(JSON.parse(json.stderr)).toMatchObject({
      error: { code: 'optional_package_missing', exit_code: 2 },
    });
  });

  it('aig mcp tools without the MCP SDK names it the same way (before asking for a key)', async () => {
    const r = await aig(['mcp', 'tools']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: aig mcp tools needs @modelcontextprotocol/sdk@1, an optional package that is not installed. ' +
        'Install it with: npm i -g @modelcontextprotocol/sdk@1\n',
    );
  });

  it('after `npm i -g aigateway-emulator` (beside aig), aig dev starts it', async () => {
    await symlink(await workspaceDir('aigateway-emulator'), join(globalModules, 'aigateway-emulator'), 'dir');
    const r = await aig(['dev', '--port', '0']);
    expect(r.stdout).toMatch(/AIgateway emulator \S+ is running/);
    expect(r.code).toBe(130);
  });
});

describe('installKind and installCommand: the one command, as aig was installed', () => {
  const files =
    (...paths: string[]) =>
    (path: string) =>
      paths.includes(path);
  it.each([
    ['/usr/local/lib/node_modules/aigateway-cli', files(), 'global', 'npm i -g aigateway-emulator'],
    [
      '/home/u/.npm/_npx/1a2b/node_modules/aigateway-cli',
      files('/home/u/.npm/_npx/1a2b/package.json'),
      'npx',
      'npx -p aigateway-cli -p aigateway-emulator aig dev',
    ],
    ['/app/node_modules/aigateway-cli', files('/app/package.json'), 'npm', 'npm i -D aigateway-emulator'],
    [
      '/app/node_modules/.pnpm/aigateway-cli@0.1.0/node_modules/aigateway-cli',
      files('/app/package.json', '/app/pnpm-lock.yaml'),
      'pnpm',
      'pnpm add -D aigateway-emulator',
    ],
    [
      '/app/node_modules/aigateway-cli',
      files('/app/package.json', '/app/yarn.lock'),
      'yarn',
      'yarn add -D aigateway-emulator',
    ],
    [
      '/app/node_modules/aigateway-cli',
      files('/app/package.json', '/app/bun.lock'),
      'bun',
      'bun add -d aigateway-emulator',
    ],
    [
      '/home/u/.local/share/pnpm/global/5/node_modules/.pnpm/aigateway-cli@0.1.0/node_modules/aigateway-cli',
      files('/home/u/.local/share/pnpm/global/5/package.json'),
      'pnpm-global',
      'pnpm add -g aigateway-emulator',
    ],
    ['/work/repo/packages/aigateway-cli', files(), 'global', 'npm i -g aigateway-emulator'],
  ] as const)('%s', (dir, exists, kind, command) => {
    expect(installKind(dir, exists)).toBe(kind);
    expect(installCommand('aigateway-emulator', installKind(dir, exists), 'dev')).toBe(command);
  });
});

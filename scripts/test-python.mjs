#!/usr/bin/env node
// `pnpm test:python`: the Python SDK's checks, run on every CPython >= 3.10 on this machine.
// Creates one venv per interpreter from PyPI with uv (never downloading an interpreter), then:
// ruff (lint + format) and pyright strict at the floor version once, pytest on each interpreter.
// Prints which interpreters ran. Needs `pnpm build` first (the tests start the built emulator).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPythons, findUv } from './python/interpreters.mjs';
import { ensureVenv } from './python/venv.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'packages/aigateway-py');
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const pytestArgs = process.argv.slice(2).filter((a) => a.startsWith('-') && a !== '--no-packed');
const env = { ...process.env, UV_PYTHON_DOWNLOADS: 'never', CI: 'true', PYTHONDONTWRITEBYTECODE: '1' };

function step(title, command, args, options = {}) {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, {
    cwd: pkg,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    ...options,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal}) after ${seconds} s`);
    process.exit(1);
  }
  console.log(`✔ ${title} (${seconds} s)`);
}

const pythons = findPythons().filter((p) => only.length === 0 || only.some((o) => p.label.startsWith(o)));
if (pythons.length === 0) {
  console.error(
    'No CPython >= 3.10 found (looked in ~/.pyenv/versions and PATH). Install Python 3.10 or newer.',
  );
  process.exit(1);
}
console.log(`aigateway-py: CPython ${pythons.map((p) => p.label).join(', ')} found; the suite runs on each.`);
const uv = findUv(join(root, 'node_modules/.cache'));
const venvs = pythons.map((python) => ({ python, bin: ensureVenv(uv, python) }));

const floor = venvs[0];
step('ruff check', join(floor.bin, 'ruff'), ['check', '.']);
step('ruff format --check', join(floor.bin, 'ruff'), ['format', '--check', '.']);
step(`pyright --strict (pythonVersion 3.10, on CPython ${floor.python.label})`, join(floor.bin, 'pyright'), [
  '--pythonpath',
  join(floor.bin, 'python'),
]);

// The packed test: build the wheel and sdist, install the wheel with plain pip into a fresh venv
// outside the workspace, and run a user's script against the emulator.
function packedTest(python, bin) {
  const scratch = mkdtempSync(join(tmpdir(), 'aigateway-py-packed-'));
  try {
    step('build the wheel and sdist', join(bin, 'python'), [
      '-m',
      'build',
      '--no-isolation',
      '--outdir',
      join(scratch, 'dist'),
      pkg,
    ]);
    const built = readdirSync(join(scratch, 'dist'));
    const wheel = built.find((f) => f.endsWith('.whl'));
    if (!wheel || !built.some((f) => f.endsWith('.tar.gz')))
      throw new Error(`build produced ${built.join(', ')}`);
    step(`a fresh venv (CPython ${python.label}) with plain pip`, python.path, [
      '-m',
      'venv',
      join(scratch, 'venv'),
    ]);
    step(`pip install ${wheel}`, join(scratch, 'venv/bin/python'), [
      '-m',
      'pip',
      'install',
      '--quiet',
      join(scratch, 'dist', wheel),
    ]);
    const emulator = spawn(
      'node',
      [
        join(root, 'packages/aigateway-emulator/dist/bin.js'),
        '--port',
        '0',
        '--quiet',
        '--time-scale',
        '1000',
        '--stream-delay-ms',
        '0',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    return new Promise((resolve) => {
      let banner = '';
      emulator.stdout.on('data', (chunk) => {
        banner += chunk;
        const url = /Base URL\s+(\S+)/.exec(banner)?.[1];
        const key = /API key\s+(\S+)/.exec(banner)?.[1];
        const secret = /Webhook secret\s+(\S+)/.exec(banner)?.[1];
        if (!url || !key || !secret || emulator.ran) return;
        emulator.ran = true;
        const script = join(scratch, 'user_script.py');
        copyFileSync(join(pkg, 'packed/user_script.py'), script);
        try {
          step(
            'the user script against the emulator, from outside the workspace',
            join(scratch, 'venv/bin/python'),
            [script],
            {
              cwd: scratch,
              env: {
                ...env,
                AIGATEWAY_BASE_URL: url,
                AIGATEWAY_API_KEY: key,
                AIGATEWAY_WEBHOOK_SECRET: secret,
              },
            },
          );
        } finally {
          emulator.kill();
        }
        resolve();
      });
    });
  } finally {
    // removed after the emulator run (below)
    process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
  }
}

const ran = [];
for (const { python, bin } of venvs) {
  step(`pytest on CPython ${python.label}`, join(bin, 'python'), ['-m', 'pytest', '-q', ...pytestArgs]);
  ran.push(python.label);
}
if (!process.argv.includes('--no-packed')) await packedTest(floor.python, floor.bin);
console.log(`\naigateway-py: the suite passed on CPython ${ran.join(', ')}.`);

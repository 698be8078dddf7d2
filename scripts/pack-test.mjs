#!/usr/bin/env node
// `pnpm test:packed`: do the packages install and work like published ones? Packs the three
// packages with pnpm, installs the tarballs with plain npm in a temp directory outside the
// workspace, and checks the bins, ESM and CJS entries, the subpaths, the types (tsc, nodenext and
// bundler) and the emulator bin. Needs `pnpm build` first and the npm registry for third-party deps.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { ROOT } from './demo/packages.mjs';
import { checkEmulatorAndCli } from './pack-test/emulator-and-cli.mjs';
import { killChildren, runOk } from './pack-test/exec.mjs';
import { checkContents, inspect, PACKAGES, pack } from './pack-test/pack.mjs';
import { Report } from './pack-test/report.mjs';
import { typecheck } from './pack-test/types.mjs';

const FIXTURES = join(ROOT, 'scripts/pack-test/fixtures');
const report = new Report();
let work;

async function versionOf(packageJsonPath) {
  return JSON.parse(await readFile(join(ROOT, packageJsonPath), 'utf8')).version;
}

/**
 * A fresh shell's environment: no npm_* / pnpm settings inherited from `pnpm run`, and no
 * workspace node_modules/.bin on PATH, so `npx aig` can only find the installed package.
 */
function cleanEnv() {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_|PNPM_|INIT_CWD$|AIGATEWAY_)/i.test(k)),
  );
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((p) => !p.startsWith(ROOT))
    .join(delimiter);
  return { ...env, CI: 'true', NO_COLOR: '1' };
}

async function main() {
  const started = performance.now();
  work = await mkdtemp(join(tmpdir(), 'aig-pack-'));
  const tarballDir = join(work, 'tarballs');
  const app = join(work, 'app');
  await mkdir(tarballDir);
  await mkdir(app);
  const env = cleanEnv();

  report.section(`Pack (pnpm pack → ${tarballDir})`);
  const tarballs = {};
  for (const name of PACKAGES) {
    await report.check(`pnpm pack ${name}`, async () => {
      const tarball = await pack(ROOT, name, tarballDir);
      const contents = await inspect(tarball);
      for (const warning of checkContents(name, contents)) report.warn(warning);
      tarballs[name] = { tarball, version: contents.manifest.version };
      return `${basename(tarball)}, ${contents.files.length} files, ${(contents.size / 1024).toFixed(0)} kB, no workspace:/catalog: specifiers`;
    });
  }
  if (report.failed.length > 0) return finish(started);

  report.section(`Install with npm in ${app} (outside the workspace)`);
  const extras = [
    `typescript@${await versionOf('node_modules/typescript/package.json')}`,
    `@types/node@${await versionOf('node_modules/@types/node/package.json')}`,
    `@modelcontextprotocol/sdk@${await versionOf('packages/aigateway-js/node_modules/@modelcontextprotocol/sdk/package.json')}`,
  ];
  await writeFile(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'aig-pack-test', private: true }, null, 2)}\n`,
  );
  const installed = await report.check('npm install the three tarballs', async () => {
    const args = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
    await runOk('npm', [...args, ...PACKAGES.map((n) => tarballs[n].tarball), ...extras], {
      cwd: app,
      env,
      timeoutMs: 300_000,
    });
    return `plus ${extras.join(', ')}`;
  });
  if (!installed) return finish(started);
  await report.check('the CLI depends on the packed SDK and emulator, not registry copies', async () => {
    const lock = JSON.parse(await readFile(join(app, 'package-lock.json'), 'utf8')).packages;
    for (const name of PACKAGES) {
      const entry = lock[`node_modules/${name}`];
      if (!entry?.resolved?.startsWith('file:')) throw new Error(`${name} resolved to ${entry?.resolved}`);
      if (lock[`node_modules/aigateway-cli/node_modules/${name}`])
        throw new Error(`the CLI has its own ${name}`);
    }
    return 'one copy of each, from the tarballs';
  });

  const node = (file) => async () =>
    (await runOk(process.execPath, [file], { cwd: app, env, timeoutMs: 60_000 })).stdout.trim();
  const npx = (...args) => runOk('npx', ['--no', '--', ...args], { cwd: app, env, timeoutMs: 60_000 });

  report.section('CLI');
  await report.check('npx aig --version', async () => {
    const { stdout } = await npx('aig', '--version');
    const expected = tarballs['aigateway-cli'].version;
    if (stdout.trim() !== expected) throw new Error(`printed "${stdout.trim()}", expected ${expected}`);
    return stdout.trim();
  });
  await report.check('npx aig --help', async () => {
    const { stdout } = await npx('aig', '--help');
    for (const text of ['Usage: aig', 'call <model> [input]', 'Exit codes']) {
      if (!stdout.includes(text)) throw new Error(`--help does not show "${text}"`);
    }
    return `${stdout.split('\n').length} lines, commands and exit codes listed`;
  });

  report.section('SDK at runtime');
  for (const file of [
    'job.json',
    'esm.mjs',
    'cjs.cjs',
    'webhooks.mjs',
    'webhooks.cjs',
    'mcp.mjs',
    'mcp.cjs',
  ]) {
    await copyFile(join(FIXTURES, file), join(app, file));
  }
  await report.check('ESM: import { AIgateway, verifyWebhook } from "aigateway-js"', node('esm.mjs'));
  await report.check('CJS: require("aigateway-js")', node('cjs.cjs'));
  await report.check('ESM: "aigateway-js/webhooks" alone', node('webhooks.mjs'));
  await report.check('CJS: require("aigateway-js/webhooks") alone', node('webhooks.cjs'));
  await report.check('ESM: "aigateway-js/mcp" with @modelcontextprotocol/sdk', node('mcp.mjs'));
  await report.check('CJS: require("aigateway-js/mcp")', node('mcp.cjs'));

  report.section('SDK types (tsc --strict)');
  for (const target of ['consumer.mts', 'consumer.cts', 'consumer.ts']) {
    await copyFile(join(FIXTURES, 'consumer.ts'), join(app, target));
  }
  for (const mode of ['nodenext', 'bundler']) {
    await copyFile(join(FIXTURES, `tsconfig.${mode}.json`), join(app, `tsconfig.${mode}.json`));
    await report.check(`moduleResolution ${mode}`, () => typecheck(app, env, mode, (w) => report.warn(w)));
  }

  await checkEmulatorAndCli(report, app, env, {
    prefix: join(work, 'global'),
    tarballs: Object.fromEntries(PACKAGES.map((name) => [name, tarballs[name].tarball])),
  });
  return finish(started);
}

function finish(started) {
  report.summary(performance.now() - started);
  return report.failed.length === 0 ? 0 : 1;
}

async function cleanup() {
  if (work) await rm(work, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killChildren();
    cleanup().finally(() => process.exit(130));
  });
}

main()
  .catch((error) => {
    report.line(report.red(`✗ pack test could not run: ${error?.message ?? error}`));
    return 1;
  })
  .then(async (code) => {
    await cleanup();
    process.exitCode = code;
  });

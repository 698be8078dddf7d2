// 7. CLI install: what `npm i -g aigateway-cli` puts on disk. The CLI (which bundles the SDK) is packed from the
// workspace (`pnpm pack` rewrites workspace:/catalog: specifiers as publishing does) and installed with
// `npm i -g --prefix <temp>`; third-party dependencies come from the registry. The optional packages
// (aigateway-emulator, the MCP SDK) are not installed, as for a user.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { config } from '../lib/config.mjs';
import { bytes, fmt, target } from '../lib/format.mjs';
import { ROOT } from '../lib/paths.mjs';

const sh = (cmd, args, cwd) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true' },
  });

/** Every installed package (a folder with a package.json under node_modules, nested ones included). */
function packagesUnder(modules, found = []) {
  if (!existsSync(modules)) return found;
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === '.bin') continue;
    const dir = join(modules, entry.name);
    if (entry.name.startsWith('@')) {
      packagesUnder(dir, found);
      continue;
    }
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8'));
    found.push(`${name}@${version}`);
    packagesUnder(join(dir, 'node_modules'), found);
  }
  return found;
}

/** Apparent size (sum of file sizes) and size on disk (allocated blocks, as `du` counts) of a tree. */
function sizes(dir) {
  let apparent = 0;
  let disk = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const stat = lstatSync(path);
    disk += stat.blocks * 512;
    if (entry.isDirectory()) {
      const inner = sizes(path);
      apparent += inner.apparent;
      disk += inner.disk;
    } else apparent += stat.size;
  }
  return { apparent, disk };
}

function pack(name, dest) {
  sh('pnpm', ['pack', '--pack-destination', dest], join(ROOT, 'packages', name));
  const tarball = readdirSync(dest).find((f) => f.startsWith(`${name}-`) && f.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack ${name} wrote no tarball`);
  return join(dest, tarball);
}

export async function run() {
  const base = {
    id: 'cli-install',
    title: '7. CLI install',
    description:
      '`aigateway-cli` (which bundles `aigateway-js`) is packed from the workspace with `pnpm pack` and installed with ' +
      '`npm i -g --prefix <temp> --ignore-scripts` (third-party dependencies from the registry), as a user ' +
      'installs the CLI; the optional packages (`aigateway-emulator`, `@modelcontextprotocol/sdk`) are not. ' +
      "Packages: every folder with a `package.json` under the prefix's `node_modules`, nested ones included. " +
      'Size: apparent (sum of file sizes) and on disk (allocated blocks, as `du` counts them).',
  };
  if (!config.install) {
    return {
      ...base,
      tables: [],
      targets: [],
      notes: ['Skipped: BENCH_INSTALL=0 or quick mode (it installs from the registry).'],
    };
  }
  const work = mkdtempSync(join(tmpdir(), 'aig-bench-install-'));
  try {
    const tarballs = join(work, 'tarballs');
    const prefix = join(work, 'prefix');
    mkdirSync(tarballs);
    const cli = pack('aigateway-cli', tarballs);
    sh(
      'npm',
      [
        'install',
        '-g',
        '--prefix',
        prefix,
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--loglevel=error',
        cli,
      ],
      work,
    );
    const modules = join(prefix, process.platform === 'win32' ? 'node_modules' : 'lib/node_modules');
    const all = packagesUnder(modules);
    const installed = sizes(modules);
    const perPackage = readdirSync(modules)
      .flatMap((name) =>
        name.startsWith('@') ? readdirSync(join(modules, name)).map((n) => `${name}/${n}`) : [name],
      )
      .filter((name) => !name.startsWith('.'));
    const rows = perPackage.map((name) => {
      const s = sizes(join(modules, name));
      return [name, bytes(s.apparent), bytes(s.disk)];
    });
    return {
      ...base,
      tables: [
        {
          columns: ['install', 'packages', 'apparent size', 'on disk'],
          rows: [
            ['`npm i -g aigateway-cli`', fmt(all.length), bytes(installed.apparent), bytes(installed.disk)],
          ],
        },
        { columns: ['top-level folder', 'apparent size', 'on disk'], rows },
      ],
      targets: [
        target('Install: `npm i -g aigateway-cli`, packages', '≤ 15', all.length, (v) => v <= 15, {
          show: fmt,
        }),
        target(
          'Install: `npm i -g aigateway-cli`, on disk',
          '≤ 6 MB',
          installed.disk,
          (v) => v <= 6 * 1024 * 1024,
          {
            show: bytes,
          },
        ),
      ],
      notes: [`Packages: ${all.sort().join(', ')}.`],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

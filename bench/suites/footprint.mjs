// 5. Footprint: what `npm i aigateway-js` and `npm i openai` put on disk, in fresh directories
// outside the workspace, and minified+gzipped bundles of typical entry points (esbuild).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { config } from '../lib/config.mjs';
import { bytes, fmt, ratio, target } from '../lib/format.mjs';
import { ROOT, SDK_DIR } from '../lib/paths.mjs';

const sh = (cmd, args, cwd) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true' },
  });

const openaiVersion = JSON.parse(
  readFileSync(join(ROOT, 'node_modules/openai/package.json'), 'utf8'),
).version;

/** npm's own figures for a tarball or registry spec: packed size, unpacked size, file count. */
function packInfo(spec, cwd) {
  const [info] = JSON.parse(sh('npm', ['pack', spec, '--dry-run', '--json'], cwd));
  return { packed: info.size, unpacked: info.unpackedSize, files: info.entryCount };
}

function duBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += duBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

/** Installs `spec` into a fresh directory; counts every package npm placed, however nested. */
function install(base, name, spec) {
  const dir = join(base, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `bench-${name}`, private: true }));
  sh('npm', ['install', spec, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], dir);
  const paths = new Set(
    sh('npm', ['ls', '--all', '--parseable'], dir)
      .split('\n')
      .filter((p) => p.includes('node_modules')),
  );
  return {
    dir,
    packages: paths.size,
    dependencies: paths.size - 1,
    installed: duBytes(join(dir, 'node_modules')),
  };
}

/** Minified + gzipped size of `code` bundled from `resolveDir`. */
async function gzBundle(code, resolveDir, { platform = 'node', conditions } = {}) {
  const result = await build({
    stdin: { contents: code, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    conditions,
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const out = result.outputFiles[0].contents;
  return { min: out.length, gz: gzipSync(out, { level: 9 }).length };
}

const EDGE = ['workerd', 'worker', 'edge-light'];

export async function run() {
  const base = mkdtempSync(join(tmpdir(), 'aig-bench-footprint-'));
  const notes = [];
  const rows = [];
  const bundleRows = [];
  let sdkDir = SDK_DIR; // where bundles resolve `aigateway-js` from (the package's self-reference)
  let openaiDir = ROOT;
  try {
    sh('pnpm', ['pack', '--pack-destination', base], SDK_DIR);
    const tarball = readdirSync(base).find((f) => f.startsWith('aigateway-js-') && f.endsWith('.tgz'));
    const sdkPack = packInfo(join(base, tarball), base);
    const openaiPack = packInfo(`openai@${openaiVersion}`, base);
    let sdk;
    let openai;
    if (config.install) {
      sdk = install(base, 'sdk', join(base, tarball));
      openai = install(base, 'openai', `openai@${openaiVersion}`);
      sdkDir = sdk.dir;
      openaiDir = openai.dir;
    } else {
      notes.push('Install skipped (BENCH_INSTALL=0 or quick mode): bundles resolve from the workspace.');
    }
    for (const [label, pack, inst] of [
      [`aigateway-js (packed from the workspace, ${tarball})`, sdkPack, sdk],
      [`openai@${openaiVersion} (registry)`, openaiPack, openai],
    ]) {
      rows.push([
        label,
        bytes(pack.packed),
        bytes(pack.unpacked),
        fmt(pack.files),
        inst ? fmt(inst.dependencies) : 'n/a',
        inst ? bytes(inst.installed) : 'n/a',
      ]);
    }
    const bundles = {
      webhooks: await gzBundle("export { verifyWebhook } from 'aigateway-js/webhooks';", sdkDir),
      webhooksEdge: await gzBundle("export { verifyWebhookAsync } from 'aigateway-js/webhooks';", sdkDir, {
        platform: 'browser',
        conditions: EDGE,
      }),
      client: await gzBundle("export { AIgateway } from 'aigateway-js';", sdkDir),
      openai: await gzBundle("export { OpenAI } from 'openai';", openaiDir),
    };
    const labels = {
      webhooks: "`import { verifyWebhook } from 'aigateway-js/webhooks'` (node)",
      webhooksEdge: `\`import { verifyWebhookAsync } from 'aigateway-js/webhooks'\` (conditions ${EDGE.join(', ')})`,
      client: "`import { AIgateway } from 'aigateway-js'` (node)",
      openai: "`import { OpenAI } from 'openai'` (node)",
    };
    for (const [key, b] of Object.entries(bundles)) {
      bundleRows.push([labels[key], bytes(b.min), bytes(b.gz), ratio(b.gz / bundles.openai.gz)]);
    }
    const clientVsOpenAI = bundles.client.gz / bundles.openai.gz;
    return {
      id: 'footprint',
      title: '5. Footprint',
      description:
        'The SDK is packed with `pnpm pack` (which rewrites `catalog:`/`workspace:` specifiers, as publishing ' +
        `does) and installed from the tarball with \`npm i\` into a fresh directory under ${tmpdir()}; openai ` +
        `${openaiVersion} (the workspace's version) is installed from the registry into another. Packed and ` +
        'unpacked sizes are npm pack --dry-run --json figures; dependencies are the packages `npm ls --all ' +
        '--parseable` lists besides the one installed; "on disk" sums node_modules. Bundles: esbuild ' +
        '(bundle, minify, ESM), then gzip -9.',
      tables: [
        {
          columns: ['package', 'packed', 'unpacked', 'files', 'transitive deps', 'node_modules on disk'],
          rows,
        },
        { columns: ['bundle entry', 'minified', 'min+gz', 'gz vs openai'], rows: bundleRows },
      ],
      targets: [
        target('Bundle: verifyWebhook only, min+gz', '< 5 KB', bundles.webhooks.gz, (v) => v < 5 * 1024, {
          show: bytes,
        }),
        target(
          'Bundle: verifyWebhookAsync only (edge), min+gz',
          '< 5 KB',
          bundles.webhooksEdge.gz,
          (v) => v < 5 * 1024,
          { show: bytes },
        ),
        target('Bundle: AIgateway client vs OpenAI, min+gz', '< 1.00×', clientVsOpenAI, (v) => v < 1),
        ...(sdk && openai
          ? [
              target(
                'Install: aigateway-js vs openai, node_modules on disk',
                '< 1.00×',
                sdk.installed / openai.installed,
                (v) => v < 1,
              ),
            ]
          : []),
      ],
      notes,
    };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

// The demo runs the built packages (what `pnpm build` writes to dist/), never their sources.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The file a package's `exports` map sends an ESM `import` of `subpath` to. */
function esmEntry(pkgDir, subpath = '.') {
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const target = manifest.exports?.[subpath];
  const file = typeof target === 'string' ? target : (target?.import?.default ?? target?.default);
  if (typeof file !== 'string') throw new Error(`${manifest.name} has no ESM export for "${subpath}".`);
  return join(pkgDir, file);
}

function built(file, pkg) {
  if (!existsSync(file)) {
    throw new Error(`${pkg} is not built (${file} is missing): run \`pnpm build\` (\`pnpm demo\` does).`);
  }
  return file;
}

/** Imports aigateway-js and aigateway-emulator from dist and locates the `aig` binary. */
export async function loadPackages() {
  const sdkDir = join(ROOT, 'packages/aigateway-js');
  const emulatorDir = join(ROOT, 'packages/aigateway-emulator');
  const cliDir = join(ROOT, 'packages/aigateway-cli');
  const cliManifest = JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8'));
  const aigBin = built(join(cliDir, cliManifest.bin.aig), 'aigateway-cli');
  const sdk = await import(pathToFileURL(built(esmEntry(sdkDir), 'aigateway-js')).href);
  const emulator = await import(pathToFileURL(built(esmEntry(emulatorDir), 'aigateway-emulator')).href);
  return { sdk, emulator, aigBin };
}

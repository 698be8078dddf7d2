// `pnpm pack` of each package (it rewrites workspace: and catalog: specifiers to real ranges), and
// a look inside each tarball: the manifest npm will see and the files it will install.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runOk } from './exec.mjs';

export const PACKAGES = ['aigateway-js', 'aigateway-emulator', 'aigateway-cli'];

const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies'];

/** Files a published package may contain besides dist/. */
const TOP_LEVEL = /^(package\.json|README[^/]*|LICEN[CS]E[^/]*|CHANGELOG\.md)$/i;

/** Every file `main`, `module`, `types`, `bin` and `exports` point to, without the leading `./`. */
function referencedFiles(manifest) {
  const out = new Set();
  const walk = (value) => {
    if (typeof value === 'string') out.add(value.replace(/^\.\//, ''));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const field of ['main', 'module', 'types', 'bin', 'exports']) walk(manifest[field]);
  return [...out].filter((f) => !f.includes('*'));
}

/** Packs `packages/<name>` into `dest`; resolves with the tarball path. */
export async function pack(root, name, dest) {
  const before = new Set(await readdir(dest));
  await runOk('pnpm', ['pack', '--pack-destination', dest], { cwd: join(root, 'packages', name) });
  const created = (await readdir(dest)).filter((f) => !before.has(f) && f.endsWith('.tgz'));
  if (created.length !== 1) throw new Error(`pnpm pack of ${name} wrote ${created.length} tarballs`);
  return join(dest, created[0]);
}

/** The packed manifest and file list (paths without the `package/` prefix). */
export async function inspect(tarball) {
  const list = await runOk('tar', ['-tzf', tarball]);
  const files = list.stdout
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''));
  const manifest = JSON.parse((await runOk('tar', ['-xzOf', tarball, 'package/package.json'])).stdout);
  const { size } = await stat(tarball);
  return { manifest, files, size };
}

/** Throws if the tarball would not install like a published package; returns warnings. */
export function checkContents(name, { manifest, files }) {
  const problems = [];
  if (manifest.name !== name) problems.push(`its name is ${manifest.name}`);
  for (const field of DEPENDENCY_FIELDS) {
    for (const [dep, spec] of Object.entries(manifest[field] ?? {})) {
      if (/^(workspace|catalog):/.test(spec)) problems.push(`${field}.${dep} is still "${spec}"`);
    }
  }
  const stray = files.filter((f) => !f.startsWith('dist/') && !TOP_LEVEL.test(f));
  if (stray.length > 0) problems.push(`ships files outside dist/: ${stray.slice(0, 5).join(', ')}`);
  if (!files.some((f) => f.startsWith('dist/'))) problems.push('has no dist/ (was it built?)');
  const missing = referencedFiles(manifest).filter((f) => !files.includes(f));
  if (missing.length > 0)
    problems.push(`lacks files its manifest points to: ${missing.join(', ')} (run pnpm build)`);
  if (problems.length > 0) throw new Error(`${name} tarball: ${problems.join('; ')}`);
  const warnings = [];
  if (!files.some((f) => /^README/i.test(f)))
    warnings.push(`${name} has no README: npm will show an empty page`);
  if (!files.some((f) => /^LICEN[CS]E/i.test(f)))
    warnings.push(`${name} has no LICENSE file (license: ${manifest.license})`);
  return warnings;
}

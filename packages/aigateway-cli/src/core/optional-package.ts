// aigateway-emulator (for `aig dev`) and the MCP SDK (for `aig mcp tools|call`) are optional peer dependencies:
// `npm i -g aigateway-cli` stays small, and a command that needs one says how to add it, in one command that
// fits the way aig itself was installed.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { nodeRequire } from './node-require.js';

/** How `aig` was installed, read from where its own files are. */
export type InstallKind = 'global' | 'pnpm-global' | 'npx' | 'npm' | 'pnpm' | 'yarn' | 'bun';

/**
 * Tells a global install from a project's dependency and from npx's cache by the path of aig's package folder
 * (`<prefix>/lib/node_modules/aigateway-cli`, `<project>/node_modules/…`, `~/.npm/_npx/<hash>/node_modules/…`).
 * `exists` is injected by tests.
 */
export function installKind(packageDir: string, exists: (path: string) => boolean = existsSync): InstallKind {
  const parts = packageDir.split(/[\\/]/);
  if (parts.includes('_npx')) return 'npx';
  const first = parts.indexOf('node_modules');
  if (first === -1) return 'global';
  if (parts.slice(0, first).join('/').includes('pnpm/global')) return 'pnpm-global';
  // The outermost node_modules: pnpm keeps real files deeper, under node_modules/.pnpm/<name>@<v>/node_modules.
  const owner = parts.slice(0, first).join(sep) || sep;
  if (!exists(join(owner, 'package.json'))) return 'global';
  if (exists(join(owner, 'pnpm-lock.yaml'))) return 'pnpm';
  if (exists(join(owner, 'yarn.lock'))) return 'yarn';
  if (exists(join(owner, 'bun.lock')) || exists(join(owner, 'bun.lockb'))) return 'bun';
  return 'npm';
}

/** The one command that makes `pkg` available to this aig, e.g. `npm i -g aigateway-emulator`. */
export function installCommand(pkg: string, kind: InstallKind, rerun: string): string {
  switch (kind) {
    case 'npx':
      return `npx -p aigateway-cli -p ${pkg} aig ${rerun}`;
    case 'pnpm-global':
      return `pnpm add -g ${pkg}`;
    case 'npm':
      return `npm i -D ${pkg}`;
    case 'pnpm':
      return `pnpm add -D ${pkg}`;
    case 'yarn':
      return `yarn add -D ${pkg}`;
    case 'bun':
      return `bun add -d ${pkg}`;
    default:
      return `npm i -g ${pkg}`;
  }
}

function ownPackageDir(): string {
  // dist/main.js → the package folder; realpath so a symlinked bin is judged by where its files are.
  const dir = dirname(dirname(fileURLToPath(import.meta.url)));
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/**
 * Throws the "not installed" error for `specifier` (a package or one of its subpaths) unless it resolves from
 * aig's own folder. Resolving loads nothing. require.resolve, not import.meta.resolve (the bundle is CommonJS):
 * both optional packages export every entry aig imports under "default" or "require" as well as "import".
 */
export function requireOptional(specifier: string, pkg: string, command: string, rerun: string): void {
  try {
    nodeRequire.resolve(specifier);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
  }
  const run = installCommand(pkg, installKind(ownPackageDir()), rerun);
  throw new CliError(
    `${command} needs ${pkg}, an optional package that is not installed. Install it with: ${run}`,
    { code: 'optional_package_missing', exitCode: ExitCode.Usage },
  );
}

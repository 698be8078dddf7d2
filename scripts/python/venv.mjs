// One venv per CPython for the Python SDK's tests and benchmarks: the package (editable) and its
// dev tools (packages/aigateway-py/requirements-dev.txt), installed with uv, reinstalled when the
// pins, the project file or the interpreter change.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = join(root, 'packages/aigateway-py');
const cache = join(root, 'node_modules/.cache/aigateway-py');

/**
 * The venv's bin directory for `python` ({ path, version, label } from findPythons). With
 * `dev: false`, a venv with only the package and its runtime dependencies (the demo's).
 */
export function ensureVenv(uv, python, { dev = true } = {}) {
  const env = { ...process.env, UV_PYTHON_DOWNLOADS: 'never' };
  const dir = join(cache, `venv-${dev ? '' : 'runtime-'}${python.version[0]}.${python.version[1]}`);
  const bin = join(dir, 'bin');
  const stamp = join(dir, '.pins');
  const wanted =
    (dev ? readFileSync(join(pkg, 'requirements-dev.txt'), 'utf8') : '') +
    readFileSync(join(pkg, 'pyproject.toml'), 'utf8') +
    python.label;
  if (!existsSync(join(bin, 'python')) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== wanted) {
    mkdirSync(cache, { recursive: true });
    execFileSync(uv, ['venv', '--quiet', '--clear', '--python', python.path, dir], { env, stdio: 'inherit' });
    execFileSync(
      uv,
      [
        'pip',
        'install',
        '--quiet',
        '--python',
        join(bin, 'python'),
        '-e',
        pkg,
        '-r',
        join(pkg, 'requirements-dev.txt'),
      ],
      { env, stdio: 'inherit' },
    );
    writeFileSync(stamp, wanted);
  }
  return bin;
}

// Finds the CPython interpreters (>= 3.10, the SDK's floor) on this machine, once per minor
// version, for the Python SDK's generator, test matrix and benchmarks. Nothing is downloaded.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export const PYTHON_FLOOR = [3, 10];

function probe(path) {
  try {
    const out = execFileSync(
      path,
      ['-c', 'import platform,sys;print(platform.python_implementation(),*sys.version_info[:3])'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 },
    ).trim();
    const [impl, major, minor, micro] = out.split(' ');
    return { impl, version: [Number(major), Number(minor), Number(micro)] };
  } catch {
    return undefined;
  }
}

/** `[{ path, version: [3, 11, 7], label: '3.11.7' }]`, ascending, one per minor version. */
export function findPythons() {
  const candidates = [];
  for (const p of (process.env.AIGATEWAY_PYTHONS ?? '').split(delimiter)) if (p) candidates.push(p);
  for (const root of [process.env.PYENV_ROOT, join(homedir(), '.pyenv')]) {
    const versions = root && join(root, 'versions');
    if (versions && existsSync(versions)) {
      for (const v of readdirSync(versions)) candidates.push(join(versions, v, 'bin', 'python'));
    }
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || dir.includes('.pyenv/shims')) continue; // shims fail for versions not selected
    for (const minor of [10, 11, 12, 13, 14, 15]) candidates.push(join(dir, `python3.${minor}`));
    candidates.push(join(dir, 'python3'));
  }
  const byMinor = new Map();
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    let real;
    try {
      real = realpathSync(candidate);
    } catch {
      continue;
    }
    const found = probe(candidate);
    if (found?.impl !== 'CPython') continue;
    const [major, minor] = found.version;
    if (major !== PYTHON_FLOOR[0] || minor < PYTHON_FLOOR[1]) continue;
    const key = `${major}.${minor}`;
    if (!byMinor.has(key))
      byMinor.set(key, { path: candidate, real, version: found.version, label: found.version.join('.') });
  }
  return [...byMinor.values()].sort((a, b) => a.version[1] - b.version[1]);
}

/** The `uv` to use: $UV, `uv` on PATH, or one installed with pip into a tools venv under `cacheDir`. */
export function findUv(cacheDir) {
  for (const candidate of [process.env.UV, 'uv', join(cacheDir, 'uv-tools/bin/uv')]) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {}
  }
  const [python] = findPythons();
  if (!python)
    throw new Error(
      `No CPython >= ${PYTHON_FLOOR.join('.')} found: install Python ${PYTHON_FLOOR.join('.')} or newer.`,
    );
  const tools = join(cacheDir, 'uv-tools');
  execFileSync(python.path, ['-m', 'venv', tools], { stdio: 'inherit' });
  execFileSync(join(tools, 'bin/python'), ['-m', 'pip', 'install', '--quiet', 'uv'], { stdio: 'inherit' });
  return join(tools, 'bin/uv');
}

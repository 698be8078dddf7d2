// What the numbers were taken on: they mean little without the machine, the runtime and the load.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { ROOT } from './paths.mjs';

function git(args) {
  try {
    return execFileSync('git', args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return '';
  }
}

function cpuModel() {
  // os.cpus() can say only "AMD EPYC" in a VM; /proc/cpuinfo sometimes knows more, and the flags matter.
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const model = /^model name\s*:\s*(.+)$/m.exec(info)?.[1];
    const sha = /^flags\s*:.*\bsha_ni\b/m.test(info) ? ', SHA extensions' : '';
    if (model) return `${model.trim()}${sha}`;
  } catch {}
  return os.cpus()[0]?.model ?? 'unknown';
}

export function machine() {
  const dirty = git(['status', '--porcelain', '--untracked-files=no']).split('\n').filter(Boolean).length;
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism(),
    memoryGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown',
    dirtyFiles: dirty,
    loadavg: os.loadavg(),
  };
}

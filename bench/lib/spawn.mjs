// Child processes timed from spawn to exit (process.hrtime), and their peak RSS: GNU time's %M
// when /usr/bin/time works here, otherwise the child's own resourceUsage().maxRSS at exit,
// reported by a preloaded module.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scratch = mkdtempSync(join(tmpdir(), 'aig-bench-spawn-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** Runs `command args`; resolves with wall milliseconds, exit code and (if asked) stdout. */
export function timed(command, args, { env, cwd, captureStdout = false } = {}) {
  return new Promise((resolve, reject) => {
    const out = [];
    const start = process.hrtime.bigint();
    const child = spawn(command, args, {
      env,
      cwd,
      stdio: ['ignore', captureStdout ? 'pipe' : 'ignore', 'pipe'],
    });
    const err = [];
    child.stdout?.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.once('error', reject);
    child.once('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      resolve({ wallMs, code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

let method;

/** How peak RSS is measured here: 'gnu-time' or 'resource-usage'. */
export function memoryMethod() {
  if (method) return method;
  const probe = join(scratch, 'probe');
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', probe, process.execPath, '-e', '0']);
  method = r.status === 0 && /^\d+\s*$/.test(safeRead(probe)) ? 'gnu-time' : 'resource-usage';
  return method;
}

function safeRead(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

const REPORTER = join(scratch, 'report-maxrss.cjs');
writeFileSync(
  REPORTER,
  "process.on('exit', () => require('node:fs').writeFileSync(process.env.BENCH_MAXRSS_FILE, String(process.resourceUsage().maxRSS)));\n",
);

let seq = 0;

/** Peak resident set size in KB of `node nodeArgs`. */
export async function peakRssKb(nodeArgs, options = {}) {
  const file = join(scratch, `rss-${++seq}`);
  if (memoryMethod() === 'gnu-time') {
    const r = await timed('/usr/bin/time', ['-f', '%M', '-o', file, process.execPath, ...nodeArgs], options);
    if (r.code !== 0)
      throw new Error(`node ${nodeArgs.join(' ')} exited with ${r.code}: ${r.stderr.slice(0, 300)}`);
  } else {
    const env = { ...(options.env ?? process.env), BENCH_MAXRSS_FILE: file };
    const r = await timed(process.execPath, ['--require', REPORTER, ...nodeArgs], { ...options, env });
    if (r.code !== 0)
      throw new Error(`node ${nodeArgs.join(' ')} exited with ${r.code}: ${r.stderr.slice(0, 300)}`);
  }
  return Number(safeRead(file).trim());
}

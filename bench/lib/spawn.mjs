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

const REPORTER = join(scratch, 'report-usage.cjs');
writeFileSync(
  REPORTER,
  'process.on("exit", () => { const c = process.cpuUsage(); require("node:fs").writeFileSync(' +
    'process.env.BENCH_USAGE_FILE, (c.user + c.system) / 1000 + " " + process.resourceUsage().maxRSS); });\n',
);

let seq = 0;

/**
 * Peak RSS (KB) and CPU time (ms, user + system, microsecond resolution) of `node nodeArgs`. A
 * preloaded module reports the child's own figures at exit; GNU time's %M is preferred for RSS.
 */
export async function usage(nodeArgs, options = {}) {
  const usageFile = join(scratch, `usage-${++seq}`);
  const rssFile = join(scratch, `rss-${seq}`);
  const env = { ...(options.env ?? process.env), BENCH_USAGE_FILE: usageFile };
  const args = [process.execPath, '--require', REPORTER, ...nodeArgs];
  const gnu = memoryMethod() === 'gnu-time';
  const r = gnu
    ? await timed('/usr/bin/time', ['-f', '%M', '-o', rssFile, ...args], { ...options, env })
    : await timed(args[0], args.slice(1), { ...options, env });
  if (r.code !== 0)
    throw new Error(`node ${nodeArgs.join(' ')} exited with ${r.code}: ${r.stderr.slice(0, 300)}`);
  const [cpuMs, maxRss] = safeRead(usageFile).trim().split(' ').map(Number);
  return { cpuMs, rssKb: gnu ? Number(safeRead(rssFile).trim()) : maxRss };
}

// Runs a command to completion and captures its output; children are tracked so Ctrl-C stops them.
import { spawn } from 'node:child_process';

/** Running children, and whether each leads its own process group. */
const running = new Map();

/** Stops every child still running; a detached one with its whole group (npx and what it started). */
export function killChildren() {
  for (const [child, detached] of running) {
    try {
      if (detached && process.platform !== 'win32') process.kill(-child.pid, 'SIGTERM');
      else child.kill('SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

/**
 * Starts `command args` without a shell; `npm`/`npx` get `.cmd` on Windows. `detached` puts the
 * child in its own process group, so a signal can reach it and its children as Ctrl-C does.
 */
export function start(command, args, { cwd, env = process.env, detached = false } = {}) {
  const bin = process.platform === 'win32' && /^(npm|npx|pnpm)$/.test(command) ? `${command}.cmd` : command;
  const child = spawn(bin, args, { cwd, env, detached, stdio: ['ignore', 'pipe', 'pipe'] });
  running.set(child, detached);
  child.on('close', () => running.delete(child));
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  return child;
}

/** Resolves with { code, stdout, stderr }; rejects only if the command cannot start or times out. */
export function run(command, args, { cwd, env, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = start(command, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${command}: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Like `run`, but a non-zero exit throws with the tail of the output. */
export async function runOk(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}:\n${tail}`);
  }
  return result;
}

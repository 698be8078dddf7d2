// Runs the built `aig` binary as a child process, the way a user or a CI script does: CI=true, no
// stdin, the key and base URL in the environment. Children are tracked so Ctrl-C can stop them.
import { spawn } from 'node:child_process';

const running = new Set();

/** Stops every `aig` child still running (on Ctrl-C or a failed step). */
export function killChildren() {
  for (const child of running) child.kill('SIGTERM');
}

/**
 * The environment of a child: the caller's, minus any AIGATEWAY_* a developer may have set (the
 * demo must never reach a real gateway with a real key), plus CI=true and the given variables.
 */
export function childEnv(vars) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AIGATEWAY_')));
  return { ...env, CI: 'true', NO_COLOR: '1', ...vars };
}

/**
 * Runs `node <bin> ...args`; resolves with { code, signal, stdout, stderr } and never rejects
 * on a non-zero exit (steps assert on the code). `onStdout` receives output as it arrives.
 */
export function runAig(bin, args, { cwd, env, onStdout, timeoutMs = 30_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      onStdout?.(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(new Error(`could not start aig (${bin}): ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      if (timedOut) {
        reject(new Error(`aig ${args[0]} did not finish within ${timeoutMs / 1000} s (killed)`));
        return;
      }
      resolve({ code, signal, stdout, stderr });
    });
  });
}

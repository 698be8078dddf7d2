// Runs the demo's steps in order: each prints what it does, asserts what it must see and returns a
// one-line result. A step whose inputs an earlier failed step should have produced is skipped.
import { runAig } from './aig.mjs';

/** A failed expectation: the message says what was expected and what happened. */
export class StepFailure extends Error {}

export function check(condition, message) {
  if (!condition) throw new StepFailure(message);
}

/** The line of a child's stderr that says what went wrong (a crash's error, not its stack). */
function firstError(result) {
  const lines = result.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at ') && !l.startsWith('Node.js v') && l !== '^');
  return lines.find((l) => /^(\w*Error\b|error:)/.test(l)) ?? lines.at(-1) ?? '(no output on stderr)';
}

/** Fails unless `aig` exited with `code`. */
export function expectExit(result, code, what) {
  check(
    result.code === code,
    `${what} exited ${result.code ?? result.signal} (expected ${code}): ${firstError(result)}`,
  );
}

export function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch {
    throw new StepFailure(`${what} did not print JSON: ${text.slice(0, 200)}`);
  }
}

/**
 * The state steps share: the running gateway, the SDK client, the webhook receiver, the working
 * directory, the `aig` binary, and `values` that steps hand to later ones (request id, keys …).
 */
export function createContext({ ui, secrets, gw, sdk, client, receiver, dir, aigBin }) {
  return {
    ui,
    secrets,
    gw,
    sdk,
    client,
    receiver,
    dir,
    values: {},
    /**
     * Prints and runs `aig ...args` with the gateway's key and URL (or `env` overrides).
     * `show` names environment variables to print in front of the command, e.g. a sub-account key.
     * Fails the step if the command printed a key or secret, unless `printsSecret` says it must
     * (`sub-account create` shows the new key once).
     */
    async aig(args, { env = {}, show = {}, live = false, timeoutMs, printsSecret = false } = {}) {
      ui.command(args, show);
      const out = live ? ui.liveOutput() : undefined;
      let result;
      try {
        result = await runAig(aigBin, args, {
          cwd: dir,
          env: { AIGATEWAY_API_KEY: gw.apiKey, AIGATEWAY_BASE_URL: gw.url, ...env },
          onStdout: out?.push,
          timeoutMs,
        });
      } finally {
        out?.end();
      }
      const leaked = printsSecret ? undefined : secrets.find(`${result.stdout}${result.stderr}`);
      check(leaked === undefined, `aig ${args[0]} printed a secret (${leaked}); keys must never be printed`);
      return result;
    },
  };
}

/** Runs every step; resolves with one result per step ({ number, title, status, message, ms }). */
export async function runSteps(steps, ctx, { isInterrupted }) {
  const { ui } = ctx;
  const results = [];
  for (const [index, step] of steps.entries()) {
    if (isInterrupted()) break;
    const number = index + 1;
    ui.heading(number, step.title, step.what);
    const started = performance.now();
    const missing = (step.needs ?? []).filter((name) => ctx.values[name] === undefined);
    let status = 'ok';
    let message;
    if (missing.length > 0) {
      status = 'skip';
      message = `skipped: needs ${missing.join(', ')} from an earlier step`;
    } else {
      try {
        message = await step.run(ctx);
      } catch (error) {
        status = 'fail';
        message =
          error instanceof StepFailure ? error.message : `unexpected error: ${error?.message ?? error}`;
        if (!(error instanceof StepFailure) && process.env.DEBUG) ui.output(error?.stack ?? '');
      }
    }
    const ms = performance.now() - started;
    if (isInterrupted()) break;
    ui.result(status, message, ms);
    results.push({ number, title: step.title, status, message, ms });
  }
  return results;
}

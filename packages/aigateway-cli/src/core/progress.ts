import type { Runtime } from '../runtime.js';
import { seconds } from './deadline.js';

/** Progress of a wait: a spinner on a terminal, plain lines elsewhere, nothing with --quiet or --json. */
export interface Progress {
  /** `text` is shown; `state` (a status such as "running") decides when a line is due off a terminal. */
  update(text: string, state: string): void;
  stop(): void;
}

/** Default seconds between progress lines off a terminal: below the no-output limits of CI services. */
const DEFAULT_INTERVAL_S = 30;

/** AIGATEWAY_PROGRESS_INTERVAL (seconds), else 30. */
function interval(env: Readonly<Record<string, string | undefined>>): number {
  const value = Number(env.AIGATEWAY_PROGRESS_INTERVAL);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_INTERVAL_S;
}

/**
 * Starts reporting a wait on stderr. On a terminal, a spinner shows `text`. Elsewhere (CI logs), a line is
 * printed whenever the state (e.g. queued → running) changes, and at least
 * every AIGATEWAY_PROGRESS_INTERVAL seconds (default 30), so a CI job is never killed for silence.
 */
export function startProgress(rt: Runtime, text: string): Progress {
  if (rt.out.quiet) return { update() {}, stop() {} };
  if (rt.io.stderr.isTTY === true) {
    const status = rt.out.status(text);
    return { update: (next) => status.update(next), stop: () => status.stop() };
  }
  const started = Date.now();
  let current = text;
  let printedState = '';
  const print = () =>
    rt.out.info(`${current} (waited ${seconds(Math.round((Date.now() - started) / 1000))})`);
  const timer = setInterval(print, interval(rt.io.env) * 1000);
  timer.unref();
  return {
    update(next, state) {
      current = next;
      // The end (completed, failed) is reported by the command itself: a line for it would only repeat it.
      if (state !== printedState && state !== 'completed' && state !== 'failed') {
        printedState = state;
        print();
      }
    },
    stop() {
      clearInterval(timer);
    },
  };
}

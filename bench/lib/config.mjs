// Iteration counts and switches, from the environment, so one harness serves the full run
// (`pnpm bench`, about 5 minutes on 2 cores) and a smoke run (`BENCH_QUICK=1`, under a minute).
const env = process.env;
const quick = env.BENCH_QUICK === '1';

function int(name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(
      `${name} must be a positive integer, got "${raw}". Unset it to use the default (${fallback}).`,
    );
  }
  return value;
}

/** Every suite's knobs. Names are the env variables documented in bench/README.md. */
export const config = Object.freeze({
  quick,
  /** Requests per client, scenario and mode, split across the rounds. */
  requests: int('BENCH_REQUESTS', quick ? 400 : 9000),
  rounds: int('BENCH_ROUNDS', quick ? 2 : 9),
  concurrency: int('BENCH_CONCURRENCY', 64),
  warmupRequests: int('BENCH_WARMUP_REQUESTS', quick ? 100 : 300),
  streamChunks: int('BENCH_STREAM_CHUNKS', quick ? 5000 : 20000),
  streamRounds: int('BENCH_STREAM_ROUNDS', quick ? 3 : 7),
  /** Milliseconds each webhook verifier runs per round. */
  webhookMs: int('BENCH_WEBHOOK_MS', quick ? 100 : 400),
  webhookRounds: int('BENCH_WEBHOOK_ROUNDS', quick ? 2 : 5),
  cliRuns: int('BENCH_CLI_RUNS', quick ? 5 : 20),
  cliWarmup: int('BENCH_CLI_WARMUP', quick ? 1 : 3),
  memoryRuns: int('BENCH_MEMORY_RUNS', quick ? 2 : 5),
  emulatorSeconds: int('BENCH_EMULATOR_SECONDS', quick ? 1 : 3),
  /** `npm i` from the registry in a temp directory (off in quick mode: bundles then resolve from the workspace). */
  install: env.BENCH_INSTALL ? env.BENCH_INSTALL !== '0' : !quick,
  /** Comma-separated suite ids to run (default: all). */
  only: env.BENCH_ONLY ? env.BENCH_ONLY.split(',').map((s) => s.trim()) : undefined,
  /** Free-text note about the machine's load, copied into RESULTS.md. */
  loadNote: env.BENCH_NOTE ?? '',
});

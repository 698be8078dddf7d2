#!/usr/bin/env node
// `pnpm demo`: the product's main job, end to end, against a local emulator. It walks the real
// built `aig` binary (a child process, CI=true, in a temp project) and the built SDK through
// init → models → streamed chat → video job with a verified webhook and polling → sub-account
// spend cap (402) → usage per tag → eval run and its alias → replay → MCP, asserting each step.
// Exits 0 only if every step passed; always stops the emulator and removes its temp dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { killChildren } from './demo/aig.mjs';
import { loadPackages, ROOT } from './demo/packages.mjs';
import { mask, Secrets } from './demo/redact.mjs';
import { createContext, runSteps } from './demo/runner.mjs';
import * as steps from './demo/steps/index.mjs';
import { Ui } from './demo/ui.mjs';
import { startWebhookReceiver } from './demo/webhook-receiver.mjs';

const STEPS = [
  steps.init,
  steps.models,
  steps.streamedChat,
  steps.videoWebhook,
  steps.videoPolling,
  steps.subAccountBudget,
  steps.usage,
  steps.evalRun,
  steps.evalAlias,
  steps.replay,
  steps.mcpCall,
  steps.python,
];

/** Emulated delays run this many times faster: a 2-second video renders in about half a second. */
const TIME_SCALE = 20;

const secrets = new Secrets();
const ui = new Ui({ secrets });
const cleanups = [];
let interrupted = false;

async function cleanup() {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    try {
      await step();
    } catch (error) {
      ui.line(`cleanup failed: ${error?.message ?? error}`);
    }
  }
}

function onSignal(signal) {
  if (interrupted) return;
  interrupted = true;
  ui.line(`\n${signal}: stopping the emulator and removing temp files…`);
  killChildren();
  cleanup().finally(() => process.exit(130));
}
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

async function main() {
  const started = performance.now();
  const { sdk, emulator, aigBin } = await loadPackages();
  const dir = await mkdtemp(join(tmpdir(), 'aig-demo-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  // Paced chunks, as `aig dev` serves them, so the streamed answer visibly streams.
  const gw = await emulator.startEmulator({ timeScale: TIME_SCALE, streamChunkDelayMs: 15 });
  cleanups.push(() => gw.close());
  secrets.add(gw.apiKey);
  secrets.add(gw.webhookSecret);
  const receiver = await startWebhookReceiver({ verifyWebhook: sdk.verifyWebhook, secret: gw.webhookSecret });
  cleanups.push(() => receiver.close());
  const client = new sdk.AIgateway({ apiKey: gw.apiKey, baseURL: gw.url });

  const { c } = ui;
  ui.line(c.bold('AIgateway demo: the main job, end to end, against a local gateway'));
  ui.line(
    `  gateway   ${gw.url}  ${c.dim(`aigateway-emulator ${emulator.VERSION}, time ×${TIME_SCALE}, key ${mask(gw.apiKey)}`)}`,
  );
  ui.line(`  webhooks  ${receiver.url}  ${c.dim('verified with verifyWebhook')}`);
  ui.line(`  aig       node ${relative(ROOT, aigBin)}  ${c.dim(`in ${dir}, CI=true`)}`);
  ui.line(`  SDK       aigateway-js ${sdk.VERSION}  ${c.dim('(built package)')}`);

  const ctx = createContext({ ui, secrets, gw, sdk, client, receiver, dir, aigBin });
  const results = await runSteps(STEPS, ctx, { isInterrupted: () => interrupted });
  if (interrupted) return 130;
  ui.summary(results, performance.now() - started);
  return results.every((r) => r.status === 'ok') ? 0 : 1;
}

main()
  .catch((error) => {
    ui.line(ui.c.red(`\n✗ The demo could not run: ${error?.message ?? error}`));
    return 1;
  })
  .then(async (code) => {
    if (interrupted) return;
    await cleanup();
    process.exitCode = code;
    // Everything is closed; if a handle still keeps node alive, say so instead of hanging.
    setTimeout(() => {
      ui.line('demo: something kept the process alive after cleanup; exiting.');
      process.exit(code || 1);
    }, 5_000).unref();
  });

export { runEmulatorCli, type EmulatorCliIo } from './cli.js';
export {
  CliUsageError,
  DEV_API_KEY,
  DEV_STREAM_DELAY_MS,
  DEV_WEBHOOK_SECRET,
  emulatorHelp,
  parseEmulatorArgs,
  type EmulatorCliOptions,
} from './cli-args.js';
export type { DeliveryLogEntry, EmulatorControl } from './control/control.js';
export type { FaultRule, FaultRuleInput } from './domains/faults.js';
export { RETRY_SCHEDULE, signWebhook } from './domains/webhooks.js';
export { listenErrorMessage } from './listen-error.js';
export { createEmulator, type Emulator, isDropped, VERSION } from './emulator.js';
export type { EmulatorOptions, RequestLogEntry } from './options.js';
export { type RunningEmulator, type StartEmulatorOptions, startEmulator } from './server.js';

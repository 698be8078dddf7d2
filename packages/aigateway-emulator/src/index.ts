export { listenErrorMessage } from './cli/listen-error.js';
export { type EmulatorCliEvent, type EmulatorCliIo, runEmulatorCli, type StopSignals } from './cli/run.js';
export type { LifecycleView } from './domains/catalog/lifecycle.js';
export type { DeliveryLogEntry, EmulatorControl, ModelLifecycleInput } from './domains/control/control.js';
export type { FaultRule, FaultRuleInput } from './domains/control/faults.js';
export {
  type ExpectRequestOptions,
  type NearMiss,
  type RequestFilter,
  RequestExpectationError,
  type RequestJournal,
} from './domains/control/journal.js';
export type { RequestRecord } from './domains/control/requests.js';
export {
  type ScenarioMatch,
  type ScenarioReply,
  type ScenarioRuleInput,
  ScenarioValidationError,
} from './domains/control/scenario-schema.js';
export type { ScenarioRule } from './domains/control/scenarios.js';
export type {
  ContractViolation,
  ProxyOptions,
  RecordingStatus,
  ReplayOptions,
} from './domains/recording/recording.js';
export { createEmulator, type Emulator, isDropped, VERSION } from './emulator.js';
export type { EmulatorOptions, RequestLogEntry } from './options.js';
export { type RunningEmulator, type StartEmulatorOptions, startEmulator } from './server.js';

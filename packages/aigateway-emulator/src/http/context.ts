import type { Operation } from '../contract/operations.js';
import type { KeyKind, Principal } from '../domains/accounts/accounts.js';
import type { FaultPlan } from '../domains/control/faults.js';
import type { ScenarioReply } from '../domains/control/scenario-schema.js';

/** What the middleware learns about a request, for the handlers after it (`c.var`). */
export interface RequestVars {
  requestId: string;
  /** The emulator's public origin (configured, never the request's `Host`), for URLs in responses. */
  origin: string;
  /** The contract operation the route serves; unset outside the contract (`/_emulator`, unknown paths). */
  operation: Operation | undefined;
  principal: Principal;
  /** Set once a bearer key authenticated the request. */
  key: KeyKind | null;
  /** The request's cost tag (header, else the sub-account's default). */
  tag: string | null;
  /** The body, read within the body limit (operations that take one). */
  rawBody: Uint8Array | undefined;
  fault: FaultPlan | undefined;
  /** Set by inference handlers so the request log keeps the request for replays. */
  replayable: { model: string; body: unknown } | undefined;
  /** False for requests the request log does not keep (the control API and the console). */
  journal: boolean;
  /** The id of the scenario rule that answered the request, for the journal. */
  scenario: string | null;
  /** What a scenario rule scripted for the handler to apply (content, tool calls, usage, stream, job). */
  scripted: ScenarioReply | undefined;
}

/** A body a server adapter already read (cheaper than a web stream), or its size when over the limit. */
export interface PrereadBody {
  body?: Uint8Array;
  bodyTooLarge?: number | true;
}

export type AppEnv = {
  /** Handed in by the server adapter with each request. */
  Bindings: { preread: PrereadBody | undefined };
  Variables: RequestVars;
};

import type { Core } from '../core.js';
import type { Principal } from '../domains/accounts.js';
import type { FaultPlan } from '../domains/faults.js';
import type { KeyKind } from '../domains/requests.js';

/** Per-request state, handed to the Hono handlers as `c.env`. */
export interface RequestState {
  core: Core;
  requestId: string;
  /** `scheme://host[:port]` the client used, for URLs in responses. */
  origin: string;
  /** The contract path template the request matched (`/v1/jobs/{id}`). */
  template: string;
  principal: Principal;
  /** Set once a bearer key authenticated the request. */
  key: KeyKind | null;
  rawBody: Uint8Array | undefined;
  /** The body as a server adapter read it before routing; MCP routes use it (the /v1 pipeline is handed it). */
  preread: PrereadBody | undefined;
  fault: FaultPlan | undefined;
  /** The request's cost tag (header, else the sub-account's default). */
  tag: string | null;
  /** Set by inference handlers so the request log keeps the request for replays. */
  replayable: { model: string; body: unknown } | undefined;
}

export type AppEnv = { Bindings: RequestState };

/** A body a server adapter already read (cheaper than a web stream), or its size when over the limit. */
export interface PrereadBody {
  body?: Uint8Array;
  bodyTooLarge?: number | true;
}

/** Responses marked here are answered by destroying the connection (fault `drop=`). */
export const dropped = new WeakSet<Response>();

/** Marks a response to be answered by destroying the connection (see the node server and msw adapters). */
export function drop(response: Response = new Response(null, { status: 499 })): Response {
  dropped.add(response);
  return response;
}

import type { Core } from '../core.js';
import type { ModelSpec } from '../domains/catalog-data.js';
import type { Endpoint } from '../domains/inference.js';
import { ApiError } from '../http/errors.js';
import { type ChatRequest, completionObject, planChat } from '../inference/chat.js';
import { sseBody } from '../inference/chat-stream.js';
import { fileLookup } from './shared.js';

/**
 * The `data:` payload of `x-aig-fault: stream-error`: the contract's envelope for a provider
 * failure after the stream started. The request is refunded, like any provider failure.
 */
function streamFailure(core: Core, requestId: string, spec: ModelSpec): string {
  core.metering.refundRequest(requestId);
  const provider = spec.id.slice(0, spec.id.indexOf('/'));
  const error = new ApiError(
    502,
    'provider_error',
    `${provider} failed after the stream started (injected by x-aig-fault); the answer is incomplete, so discard the partial text and retry the request once, or pick another model. This request was not charged.`,
    { provider },
  );
  return JSON.stringify(error.body(requestId));
}

/** POST /v1/chat/completions: JSON, or an SSE stream replaying the same deterministic plan. */
export const chat: Endpoint = {
  path: '/v1/chat/completions',
  modality: 'chat',
  run(input, spec, { core, state }) {
    const req = input as unknown as ChatRequest;
    const plan = planChat(req, spec, fileLookup(core));
    const id = `chatcmpl-${core.ids.hex(12)}`;
    const created = core.clock.now();
    const meter = { input_tokens: plan.promptTokens, output_tokens: plan.completionTokens };
    if (!req.stream) return { body: completionObject(plan, id, created, spec.id), meter };
    const fault = state.fault;
    const { requestId } = state;
    const body = sseBody(plan, {
      id,
      created,
      model: spec.id,
      includeUsage: req.stream_options?.include_usage === true,
      keepaliveMs: core.options.keepaliveMs,
      latencyMs: fault?.latencyMs,
      chunkDelayMs: core.options.streamChunkDelayMs,
      cutAfter: fault?.streamCut,
      stallAfter: fault?.streamStall,
      streamError:
        fault?.streamError === undefined
          ? undefined
          : { after: fault.streamError, payload: () => streamFailure(core, requestId, spec) },
    });
    return {
      response: new Response(body, {
        headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
      }),
      meter,
    };
  },
};

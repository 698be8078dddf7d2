import { ApiError } from '../../../http/errors.js';
import { price } from '../../accounts/metering.js';
import type { ModelSpec } from '../../catalog/models.js';
import { chargeOf, type Endpoint } from '../endpoint.js';
import { type ChatRequest, completionObject, planChat } from '../generate/chat.js';
import { sseBody } from '../generate/chat-stream.js';
import { scriptChat } from '../generate/scripted.js';

/**
 * The `data:` payload of `x-aig-fault: stream-error`: the contract's envelope for a provider
 * failure after the stream started. Nothing is charged, like any provider failure.
 */
function streamFailure(requestId: string, spec: ModelSpec): string {
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
export const chat: Endpoint<ChatRequest> = {
  operationId: 'createChatCompletion',
  modality: 'chat',
  run(req, spec, ctx) {
    const { ids, clock, files, streaming, call, hold, byok } = ctx;
    const scripted = call.scripted;
    const plan = scriptChat(
      planChat(req, spec, (url, param) => files.readInput(url, call.principal, param)),
      scripted,
    );
    const id = `chatcmpl-${ids.hex(12)}`;
    const created = clock.now();
    const meter = { input_tokens: plan.promptTokens, output_tokens: plan.completionTokens };
    if (!req.stream) return { body: completionObject(plan, id, created, spec.id), meter };
    // Held at its full price before the stream exists (a 402 here leaves nothing open), charged
    // when the client got [DONE], released when the stream fails or the client goes away.
    hold.resize(price(spec, meter, byok));
    const charge = chargeOf(chat, spec, meter, ctx, call, byok);
    const { fault, requestId } = call;
    const body = sseBody(plan, {
      id,
      created,
      model: spec.id,
      includeUsage: req.stream_options?.include_usage === true,
      keepaliveMs: streaming.keepaliveMs,
      latencyMs: (fault?.latencyMs ?? 0) + (scripted?.latency_ms ?? 0),
      chunkDelayMs: scripted?.stream?.chunk_delay_ms ?? streaming.chunkDelayMs,
      cutAfter: fault?.streamCut,
      stallAfter: fault?.streamStall,
      streamError:
        fault?.streamError === undefined
          ? undefined
          : { after: fault.streamError, payload: () => streamFailure(requestId, spec) },
      onEnd: (completed) => (completed ? hold.settle(charge) : hold.release()),
    });
    return {
      response: new Response(body, {
        headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
      }),
      meter,
      settlesLater: true,
    };
  },
};

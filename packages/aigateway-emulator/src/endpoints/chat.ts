import type { Endpoint } from '../domains/inference.js';
import { type ChatRequest, completionObject, planChat } from '../inference/chat.js';
import { sseBody } from '../inference/chat-stream.js';
import { fileLookup } from './shared.js';

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
    const body = sseBody(plan, {
      id,
      created,
      model: spec.id,
      includeUsage: req.stream_options?.include_usage === true,
      keepaliveMs: core.options.keepaliveMs,
      latencyMs: fault?.latencyMs,
      cutAfter: fault?.streamCut,
      stallAfter: fault?.streamStall,
    });
    return {
      response: new Response(body, {
        headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
      }),
      meter,
    };
  },
};

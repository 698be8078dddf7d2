import { type ChatPlan, usageOf } from './chat.js';

export interface StreamOptions {
  id: string;
  created: number;
  model: string;
  includeUsage: boolean;
  keepaliveMs: number;
  /** Time to first token: headers go out at once, chunks after this delay (keep-alives meanwhile). */
  latencyMs?: number;
  /** Fault: error the body after this many data chunks (no `[DONE]`). */
  cutAfter?: number;
  /** Fault: after this many data chunks, send nothing at all until the client goes away. */
  stallAfter?: number;
}

const encoder = new TextEncoder();

function pieces(text: string, size: number): string[] {
  const out = text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
  return out;
}

/** The `data:` payloads of a streamed completion, in OpenAI's chunk format. */
export function chunkPayloads(plan: ChatPlan, o: StreamOptions): string[] {
  const base = {
    id: o.id,
    object: 'chat.completion.chunk',
    created: o.created,
    model: o.model,
    system_fingerprint: null,
  };
  const usage = o.includeUsage ? { usage: null } : {};
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    JSON.stringify({
      ...base,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
      ...usage,
    });
  const out: string[] = [];
  const call = plan.toolCalls[0];
  if (call) {
    out.push(
      chunk({
        role: 'assistant',
        content: null,
        tool_calls: [
          { index: 0, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } },
        ],
      }),
    );
    for (const p of pieces(call.function.arguments, 12))
      out.push(chunk({ tool_calls: [{ index: 0, function: { arguments: p } }] }));
  } else {
    out.push(chunk({ role: 'assistant', content: '' }));
    for (const word of plan.content?.match(/\S+\s*/g) ?? []) out.push(chunk({ content: word }));
  }
  out.push(chunk({}, plan.finishReason));
  if (o.includeUsage) out.push(JSON.stringify({ ...base, choices: [], usage: usageOf(plan) }));
  return out;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());

/**
 * The SSE body: `data: <chunk>` events, `: keep-alive` comments every `keepaliveMs` while open,
 * then `data: [DONE]`. Faults can cut the body (an abrupt error) or stall it (silence, no keep-alives).
 */
export function sseBody(plan: ChatPlan, o: StreamOptions): ReadableStream<Uint8Array> {
  const payloads = chunkPayloads(plan, o);
  let timer: ReturnType<typeof setInterval> | undefined;
  let open = true;
  const stop = () => {
    open = false;
    if (timer) clearInterval(timer);
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      if (o.keepaliveMs > 0) {
        timer = setInterval(() => send(': keep-alive\n\n'), o.keepaliveMs);
        timer.unref?.();
      }
      if (o.latencyMs) await sleep(o.latencyMs);
      for (let i = 0; i <= payloads.length; i++) {
        if (!open) return;
        if (o.cutAfter === i) {
          stop();
          controller.error(new Error('stream cut by x-aig-fault'));
          return;
        }
        if (o.stallAfter === i) {
          // Silence until the client disconnects (cancel) or the emulator closes.
          if (timer) clearInterval(timer);
          return;
        }
        send(i < payloads.length ? `data: ${payloads[i]}\n\n` : 'data: [DONE]\n\n');
      }
      stop();
      controller.close();
    },
    cancel() {
      stop();
    },
  });
}

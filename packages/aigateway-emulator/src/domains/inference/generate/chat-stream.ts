import { StreamCut } from '../../../http/stream-cut.js';
import { type ChatPlan, usageOf } from './chat.js';

export interface StreamOptions {
  id: string;
  created: number;
  model: string;
  includeUsage: boolean;
  keepaliveMs: number;
  /** Time to first token: headers go out at once, chunks after this delay (keep-alives meanwhile). */
  latencyMs?: number;
  /** Pause before each event after the first, so a stream arrives word by word. 0 sends them back to back. */
  chunkDelayMs?: number;
  /** Fault: error the body with `StreamCut` after this many data chunks (no `[DONE]`). */
  cutAfter?: number;
  /** Fault: after this many data chunks, send nothing at all until the client goes away. */
  stallAfter?: number;
  /**
   * Fault: after `after` data chunks (at most all of them, in place of `[DONE]`), one
   * `data: <payload()>` error event, then the body ends cleanly. `payload` is called once, when sent.
   */
  streamError?: { after: number; payload: () => string };
  /** Called once: `true` after `[DONE]` went out, `false` when the stream failed or was cancelled first. */
  onEnd?: (completed: boolean) => void;
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
  if (plan.toolCalls.length > 0) {
    plan.toolCalls.forEach((call, index) => {
      const opening = {
        index,
        id: call.id,
        type: 'function',
        function: { name: call.function.name, arguments: '' },
      };
      out.push(
        chunk(
          index === 0
            ? { role: 'assistant', content: null, tool_calls: [opening] }
            : { tool_calls: [opening] },
        ),
      );
      for (const p of pieces(call.function.arguments, 12))
        out.push(chunk({ tool_calls: [{ index, function: { arguments: p } }] }));
    });
  } else {
    out.push(chunk({ role: 'assistant', content: '' }));
    for (const piece of plan.chunks ?? plan.content?.match(/\S+\s*/g) ?? [])
      out.push(chunk({ content: piece }));
  }
  out.push(chunk({}, plan.finishReason));
  if (o.includeUsage) out.push(JSON.stringify({ ...base, choices: [], usage: usageOf(plan) }));
  return out;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());

/** How long a cut stream waits after its last chunk, so that chunk reaches the client before the reset. */
const CUT_GRACE_MS = 30;

/**
 * The SSE body: `data: <chunk>` events, `: keep-alive` comments every `keepaliveMs` while open,
 * then `data: [DONE]`. Chunks are pulled one at a time, so faults act on what the client got:
 * a cut errors the body (the connection is reset), a stall sends nothing more, not even keep-alives,
 * and a stream error sends the error event and ends the body without `[DONE]`.
 */
export function sseBody(plan: ChatPlan, o: StreamOptions): ReadableStream<Uint8Array> {
  const events = [...chunkPayloads(plan, o).map((p) => `data: ${p}\n\n`), 'data: [DONE]\n\n'];
  let timer: ReturnType<typeof setInterval> | undefined;
  let open = true;
  let next = 0;
  let release: (() => void) | undefined;
  const failure = o.streamError;
  const failAt = failure ? Math.min(failure.after, events.length - 1) : -1;
  let ended = false;
  const stop = (completed = false) => {
    open = false;
    if (timer) clearInterval(timer);
    release?.();
    if (!ended) {
      ended = true;
      o.onEnd?.(completed);
    }
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (o.keepaliveMs > 0) {
          timer = setInterval(
            () => open && controller.enqueue(encoder.encode(': keep-alive\n\n')),
            o.keepaliveMs,
          );
          timer.unref?.();
        }
      },
      async pull(controller) {
        // Waiting inside pull keeps backpressure: nothing is produced until the client reads on.
        const wait = next === 0 ? o.latencyMs : o.chunkDelayMs;
        if (wait) await sleep(wait);
        if (!open) return;
        if (o.cutAfter === next) {
          await sleep(CUT_GRACE_MS);
          stop();
          controller.error(new StreamCut());
          return;
        }
        if (o.stallAfter === next) {
          if (timer) clearInterval(timer);
          // Silence until the client goes away (cancel) or the emulator closes the connection.
          return new Promise<void>((resolve) => {
            release = resolve;
          });
        }
        if (failure && failAt === next) {
          controller.enqueue(encoder.encode(`data: ${failure.payload()}\n\n`));
          stop();
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(events[next]!));
        next += 1;
        if (next === events.length) {
          stop(true);
          controller.close();
        }
      },
      cancel() {
        stop();
      },
    },
    { highWaterMark: 0 },
  );
}

import { createParser } from 'eventsource-parser';
import { failure } from './api.js';
import type { RequestRecord } from './types.js';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveHandlers {
  request(record: RequestRecord): void;
  changed(): void;
  reset(): void;
  status(status: LiveStatus): void;
  /** The key was refused (401, 403): following stops. */
  denied(message: string): void;
}

/**
 * Follows `GET /_emulator/events` until `signal` aborts, reconnecting after a drop. It reads the
 * stream with fetch, not EventSource, because EventSource cannot send the key in a header.
 */
export async function followEvents(key: string, handlers: LiveHandlers, signal: AbortSignal): Promise<void> {
  let delay = 500;
  handlers.status('connecting');
  while (!signal.aborted) {
    try {
      const res = await fetch('/_emulator/events', {
        headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' },
        signal,
      });
      if (res.status === 401 || res.status === 403) {
        handlers.denied((await failure(res)).message);
        return;
      }
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      const parser = createParser({
        onEvent: (e) => {
          if (e.event === 'hello') {
            delay = 500;
            handlers.status('live');
            // Load everything now: whatever happened before (or while disconnected) is not in the stream.
            handlers.reset();
          } else if (e.event === 'request') handlers.request(JSON.parse(e.data) as RequestRecord);
          else if (e.event === 'changed') handlers.changed();
          else if (e.event === 'reset') handlers.reset();
        },
      });
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      // Dropped, refused or aborted: retry below unless aborted.
    }
    if (signal.aborted) return;
    handlers.status('reconnecting');
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 5000);
  }
}

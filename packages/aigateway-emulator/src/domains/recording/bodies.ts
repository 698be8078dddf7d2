import type { RecordedBody } from './cassette.js';
import type { Redactor } from './redact.js';

const mediaType = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();

const isText = (type: string) =>
  type.startsWith('text/') || type === 'application/x-www-form-urlencoded' || type.endsWith('+json');

/** Redacts the JSON of every `data:` line of an SSE event, leaving lines it does not change byte for byte. */
function redactEvent(event: string, redact: Redactor): string {
  return event
    .split('\n')
    .map((line) => {
      if (!line.startsWith('data: ')) return redact.text(line);
      const data = line.slice(6);
      try {
        const redacted = JSON.stringify(redact.json(JSON.parse(data)));
        return redacted === JSON.stringify(JSON.parse(data)) ? line : `data: ${redacted}`;
      } catch {
        return redact.text(line);
      }
    })
    .join('\n');
}

/**
 * A body as a cassette stores it, secrets stripped: compact JSON inline (other JSON as text, so a
 * replay is byte for byte), an event stream as its events, text as text, anything else (audio,
 * images, video) as base64.
 */
export function encodeBody(
  bytes: Uint8Array,
  contentType: string,
  redact: Redactor,
): RecordedBody | undefined {
  if (bytes.byteLength === 0) return undefined;
  const type = mediaType(contentType);
  const text = () => Buffer.from(bytes).toString('utf8');
  if (type === 'application/json') {
    const raw = text();
    try {
      const parsed: unknown = JSON.parse(raw);
      if (JSON.stringify(parsed) === raw) return { json: redact.json(parsed) };
    } catch {
      // Not JSON after all: kept as text below.
    }
    return { text: redact.text(raw) };
  }
  if (type === 'text/event-stream') {
    const raw = text();
    // Whole events only; a stream that stopped mid-event is kept as it was, as text.
    if (!raw.endsWith('\n\n')) return { text: redact.text(raw) };
    return {
      events: raw
        .slice(0, -2)
        .split('\n\n')
        .map((e) => redactEvent(e, redact)),
    };
  }
  if (isText(type)) return { text: redact.text(text()) };
  return { base64: Buffer.from(bytes).toString('base64') };
}

/** The bytes of a stored body; `rewrite` maps text (URLs on the upstream) before it is encoded. */
export function decodeBody(body: RecordedBody | undefined, rewrite: (text: string) => string): Uint8Array {
  if (!body) return new Uint8Array(0);
  if ('base64' in body) return Buffer.from(body.base64, 'base64');
  const text =
    'json' in body
      ? JSON.stringify(body.json)
      : 'events' in body
        ? body.events.map((e) => `${e}\n\n`).join('')
        : body.text;
  return Buffer.from(rewrite(text), 'utf8');
}

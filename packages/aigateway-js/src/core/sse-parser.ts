// The event-stream format (WHATWG HTML § 9.2.6, "Interpreting an event stream"), as far as a
// chat stream uses it: `data` lines (joined with \n), the `event` type and comments, with lines
// ending in \n, \r\n or a lone \r; `id` and `retry` are read and ignored. One pass over each decoded
// chunk, and no object per event: a stream of 20,000 chunks made 20,000 `{ id, event, data }`
// objects with eventsource-parser only to read `data` back out of them.

const LF = 10;
const SPACE = 32;
const COLON = 58;

/**
 * Feeds decoded text, collects the events it completes: `data[i]` and `types[i]` (the `event`
 * field, `undefined` for the default "message") for `i < count`, valid until the next `feed`.
 */
export class SSEParser {
  readonly data: string[] = [];
  readonly types: (string | undefined)[] = [];
  count = 0;
  /** The text after the last line end: an unfinished line. */
  #carry = '';
  /** The last chunk ended in \r, so a \n that starts the next one ends no line of its own. */
  #skipLF = false;
  #first = true;
  #lines = 0;
  #buffer = '';
  #type: string | undefined;

  /** Parses `chunk`; true when it completed an event or a comment (the stream made progress). */
  feed(chunk: string): boolean {
    this.count = 0;
    let text = chunk;
    if (this.#first) {
      this.#first = false;
      // A UTF-8 byte order mark decoded as Latin-1, as eventsource-parser drops it too.
      if (text.charCodeAt(0) === 0xef && text.charCodeAt(1) === 0xbb && text.charCodeAt(2) === 0xbf) {
        text = text.slice(3);
      }
    }
    if (this.#carry !== '') {
      text = this.#carry + text;
      this.#carry = '';
    }
    let start = 0;
    if (this.#skipLF) {
      this.#skipLF = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    let progress = false;
    let lf = text.indexOf('\n', start);
    let cr = text.indexOf('\r', start);
    // The common shape, `data: <json>\n\n` with no event in progress: one event per two line ends.
    while (
      cr === -1 &&
      lf !== -1 &&
      this.#lines === 0 &&
      text.charCodeAt(lf + 1) === LF &&
      isData(text, start)
    ) {
      const valueStart = text.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5;
      this.data[this.count] = text.slice(valueStart, lf);
      this.types[this.count] = this.#type;
      this.count++;
      this.#type = undefined;
      progress = true;
      start = lf + 2;
      lf = text.indexOf('\n', start);
    }
    for (;;) {
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
      if (end === -1) break;
      if (this.#line(text, start, end)) progress = true;
      start = end + 1;
      if (end === cr) {
        if (start === text.length) this.#skipLF = true;
        else if (text.charCodeAt(start) === LF) start++;
      }
    }
    if (start < text.length) this.#carry = text.slice(start);
    return progress;
  }

  /** One line, `text[start, end)`; true when it completed an event or was a comment. */
  #line(text: string, start: number, end: number): boolean {
    if (start === end) {
      const dispatch = this.#lines > 0;
      if (dispatch) {
        this.data[this.count] = this.#buffer;
        this.types[this.count] = this.#type;
        this.count++;
      }
      this.#lines = 0;
      this.#buffer = '';
      this.#type = undefined;
      return dispatch;
    }
    const first = text.charCodeAt(start);
    if (first === COLON) return true;
    const colon = text.indexOf(':', start);
    // A line without a colon is a field name with an empty value.
    const nameEnd = colon === -1 || colon > end ? end : colon;
    let valueStart = nameEnd === end ? end : nameEnd + 1;
    if (valueStart < end && text.charCodeAt(valueStart) === SPACE) valueStart++;
    const length = nameEnd - start;
    if (length === 4 && text.startsWith('data', start)) {
      const value = text.slice(valueStart, end);
      this.#buffer = this.#lines === 0 ? value : `${this.#buffer}\n${value}`;
      this.#lines++;
    } else if (length === 5 && text.startsWith('event', start)) {
      this.#type = text.slice(valueStart, end) || undefined;
    }
    return false;
  }
}

function isData(text: string, at: number): boolean {
  return (
    text.charCodeAt(at) === 100 &&
    text.charCodeAt(at + 1) === 97 &&
    text.charCodeAt(at + 2) === 116 &&
    text.charCodeAt(at + 3) === 97 &&
    text.charCodeAt(at + 4) === COLON
  );
}

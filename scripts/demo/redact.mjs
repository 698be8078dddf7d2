// Every byte the demo prints passes through one Secrets instance: keys and the webhook secret are
// replaced by a masked form before they reach the terminal.

const PREFIXES = ['sk-aig-sub-', 'sk-aig-', 'whsec_'];

/** `sk-aig-…1a2b` for keys (the last four identify it), `whsec_…` for signing secrets. */
export function mask(secret) {
  const prefix = PREFIXES.find((p) => secret.startsWith(p)) ?? '';
  if (prefix === 'whsec_' || secret.length < 16) return `${prefix}…`;
  return `${prefix}…${secret.slice(-4)}`;
}

export class Secrets {
  #values = [];

  /** Registers a secret (ignores empty values); returns it for chaining. */
  add(secret) {
    if (typeof secret === 'string' && secret.length >= 6 && !this.#values.includes(secret)) {
      this.#values.push(secret);
      this.#values.sort((a, b) => b.length - a.length);
    }
    return secret;
  }

  /** The masked form of the first registered secret found in `text`, or undefined. */
  find(text) {
    const found = this.#values.find((secret) => String(text).includes(secret));
    return found === undefined ? undefined : mask(found);
  }

  redact(text) {
    let out = String(text);
    for (const secret of this.#values) out = out.split(secret).join(mask(secret));
    return out;
  }

  /** True when `text` ends with the start of a secret, so a streamed chunk must wait for the next. */
  #heldBack(text) {
    let hold = 0;
    for (const secret of this.#values) {
      for (let n = Math.min(secret.length - 1, text.length); n > hold; n--) {
        if (text.endsWith(secret.slice(0, n))) {
          hold = n;
          break;
        }
      }
    }
    return hold;
  }

  /**
   * A redactor for a stream of chunks: a secret split across two chunks is still caught, and
   * only the few characters that could begin a secret are held back until the next chunk.
   */
  streaming(write) {
    let pending = '';
    return {
      push: (chunk) => {
        const text = this.redact(pending + chunk);
        const hold = this.#heldBack(text);
        pending = text.slice(text.length - hold);
        if (text.length > hold) write(text.slice(0, text.length - hold));
      },
      flush: () => {
        if (pending) write(this.redact(pending));
        pending = '';
      },
    };
  }
}

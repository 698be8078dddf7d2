/**
 * Imported HMAC keys by secret. Turning a secret into a key costs as much as a short HMAC (a round
 * trip to the crypto thread with Web Crypto), and the same one or two secrets verify every delivery.
 * Bounded, oldest out first, so a caller cycling through many secrets cannot grow it without limit.
 */
export class KeyCache<K> {
  readonly #keys = new Map<string, K>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get(secret: string, create: (secret: string) => K): K {
    let key = this.#keys.get(secret);
    if (key === undefined) {
      key = create(secret);
      if (this.#keys.size >= this.#max) this.#keys.delete(this.#keys.keys().next().value as string);
      this.#keys.set(secret, key);
    }
    return key;
  }

  /** Forgets `key` if it is still the one cached for `secret` (e.g. an import that failed). */
  forget(secret: string, key: K): void {
    if (this.#keys.get(secret) === key) this.#keys.delete(secret);
  }
}

/**
 * Response headers with the Fetch `Headers` behaviour the SDK relies on (case-insensitive names, repeated
 * headers joined with ", ", sorted iteration, `getSetCookie`), without loading Node's Headers (undici).
 */
export class NodeHeaders implements Headers {
  private readonly map = new Map<string, string>();
  private cookies: string[] = [];

  /** `raw` is node's `rawHeaders`: name, value, name, value, … */
  constructor(raw: readonly string[] = []) {
    for (let i = 0; i + 1 < raw.length; i += 2) this.append(raw[i] as string, raw[i + 1] as string);
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    if (key === 'set-cookie') this.cookies.push(value);
    const previous = this.map.get(key);
    this.map.set(key, previous === undefined ? value : `${previous}, ${value}`);
  }

  delete(name: string): void {
    const key = name.toLowerCase();
    if (key === 'set-cookie') this.cookies = [];
    this.map.delete(key);
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }

  getSetCookie(): string[] {
    return [...this.cookies];
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }

  set(name: string, value: string): void {
    this.delete(name);
    this.append(name, value);
  }

  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  *entries(): HeadersIterator<[string, string]> {
    const sorted = [...this.map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key, value] of sorted) {
      // As in fetch, each Set-Cookie is its own entry.
      if (key === 'set-cookie') for (const cookie of this.cookies) yield [key, cookie];
      else yield [key, value];
    }
  }

  *keys(): HeadersIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): HeadersIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): HeadersIterator<[string, string]> {
    return this.entries();
  }
}

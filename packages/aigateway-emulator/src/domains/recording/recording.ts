import type { components } from '../../generated/control.js';
import {
  type Cassette,
  cassetteName,
  ensureDir,
  keyId,
  loadCassettes,
  type MatchKey,
  writeCassette,
} from './cassette.js';
import { Redactor } from './redact.js';

/** Forward every `/v1` and `/mcp` request to a real gateway (Prism-style), checking each answer against the contract. */
export interface ProxyOptions {
  /** The gateway to forward to, e.g. `https://api.aigateway.sh/v1` (the `/v1` is optional). */
  upstream: string;
  /**
   * The key sent upstream in place of the emulator's own key, so the app under test keeps the dev
   * key and the real key stays in this process (the bin reads it from `--proxy-key-env NAME`).
   * Requests with any other `Authorization` are forwarded with it unchanged. Never written anywhere.
   */
  apiKey?: string;
  /** Write one cassette (a JSON file) per interaction into this directory, secrets stripped. */
  record?: string;
}

/** Serve recorded cassettes instead of emulating. */
export interface ReplayOptions {
  /** The directory `record` wrote. */
  dir: string;
  /** Without a matching cassette: emulate the request (default), or answer 500 naming the request and the directory. */
  onMiss?: 'emulate' | 'error';
}

export type ContractViolation = components['schemas']['ContractViolation'];
export type RecordingStatus = components['schemas']['Recording'];

const MAX_VIOLATIONS = 100;

/** `http://host/prefix` from a base URL with or without its `/v1`; a bad URL throws saying what to pass. */
export function upstreamRoot(upstream: string): string {
  let url: URL;
  try {
    url = new URL(upstream);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(
      `The proxy upstream must be an http(s) base URL such as https://api.aigateway.sh/v1 (got '${upstream}').`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new TypeError(
      'The proxy upstream must be a plain base URL (no query, fragment or credentials); pass the key with --proxy-key-env.',
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')}`;
}

/**
 * Record and replay: the mode, what the proxy and the replays did, the contract violations found
 * upstream, and the cassettes (written whole, in the background; `settle()` waits for them).
 */
export class Recording {
  readonly mode: RecordingStatus['mode'];
  readonly root: string | null;
  readonly redact: Redactor;
  private readonly cassettes: Map<string, Cassette[]>;
  private readonly seen = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();
  private violations: ContractViolation[] = [];
  private counts = { proxied: 0, recorded: 0, replayed: 0, misses: 0 };

  constructor(
    readonly proxy: ProxyOptions | undefined,
    readonly replay: ReplayOptions | undefined,
    private readonly hooks: {
      /** The emulator's own key: the one swapped for `proxy.apiKey`. */
      emulatorKey: string;
      /** Secrets that must never reach a cassette besides keys matching the contract's pattern. */
      secrets: string[];
      onViolation?: (violation: ContractViolation) => void;
      onError?: (error: unknown, requestId: string) => void;
    },
  ) {
    if (proxy && replay) {
      throw new TypeError(
        'Choose one of proxy (forward and record) and replay (serve cassettes): they cannot run together.',
      );
    }
    this.mode = proxy ? 'proxy' : replay ? 'replay' : 'emulate';
    this.root = proxy ? upstreamRoot(proxy.upstream) : null;
    this.redact = new Redactor([proxy?.apiKey, hooks.emulatorKey, ...hooks.secrets]);
    if (proxy?.record) ensureDir(proxy.record);
    this.cassettes = replay ? loadCassettes(replay.dir) : new Map();
  }

  get emulatorKey(): string {
    return this.hooks.emulatorKey;
  }

  status(): RecordingStatus {
    return {
      mode: this.mode,
      upstream: this.proxy?.upstream ?? null,
      dir: this.proxy?.record ?? this.replay?.dir ?? null,
      on_miss: this.replay ? (this.replay.onMiss ?? 'emulate') : null,
      ...this.counts,
      violations: [...this.violations],
    };
  }

  /** Reports what an upstream response got wrong: one violation per line. */
  violated(base: Omit<ContractViolation, 'message'>, messages: string[]): void {
    for (const message of messages) {
      const violation = { ...base, message };
      this.violations.push(violation);
      this.hooks.onViolation?.(violation);
    }
    if (this.violations.length > MAX_VIOLATIONS) this.violations = this.violations.slice(-MAX_VIOLATIONS);
  }

  proxied(): void {
    this.counts.proxied++;
  }

  /** The next cassette for a key (the last one again once they are used up), or undefined on a miss. */
  lookup(key: MatchKey): Cassette | undefined {
    const id = keyId(key);
    const group = this.cassettes.get(id);
    const n = this.seen.get(id) ?? 0;
    this.seen.set(id, n + 1);
    if (!group) {
      this.counts.misses++;
      return undefined;
    }
    this.counts.replayed++;
    return group[Math.min(n, group.length - 1)];
  }

  /** Writes a cassette in the background, whole or not at all; never one that still holds a known secret. */
  write(cassette: Omit<Cassette, 'match'> & { match: MatchKey }, requestId: string): void {
    const dir = this.proxy?.record;
    if (!dir) return;
    const id = keyId(cassette.match);
    const occurrence = (this.seen.get(id) ?? 0) + 1;
    this.seen.set(id, occurrence);
    const name = cassetteName(cassette.match, occurrence);
    const serialized = `${JSON.stringify({ ...cassette, match: { ...cassette.match, occurrence } }, null, 2)}\n`;
    if (this.redact.leaks(serialized)) {
      this.hooks.onError?.(new Error(`cassette ${name} not written: it still held a secret`), requestId);
      return;
    }
    const write = writeCassette(dir, name, serialized).then(
      () => {
        this.counts.recorded++;
      },
      (error: unknown) => this.hooks.onError?.(error, requestId),
    );
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  /** Waits for the cassettes being written. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /**
   * A reset: replays start again from each key's first cassette; counts and violations are
   * forgotten. A recording keeps counting, so a reset between tests overwrites no cassette.
   */
  clear(): void {
    if (this.mode === 'replay') this.seen.clear();
    this.violations = [];
    this.counts = { proxied: 0, recorded: 0, replayed: 0, misses: 0 };
  }
}

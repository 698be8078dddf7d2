import { redact } from '../internal/redact.js';

/** Log verbosity, from most to least chatty. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/** Anything console-like. */
export interface Logger {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'off'];

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };

/**
 * The SDK's internal log: level-gated (so disabled levels cost one comparison) and redacting every
 * line with the client's known secrets and key-shaped patterns.
 */
export class Log {
  readonly #rank: number;
  readonly #logger: Logger;
  readonly #secrets: readonly string[];

  constructor(level: LogLevel, logger: Logger, secrets: readonly string[]) {
    this.#rank = RANK[level];
    this.#logger = logger;
    this.#secrets = secrets;
  }

  /** Whether `level` lines are emitted; check before building an expensive line. */
  enabled(level: Exclude<LogLevel, 'off'>): boolean {
    return RANK[level] >= this.#rank;
  }

  debug(line: string): void {
    if (this.#rank <= 0) this.#logger.debug(this.#clean(line));
  }
  info(line: string): void {
    if (this.#rank <= 1) this.#logger.info(this.#clean(line));
  }
  warn(line: string): void {
    if (this.#rank <= 2) this.#logger.warn(this.#clean(line));
  }
  error(line: string): void {
    if (this.#rank <= 3) this.#logger.error(this.#clean(line));
  }

  /** A copy that also redacts `extra` secrets (per-request keys). */
  withSecrets(extra: readonly string[]): Log {
    return extra.length
      ? new Log(LOG_LEVELS[this.#rank] ?? 'off', this.#logger, [...this.#secrets, ...extra])
      : this;
  }

  #clean(line: string): string {
    return `[aigateway] ${redact(line, this.#secrets)}`;
  }
}

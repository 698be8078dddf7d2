import { Persistence } from './state-file.js';

/**
 * A piece of the emulator's state, owned by one domain: `reset` clears it, and with `save`/`load`
 * it is kept in the `--state` file, as top-level fields of it.
 */
export interface StatePart<T extends object = object> {
  clear(): void;
  save?(): T;
  /** Takes back what `save` wrote; a field is missing in a file written before it existed. */
  load?(saved: Partial<T>): void;
}

const VERSION = 1;

/**
 * The emulator's state as a whole: the parts the domains own, the `--state` file that keeps
 * them, and the reset that forgets them. Domains report changes with `changed()`.
 */
export class EmulatorState {
  private readonly parts: StatePart[] = [];
  private readonly persistence: Persistence<Record<string, unknown>> | undefined;

  /** `hooks` hear of every change and every reset (the console's live events). */
  constructor(
    stateFile: string | undefined,
    private readonly hooks: { changed?(): void; reset?(): void } = {},
  ) {
    this.persistence = stateFile ? new Persistence(stateFile, () => this.snapshot()) : undefined;
  }

  /** Marks the state dirty; the file is rewritten shortly after (coalesced). */
  readonly changed = (): void => {
    this.persistence?.markDirty();
    this.hooks.changed?.();
  };

  /** Adds parts; `restore` and `reset` go through them in the order they were added. */
  register(...parts: StatePart[]): void {
    this.parts.push(...parts);
  }

  /** Loads the state file into the registered parts (in registration order); nothing when there is none. */
  restore(): void {
    const saved = this.persistence?.load();
    if (!saved) return;
    if (saved.version !== VERSION)
      throw new Error(
        `Unsupported state file version ${String(saved.version)}; delete the file or use another --state path.`,
      );
    for (const part of this.parts) part.load?.(saved);
  }

  /** Forgets everything every part holds. */
  reset(): void {
    for (const part of this.parts) part.clear();
    this.changed();
    this.hooks.reset?.();
  }

  /** Writes the state file now (when there is one). */
  async flush(): Promise<void> {
    await this.persistence?.flush();
  }

  private snapshot(): Record<string, unknown> {
    return Object.assign({ version: VERSION }, ...this.parts.map((part) => part.save?.() ?? {}));
  }
}

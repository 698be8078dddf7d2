import { Persistence, StateFileError } from './state-file.js';
import { stateFileProblem } from './state-schema.js';

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
  private readonly file: string | undefined;

  /** `hooks` hear of every change and every reset (the console's live events). */
  constructor(
    stateFile: string | undefined,
    private readonly hooks: { changed?(): void; reset?(): void } = {},
  ) {
    this.file = stateFile;
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

  /**
   * Loads the state file into the registered parts (in registration order); nothing when there is
   * none. A file that is not the emulator's shape is a `StateFileError` naming it, before any part
   * takes anything from it.
   */
  restore(): void {
    const saved = this.persistence?.load();
    if (saved === undefined) return;
    const version = (saved as { version?: unknown } | null)?.version;
    if (typeof saved === 'object' && saved !== null && version !== undefined && version !== VERSION)
      throw new StateFileError(
        `The state file ${this.file} has version ${String(version)}, which this emulator cannot read; delete it or pass another --state file.`,
      );
    const problem = stateFileProblem(saved);
    if (problem !== undefined)
      throw new StateFileError(
        `The state file ${this.file} is not an emulator state file (${problem}); fix or delete it, or pass another --state file.`,
      );
    for (const part of this.parts) part.load?.(saved as Record<string, unknown>);
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

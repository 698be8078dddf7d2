import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Saves state as JSON on every change, coalesced: the hot path only marks the state dirty; one
 * write (temp file + rename, so a crash never leaves half a file) runs at most every 50 ms.
 */
export class Persistence<T> {
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> | undefined;
  private tmpSeq = 0;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => T,
    private readonly delayMs = 50,
  ) {}

  /** Reads the state file; undefined when it does not exist yet. */
  load(): T | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`Cannot read the state file ${this.file}: ${(e as Error).message}`);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new Error(
        `The state file ${this.file} is not valid JSON. Fix or delete it, or pass another --state file.`,
      );
    }
  }

  markDirty(): void {
    this.dirty = true;
    if (this.timer || this.writing) return;
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
    this.timer.unref?.();
  }

  /** Writes now if anything changed; resolves when the state on disk is current. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writing) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    this.writing = this.write(JSON.stringify(this.snapshot())).finally(() => {
      this.writing = undefined;
      if (this.dirty) this.markDirty();
    });
    await this.writing;
  }

  private async write(text: string): Promise<void> {
    const tmp = `${this.file}.${process.pid}.${++this.tmpSeq}.tmp`;
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(tmp, text);
    await rename(tmp, this.file);
  }
}

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * A `--state` file that cannot be used (unreadable, not JSON, not the emulator's shape): the
 * message names the file and what to do. The bin exits 2 with code `state_file_invalid`.
 */
export class StateFileError extends Error {
  readonly code = 'state_file_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'StateFileError';
  }
}

/**
 * Saves state as JSON on every change, coalesced: the hot path only marks the state dirty; one
 * write runs at most every 50 ms. A write goes to a new temp file in the same folder (created
 * exclusively under a random name, so a planted file or symlink there is never written through),
 * mode 0600 (the file holds key hashes and the file-signing secret), synced, then renamed over
 * the file, so a crash never leaves half a file.
 */
export class Persistence<T> {
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => T,
    private readonly delayMs = 50,
  ) {}

  /** Reads the state file; undefined when it does not exist yet. */
  load(): unknown {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new StateFileError(`Cannot read the state file ${this.file}: ${(e as Error).message}`);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new StateFileError(
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
    const dir = dirname(this.file);
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${basename(this.file)}.${randomBytes(8).toString('hex')}.tmp`);
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
    await handle.close();
    await rename(tmp, this.file);
  }
}

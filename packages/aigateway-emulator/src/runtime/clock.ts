import type { StatePart } from './state.js';

/**
 * Emulator time: real time plus a manual offset (`advance`). Every nominal delay (job phases,
 * webhook retries, eval runs) is divided by the time scale.
 */
export interface Clock {
  /** Emulator time in milliseconds since the epoch. */
  nowMs(): number;
  /** Emulator time in Unix seconds. */
  now(): number;
  /** The emulator-time length in ms of a nominal delay of `seconds`, after the time scale. */
  scaled(seconds: number): number;
  readonly timeScale: number;
  offsetMs: number;
}

type Task = { id: number; dueAt: number; run: () => unknown };

/**
 * Runs work when emulator time reaches it. A real timer (unref'd, so it never holds the process
 * open) fires it as time passes; `advance()` fires everything that became due and waits for it.
 */
export class Scheduler {
  private tasks: Task[] = [];
  private nextId = 1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(private readonly clock: Clock) {}

  /** Runs `run` when emulator time reaches `dueAt` (ms). Returns a handle for `cancel`. */
  at(dueAt: number, run: () => unknown): number {
    const id = this.nextId++;
    this.tasks.push({ id, dueAt, run });
    this.tasks.sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
    this.arm();
    return id;
  }

  cancel(id: number): void {
    this.tasks = this.tasks.filter((t) => t.id !== id);
  }

  /** Moves the clock forward and resolves once everything that became due has run. */
  async advance(seconds: number): Promise<void> {
    this.clock.offsetMs += seconds * 1000;
    await this.settle();
  }

  /** Starts every due task; async work is tracked, not awaited, so a slow webhook holds nothing up. */
  tick(): void {
    while (!this.closed) {
      const now = this.clock.nowMs();
      const due = this.tasks.filter((t) => t.dueAt <= now);
      if (due.length === 0) break;
      this.tasks = this.tasks.filter((t) => t.dueAt > now);
      for (const task of due) {
        const result = task.run();
        if (result instanceof Promise) this.track(result);
      }
    }
    this.arm();
  }

  /** Resolves when no task is due and no started work (e.g. a webhook delivery) is still running. */
  async settle(): Promise<void> {
    for (;;) {
      this.tick();
      if (this.inflight.size === 0) return;
      await Promise.allSettled([...this.inflight]);
    }
  }

  /** Tracks background work so `settle()` can wait for it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    work.then(
      () => this.inflight.delete(work),
      () => this.inflight.delete(work),
    );
    return work;
  }

  clear(): void {
    this.tasks = [];
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  close(): void {
    this.closed = true;
    this.clear();
  }

  get pending(): number {
    return this.tasks.length;
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.tasks[0];
    if (!next || this.closed) return;
    // Timers cap at ~24.8 days; the re-arm after firing covers anything longer.
    const wait = Math.min(Math.max(0, next.dueAt - this.clock.nowMs()), 2 ** 31 - 1);
    this.timer = setTimeout(() => this.tick(), wait);
    this.timer.unref?.();
  }
}

/** The clock's offset is kept in the state file; reset goes back to real time. */
export const clockState = (clock: Clock): StatePart<{ clock_offset_ms: number }> => ({
  save: () => ({ clock_offset_ms: clock.offsetMs }),
  load: (saved) => {
    clock.offsetMs = saved.clock_offset_ms ?? 0;
  },
  clear: () => {
    clock.offsetMs = 0;
  },
});

export function createClock(timeScale: number, offsetMs = 0): Clock {
  return {
    offsetMs,
    timeScale,
    nowMs() {
      return Date.now() + this.offsetMs;
    },
    now() {
      return Math.floor(this.nowMs() / 1000);
    },
    scaled: (seconds) => (seconds * 1000) / timeScale,
  };
}

/** Start of the UTC month containing `unixSeconds`, and of the next one. */
export function monthBounds(unixSeconds: number): { start: number; end: number; month: string } {
  const d = new Date(unixSeconds * 1000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return {
    start: Date.UTC(y, m, 1) / 1000,
    end: Date.UTC(y, m + 1, 1) / 1000,
    month: `${y}-${String(m + 1).padStart(2, '0')}`,
  };
}

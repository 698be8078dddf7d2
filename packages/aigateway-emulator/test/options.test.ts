import { describe, expect, it } from 'vitest';
import { createEmulator } from '../src/emulator.js';
import { createEmulatorHandlers } from '../src/msw.js';
import { resolveOptions } from '../src/options.js';
import { startEmulator } from '../src/server.js';

describe('streamChunkDelayMs', () => {
  it('is 0 for createEmulator, the msw handlers and startEmulator, so test suites stay fast', async () => {
    const bare = createEmulator();
    const { emulator: mocked } = createEmulatorHandlers();
    const served = await startEmulator();
    try {
      for (const e of [bare, mocked, served.emulator])
        expect(e.control.state().streaming).toEqual({ chunk_delay_ms: 0, keepalive_ms: 15_000 });
      const paced = createEmulator({ streamChunkDelayMs: 15 });
      expect(paced.control.state().streaming).toMatchObject({ chunk_delay_ms: 15 });
      await paced.close();
    } finally {
      await Promise.all([bare.close(), mocked.close(), served.close()]);
    }
  });

  it('rejects a negative or non-finite delay', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => resolveOptions({ streamChunkDelayMs: bad })).toThrow(
        /streamChunkDelayMs must be a non-negative number of milliseconds/,
      );
    }
  });
});

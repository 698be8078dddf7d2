import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-env.ts'],
    // End-to-end tests spawn the binary; generous limits keep them stable on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The end-to-end files mostly wait (on child processes, job polls, retries), so a few run side by side
    // even on a 2-core machine.
    maxWorkers: 2,
    // Most files run the CLI in-process against the real SDK, emulator and MCP SDK: importing those once per
    // worker instead of once per file saves about a third of the suite's CPU time. Files leave no global
    // state behind (each starts and closes its own emulator; the secrets test restores what it wraps).
    isolate: false,
  },
});

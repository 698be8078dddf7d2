import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // End-to-end tests spawn the binary; generous limits keep them stable on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

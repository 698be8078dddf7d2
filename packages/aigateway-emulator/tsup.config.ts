import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', msw: 'src/msw.ts', bin: 'src/bin.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', msw: 'src/msw.ts' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
});

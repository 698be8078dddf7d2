// aig ships as one CommonJS bundle (tsup.config.ts): an import() there starts Node's ES module loader (~10% of
// `aig models`' start-up on Node 20) even for a built-in, so what is loaded on first use — Node's built-ins and
// CommonJS packages — comes through require(). ESM-only packages (clack, jq-wasm, the emulator) stay import()s.
import { createRequire } from 'node:module';

/** require() relative to this file (the bundle, once built): for built-ins and CommonJS packages only. */
export const nodeRequire = createRequire(import.meta.url);

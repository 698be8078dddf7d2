// Where the built packages live; the bench imports their dist output, as a user would.
import { fileURLToPath } from 'node:url';

const at = (p) => fileURLToPath(new URL(p, import.meta.url));

export const ROOT = at('../../');
export const SDK_DIR = at('../../packages/aigateway-js/');
export const SDK_ENTRY = at('../../packages/aigateway-js/dist/index.js');
export const SDK_WEBHOOKS = at('../../packages/aigateway-js/dist/webhooks.js');
export const CLI_BIN = at('../../packages/aigateway-cli/dist/bin.js');
export const EMULATOR_ENTRY = at('../../packages/aigateway-emulator/dist/index.js');
export const EMULATOR_RPS = at('../../packages/aigateway-emulator/bench/rps.mjs');
export const CONTRACT = at('../../openapi/aigateway.yaml');
export const CANNED_SERVER = at('./canned-server.mjs');
export const RUN_SUITE = at('./run-suite.mjs');
export const RESULTS = at('../RESULTS.md');

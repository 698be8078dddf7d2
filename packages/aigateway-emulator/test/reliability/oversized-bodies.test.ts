import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/server.js';
import { expectSound, send } from './contract-client.js';
import { jsonOperations } from './contract-oracle.js';

// A body over the limit gets `413 payload_too_large` on every /v1 operation with a JSON body, as
// the contract declares it (openapi/README.md § Errors), and never a 5xx on the MCP endpoints.
const MAX_BODY = 64 * 1024;
const operations = jsonOperations();

describe('oversized bodies on every JSON operation', () => {
  let gw: RunningEmulator;
  beforeAll(async () => {
    gw = await startEmulator({ maxBodyBytes: MAX_BODY });
  });
  afterAll(() => gw.close());

  it.each(operations.map((o) => [`${o.method} ${o.path}`, o] as const))('%s', async (_name, operation) => {
    const oversized = JSON.stringify({ model: 'openai/gpt-5.4', padding: 'x'.repeat(MAX_BODY) });
    const answer = await send(gw, operation, oversized, 'sa_any');
    const where = expectSound(operation, '<a body of 64 KiB + 40 bytes>', answer);
    if (operation.path.startsWith('/v1/')) {
      expect(answer.res.status, where).toBe(413);
      expect(answer.body?.error?.code, where).toBe('payload_too_large');
    }
  });
});

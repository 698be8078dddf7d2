import { describe, expect, it } from 'vitest';
import { startBin } from '../helpers/spawn.js';

// `aig --key K dev` masks K in the emulator's banner; a webhook secret chosen with --webhook-secret
// is a secret too (it signs every delivery) and must be masked the same way.
const KEY = 'sk-aig-DEVkeyNEVERshown0001112223';
const SECRET = 'whsec_DEVsecretNEVERshown444555';

describe('aig dev with a chosen key and webhook secret', () => {
  it('prints neither in its banner or log', async () => {
    const dev = startBin(['--key', KEY, 'dev', '--port', '0', '--webhook-secret', SECRET], { env: {} });
    await dev.waitFor('stdout', /Press Ctrl-C to stop/);
    const result = await dev.interrupt();
    expect(result.stdout).toMatch(/API key\s+\S/);
    expect(result.stdout + result.stderr).not.toContain(KEY);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });
});

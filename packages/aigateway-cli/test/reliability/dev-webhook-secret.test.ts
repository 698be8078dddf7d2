import { describe, expect, it } from 'vitest';
import { startBin } from '../helpers/spawn.js';

// `aig --key K dev` shows K in the banner: it is the key of that local emulator, which whoever runs it needs
// (issue #15). A webhook secret chosen with --webhook-secret is a secret (it signs every delivery, and is often
// the app's real one): it stays masked.
const KEY = 'sk-aig-DEVkeyShownInBanner0001112223';
const SECRET = 'whsec_DEVsecretNEVERshown444555';

describe('aig dev with a chosen key and webhook secret', () => {
  it('shows the key and never the webhook secret', async () => {
    const dev = startBin(['--key', KEY, 'dev', '--port', '0', '--webhook-secret', SECRET], { env: {} });
    await dev.waitFor('stdout', /Press Ctrl-C to stop/);
    const result = await dev.interrupt();
    expect(result.stdout).toMatch(new RegExp(`API key\\s+${KEY}\\n`));
    expect(result.stdout).toMatch(/Webhook secret\s+\[redacted\]/);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../helpers/gateway.js';

// A deprecated model's answers carry Deprecation, Sunset and Link (successor): aig says so on one
// stderr line, and nothing with --json (stderr is for the error line only).
const old = 'anthropic/claude-sonnet-4.6';
const successor = 'anthropic/claude-opus-4.7';

let g: Gateway;
beforeAll(async () => {
  g = await startGateway();
  const now = g.gw.control.now();
  g.gw.control.setModelLifecycle({ model: old, deprecatedAt: now - 60, sunsetAt: now + 86_400, successor });
});
afterAll(() => g.close());

describe('aig with a deprecated model (through the binary)', () => {
  it('prints one warning line on stderr naming the successor, and the answer on stdout', async () => {
    const r = await g.bin(['call', old, 'hi']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^warning: Model '${old}' is deprecated since .+ and is removed on .+: move to '${successor}'\\.$`,
      ),
    );
  });

  it('prints nothing on stderr with --json', async () => {
    const r = await g.bin(['call', old, 'hi', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('a pruned model exits 5 with the successor in the message', async () => {
    const now = g.gw.control.now();
    g.gw.control.setModelLifecycle({
      model: 'moonshot/kimi-k2.6',
      deprecatedAt: now - 120,
      sunsetAt: now - 60,
      successor,
    });
    const r = await g.bin(['call', 'moonshot/kimi-k2.6', 'hi']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(successor);
  });
});

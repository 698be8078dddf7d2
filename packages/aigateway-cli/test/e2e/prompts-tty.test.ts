// Interactive flows of issue #15 in a real pseudo-terminal (tmux): a destructive action asks first, and
// `aig init`'s model picker starts on the model saved in .env.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, postJson, startGateway, TEST_KEY } from '../helpers/gateway.js';
import { BIN } from '../helpers/spawn.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';

let g: Gateway;
let terminal: Terminal | undefined;
beforeAll(async () => {
  g = await startGateway();
});
afterEach(async () => {
  await terminal?.kill();
  terminal = undefined;
});
afterAll(async () => {
  await g.close();
});

/** `aig …args` in a terminal, CI unset, against the emulator. */
async function aigInTerminal(args: string, cwd = g.cwd): Promise<Terminal> {
  const env = `env -u CI AIGATEWAY_API_KEY=${TEST_KEY} AIGATEWAY_BASE_URL=${g.gw.url} TERM=xterm-256color`;
  terminal = await startTerminal(`${env} ${process.execPath} ${BIN} ${args}`, cwd);
  return terminal;
}

describe('sub-account delete asks on a terminal', () => {
  it('no (the default) keeps it; yes deletes it', async () => {
    const sub = await postJson<{ id: string }>(g, '/sub-accounts', { name: 'acme' });
    let t = await aigInTerminal(`sub-account delete ${sub.id}`);
    await t.waitFor(
      new RegExp(`Delete ${sub.id} \\(acme, spent \\$0\\.00 this month\\)\\? Its key stops working at once`),
    );
    await t.press('Enter');
    expect(await t.waitFor(/\[exit \d+\]/)).toMatch(/Kept sa_\w+: nothing was deleted\.[\s\S]*\[exit 130\]/);
    expect((await g.aig(['sub-account', 'get', sub.id])).code).toBe(0);
    await t.kill();

    t = await aigInTerminal(`sub-account delete ${sub.id}`);
    await t.waitFor(/Its key stops working at once/);
    await t.press('Left');
    await t.press('Enter');
    const done = await t.waitFor(/\[exit \d+\]/);
    expect(done).toContain(`Deleted ${sub.id}`);
    expect(done).toContain('[exit 0]');
    expect((await g.aig(['sub-account', 'get', sub.id])).code).toBe(5);
  });
});

describe('aig init starts the model picker on the saved AIG_MODEL', () => {
  it('moonshot/kimi-k2.6 saved in .env is the preselected model, and Enter keeps it', async () => {
    const dir = join(g.cwd, 'saved-model');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, '.env'), `AIG_MODEL=moonshot/kimi-k2.6\n`);
    const t = await aigInTerminal('init --lang ts', dir);
    await t.waitFor(/◆ {2}Default chat model[\s\S]*● moonshot\/kimi-k2\.6/);
    await t.press('Enter');
    const done = await t.waitFor(/\[exit \d+\]/);
    expect(done).toContain('[exit 0]');
    expect(done).toContain('--model moonshot/kimi-k2.6');
  });
});

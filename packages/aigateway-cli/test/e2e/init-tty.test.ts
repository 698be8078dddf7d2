import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway, TEST_KEY } from '../helpers/gateway.js';
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

/** `aig init` in a real terminal: no CI, no key in the environment, the emulator as the gateway. */
async function initInTerminal(dir: string): Promise<Terminal> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dir);
  const command = `env -u CI -u AIGATEWAY_API_KEY -u AIGATEWAY_BASE_URL TERM=xterm-256color ${process.execPath} ${BIN} init --base-url ${g.gw.url}`;
  terminal = await startTerminal(command, dir);
  return terminal;
}

describe('interactive aig init in a pseudo-terminal', () => {
  it('asks for the key (masked, re-asked when rejected), the model and the language, then writes the files', async () => {
    const dir = join(g.cwd, 'interactive');
    const t = await initInTerminal(dir);
    await t.waitFor(/Your AIgateway API key/);
    await t.type('sk-aig-notthekey0000000');
    await t.press('Enter');
    await t.waitFor(/The gateway rejected that key[\s\S]*◆ {2}Your AIgateway API key/);
    // The check of the right key is slowed down and the key is typed again while it runs (a paste while the
    // CLI is busy): the terminal must not echo it, and the stray Enter must not answer the next prompt.
    g.gw.control.addFault({ path: '/v1/models', fault: 'latency=1500', count: 1 });
    await t.type(TEST_KEY);
    await t.press('Enter');
    await new Promise((r) => setTimeout(r, 400));
    await t.type(TEST_KEY);
    await t.press('Enter');
    const models = await t.waitFor(/◆ {2}Default chat model[\s\S]*● anthropic\/claude-sonnet-4\.6/);
    expect(models).not.toContain(TEST_KEY);
    expect(models).toMatch(/│ {2}•{10,}/);
    await t.press('Down', 'Down');
    await t.press('Enter');
    await t.waitFor(/Language of the starter file[\s\S]*● TypeScript/);
    await t.press('Down');
    await t.press('Enter');
    const done = await t.waitFor(/\[exit \d+\]/);
    expect(done).toContain('[exit 0]');
    expect(done).toMatch(/created\s+aigateway-starter\.mjs/);
    expect(done).toContain('aig init --base-url');
    expect(done).toContain('--lang js --model openai/gpt-5.4 --yes');
    expect(done).not.toContain(TEST_KEY);

    expect((await readdir(dir)).sort()).toEqual(['.env', '.gitignore', 'aigateway-starter.mjs']);
    expect(await readFile(join(dir, '.env'), 'utf8')).toBe(
      `AIGATEWAY_API_KEY=${TEST_KEY}\nAIGATEWAY_BASE_URL=${g.gw.url}\nAIG_MODEL=openai/gpt-5.4\n`,
    );
    expect((await stat(join(dir, '.env'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dir, 'aigateway-starter.mjs'), 'utf8')).toContain(
      'process.env.AIG_MODEL ?? "openai/gpt-5.4"',
    );
  });

  it('Ctrl-C at a prompt exits 130 and leaves nothing behind', async () => {
    const dir = join(g.cwd, 'cancelled');
    const t = await initInTerminal(dir);
    await t.waitFor(/Your AIgateway API key/);
    await t.type(TEST_KEY);
    await t.press('Enter');
    await t.waitFor(/Default chat model/);
    await t.press('C-c');
    const screen = await t.waitFor(/\[exit \d+\]/);
    expect(screen).toContain('Cancelled: nothing was written.');
    expect(screen).toContain('[exit 130]');
    expect(await readdir(dir)).toEqual([]);
  });

  it('Ctrl-C at the first prompt exits 130 too', async () => {
    const dir = join(g.cwd, 'cancelled-early');
    const t = await initInTerminal(dir);
    await t.waitFor(/Your AIgateway API key/);
    await t.type('sk-aig-half');
    await t.press('C-c');
    expect(await t.waitFor(/\[exit \d+\]/)).toContain('[exit 130]');
    expect(await readdir(dir)).toEqual([]);
  });
});

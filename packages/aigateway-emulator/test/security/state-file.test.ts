import { mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EmulatorCliEvent, runEmulatorCli } from '../../src/cli/run.js';
import { startEmulator } from '../../src/server.js';
import { startGateway } from '../helpers.js';

/** --state holds secrets (#12 item 4). */
const dir = () => mkdtempSync(join(tmpdir(), 'aig-state-'));

/** Runs the command until it is listening (then stops it) or fails; returns its exit code and events. */
async function runCli(args: string[]) {
  const events: EmulatorCliEvent[] = [];
  let stop: () => void = () => undefined;
  const code = await runEmulatorCli(['--port', '0', '--quiet', ...args], {
    signals: {
      once: (_s, l) => {
        stop = l;
      },
      off: () => undefined,
    },
    onEvent: (e) => {
      events.push(e);
      if (e.event === 'listening') setTimeout(() => stop(), 10);
    },
  });
  return { code, events };
}

describe('the --state file', () => {
  it('is written 0600', async () => {
    const file = join(dir(), 'state.json');
    const gw = await startGateway({ stateFile: file });
    await gw.call('POST', '/v1/sub-accounts', { body: { name: 'a' } });
    await gw.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('never writes through a file planted at a temp name (a symlink to a victim)', async () => {
    const folder = dir();
    const file = join(folder, 'state.json');
    const victim = join(folder, 'victim.txt');
    writeFileSync(victim, 'precious');
    for (let n = 1; n <= 20; n++) symlinkSync(victim, `${file}.${process.pid}.${n}.tmp`);
    const gw = await startGateway({ stateFile: file });
    await gw.call('POST', '/v1/sub-accounts', { body: { name: 'a' } });
    await gw.control.flush();
    await gw.close();
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);
  });

  it('a wrong-typed file is one error naming it and exit 2 (state_file_invalid), never a crash later', async () => {
    const file = join(dir(), 'state.json');
    writeFileSync(file, JSON.stringify({ version: 1, jobs: [{ id: 'job_1', type: 'video' }] }));
    await expect(startEmulator({ stateFile: file })).rejects.toThrow(file);
    const { code, events } = await runCli(['--state', file]);
    expect(code).toBe(2);
    const error = events.find((e) => e.event === 'error');
    expect(error).toMatchObject({ code: 'state_file_invalid', exit_code: 2 });
    expect(JSON.stringify(error)).toContain('jobs[0]');
    expect(events.some((e) => e.event === 'listening')).toBe(false);
  });

  it('a file that is not JSON is exit 2 too', async () => {
    const file = join(dir(), 'state.json');
    writeFileSync(file, '{"version": 1, "sub_acc');
    const { code, events } = await runCli(['--state', file]);
    expect(code).toBe(2);
    expect(events.find((e) => e.event === 'error')).toMatchObject({ code: 'state_file_invalid' });
  });

  it('the file-signing secret is random, not derived from --seed: a URL from one run is forged in another', async () => {
    const first = await startGateway({ seed: 7 });
    const res = await first.call('POST', '/v1/images/generations', {
      body: { model: 'openai/gpt-image-1', prompt: 'seeded' },
    });
    const url = new URL(((await res.json()) as { data: { url: string }[] }).data[0]!.url);
    await first.close();
    const second = await startGateway({ seed: 7 });
    // Same seed, same ids: the file exists at the same path, so only the signature decides.
    await second.call('POST', '/v1/images/generations', {
      body: { model: 'openai/gpt-image-1', prompt: 'seeded' },
    });
    const replayed = await fetch(`${second.origin}${url.pathname}${url.search}`);
    await second.close();
    expect(replayed.status).toBe(403);
  });
});

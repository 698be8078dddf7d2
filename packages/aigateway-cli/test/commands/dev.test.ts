import { runEmulatorCli } from 'aigateway-emulator';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';

let emulatorHelp = '';
await runEmulatorCli(['--help'], {
  stdout: {
    write: (text: string) => {
      emulatorHelp += text;
    },
  },
});

// `aig dev` passes its flags to the emulator unchanged; its help must list every one the emulator takes,
// with the same default, so a flag added to the emulator shows up here (or fails this test).
const EMULATOR_OPTIONS = emulatorHelp
  .split('\n')
  .flatMap((line) => {
    const match = /^\s+(?:-\w, )?(--[a-z-]+)\b.*?(?:\[default: ([^\]]+)\])?$/.exec(line);
    return match ? [{ flag: match[1] as string, fallback: match[2] }] : [];
  })
  .filter(({ flag }) => flag !== '--help' && flag !== '--version');

describe('aig dev --help', () => {
  it('reads the emulator’s options from its help', () => {
    expect(EMULATOR_OPTIONS.map((o) => o.flag)).toEqual(
      expect.arrayContaining(['--port', '--stream-delay-ms', '--keepalive-ms', '--quiet']),
    );
  });

  it.each(EMULATOR_OPTIONS)('lists $flag with the emulator’s default', async ({ flag, fallback }) => {
    const r = await runInProcess(['dev', '--help']);
    expect(r.code).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf('Emulator options:'));
    const line = section.split('\n').find((l) => l.trimStart().startsWith(`${flag} `));
    expect(line, `${flag} is missing from aig dev --help:\n${r.stdout}`).toBeDefined();
    if (fallback !== undefined) expect(line).toContain(`default ${fallback}`);
  });
});

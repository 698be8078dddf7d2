import { PassThrough } from 'node:stream';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/command-manifest.js';
import { EXIT_CODE_HELP } from '../src/exit-codes.js';
import { createProgram } from '../src/program.js';
import { runInProcess } from './helpers/in-process.js';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  return {
    options: { stdin: new PassThrough(), stdout, stderr, env: { CI: '1' }, cwd: process.cwd() },
    out: () => Buffer.concat(out).toString(),
    err: () => Buffer.concat(err).toString(),
  };
}

describe('createProgram', () => {
  it('prints the version through configureOutput and exits via exitOverride', async () => {
    const streams = io();
    const program = createProgram(streams.options);
    const error = await program.parseAsync(['--version'], { from: 'user' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommanderError);
    expect((error as CommanderError).code).toBe('commander.version');
    expect(streams.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('lists every command and every exit code in --help', async () => {
    const streams = io();
    const error = await createProgram(streams.options)
      .parseAsync(['--help'], { from: 'user' })
      .catch((e: unknown) => e);
    expect((error as CommanderError).exitCode).toBe(0);
    for (const entry of COMMANDS) expect(streams.out()).toContain(`  ${entry.name}`);
    for (const [code, what] of EXIT_CODE_HELP)
      expect(streams.out()).toMatch(new RegExp(`${code}\\s+${what.replace(/[()]/g, '\\$&')}`));
  });

  it('reports a usage error for an unknown option of a lazily defined command', async () => {
    const streams = io();
    const error = await createProgram(streams.options)
      .parseAsync(['webhooks', 'verify', '--nope'], { from: 'user' })
      .catch((e: unknown) => e);
    expect((error as CommanderError).code).toBe('commander.unknownOption');
    expect(streams.err()).toBe('');
  });
});

describe('help', () => {
  it.each(COMMANDS.map((c) => c.name))('aig %s --help has examples and exits 0', async (name) => {
    const r = await runInProcess([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: aig ${name}`);
    expect(r.stdout).toContain('Examples:\n  $ ');
  });

  it('every subcommand --help has examples too', async () => {
    const streams = io();
    const program = createProgram(streams.options);
    const groups = ['sub-account', 'eval', 'jobs', 'mcp', 'webhooks'];
    for (const group of groups) {
      await program.parseAsync([group, '--help'], { from: 'user' }).catch(() => undefined);
      const command = program.commands.find((c) => c.name() === group);
      const subs = command?.commands.map((c) => c.name()) ?? [];
      expect(subs.length, group).toBeGreaterThan(0);
      for (const sub of subs) {
        const r = await runInProcess([group, sub, '--help']);
        expect(r.code, `${group} ${sub}`).toBe(0);
        expect(r.stdout, `${group} ${sub}`).toContain('Examples:\n  $ ');
      }
    }
  });

  it('aig help <command> loads the command before printing its help', async () => {
    const r = await runInProcess(['help', 'webhooks', 'listen']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--forward-to <url>');
  });

  it('aig with no command prints help on stderr and exits 2', async () => {
    const r = await runInProcess([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: aig');
  });
});

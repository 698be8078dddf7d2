import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliUsageError, DEV_API_KEY, parseEmulatorArgs } from '../../src/cli/args.js';
import { runEmulatorCli } from '../../src/cli/run.js';

const KEY = 'sk-aig-upstream-from-env-0123456789';
const parse = (argv: string[], env: Record<string, string> = {}) => parseEmulatorArgs(argv, env);

describe('--proxy, --record, --replay', () => {
  it('reads the upstream key from the variable --proxy-key-env names', () => {
    const options = parse(
      ['--proxy', 'https://api.aigateway.sh/v1', '--proxy-key-env', 'UPSTREAM', '--record', 'cassettes'],
      { UPSTREAM: KEY },
    );
    expect(options.proxy).toEqual({
      upstream: 'https://api.aigateway.sh/v1',
      apiKey: KEY,
      record: 'cassettes',
    });
    expect(parse(['--replay', tmpdir(), '--replay-strict']).replay).toEqual({
      dir: tmpdir(),
      onMiss: 'error',
    });
    expect(parse(['--replay', tmpdir()]).replay).toEqual({ dir: tmpdir(), onMiss: 'emulate' });
  });

  it('rejects combinations that cannot work, in one line that says what to pass', () => {
    const cases: [string[], string][] = [
      [['--record', 'x'], '--record needs --proxy <upstream base URL>'],
      [['--proxy-key-env', 'X'], '--proxy-key-env needs --proxy'],
      [['--replay-strict'], '--replay-strict needs --replay <dir>'],
      [['--proxy', 'http://h/v1', '--replay', tmpdir()], 'not both'],
      [['--proxy', 'ftp://h'], '--proxy: The proxy upstream must be an http(s) base URL'],
      [['--proxy', 'http://user:pw@h/v1'], 'no query, fragment or credentials'],
      [['--replay', join(tmpdir(), 'no-such-cassettes')], 'no such directory; record one first'],
      [['--proxy', 'http://h/v1', '--proxy-key-env', 'UNSET'], 'the environment variable UNSET is not set'],
    ];
    for (const [argv, message] of cases) {
      expect(() => parse(argv)).toThrow(CliUsageError);
      expect(() => parse(argv)).toThrow(message);
    }
  });

  it('never puts the key of --proxy-key-env in an error', () => {
    const notAKey = 'not-an-aigateway-key-secret';
    const run = () => parse(['--proxy', 'http://h/v1', '--proxy-key-env', 'K'], { K: notAKey });
    expect(run).toThrow("the value of K does not look like an AIgateway key ('sk-aig-...')");
    try {
      run();
    } catch (e) {
      expect((e as Error).message).not.toContain(notAKey);
    }
  });

  it('prints the proxy in the banner and each contract violation as one line on stderr', async () => {
    const bad = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"object":"list"}');
    });
    await new Promise<void>((resolve) => bad.listen(0, '127.0.0.1', resolve));
    const upstream = `http://127.0.0.1:${(bad.address() as AddressInfo).port}/v1`;
    const dir = mkdtempSync(join(tmpdir(), 'aig-cassettes-'));
    const signals = new EventEmitter();
    let stdout = '';
    let stderr = '';
    const done = runEmulatorCli(['--port', '0', '--quiet', '--proxy', upstream, '--record', dir], {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      signals,
      env: {},
    });
    try {
      for (let i = 0; i < 200 && !stdout.includes('Press Ctrl-C'); i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(stdout).toContain(`Proxy           ${upstream}  (answers checked against the contract)`);
      expect(stdout).toContain(`Recording       ${dir}`);
      const base = /Base URL\s+(\S+)/.exec(stdout)![1]!;
      const res = await fetch(`${base}/models`, { headers: { authorization: `Bearer ${DEV_API_KEY}` } });
      expect(res.status).toBe(200);
      expect(stderr).toMatch(
        /^contract violation: GET \/v1\/models 200 \(req_[0-9a-f]{24}\): \/ must have required property 'data'$/m,
      );
    } finally {
      signals.emit('SIGINT');
      expect(await done).toBe(0);
      await new Promise<void>((resolve) => bad.close(() => resolve()));
    }
  });
});

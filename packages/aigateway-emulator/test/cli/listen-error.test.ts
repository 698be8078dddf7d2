import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listenErrorMessage } from '../../src/cli/listen-error.js';
import { runEmulatorCli } from '../../src/cli/run.js';
import { startEmulator } from '../../src/server.js';

async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

/** Runs the CLI in-process as `aig dev` does, collecting what it writes. */
async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runEmulatorCli(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    program: 'aig dev',
  });
  return { code, stdout, stderr };
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`listen ${code}`), { code });
}

describe('runEmulatorCli when it cannot listen', () => {
  it('exits 2 with one line when the port is in use', async () => {
    const { port, server } = await occupiedPort();
    try {
      const result = await cli(['--port', String(port), '--quiet']);
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: `aig dev: Port ${port} is already in use on 127.0.0.1: stop the other process or pass --port 0 for a free port (or another --port).\n`,
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('exits 2 for a host that is not on this machine or does not resolve', async () => {
    const foreign = await cli(['--port', '0', '--host', '192.0.2.1']);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/^aig dev: Cannot listen on --host 192\.0\.2\.1: [^\n]+\n$/);
    const unresolved = await cli(['--port', '0', '--host', 'no-such-host.invalid']);
    expect(unresolved.code).toBe(2);
    expect(unresolved.stderr).toMatch(/^aig dev: Cannot resolve --host no-such-host\.invalid: [^\n]+\n$/);
  });

  it('startEmulator rejects with the errno error, so callers can map it', async () => {
    const { port, server } = await occupiedPort();
    try {
      await expect(startEmulator({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('listenErrorMessage', () => {
  it('says to use an unprivileged port on EACCES', () => {
    expect(listenErrorMessage(errno('EACCES'), 80, '127.0.0.1')).toBe(
      'No permission to listen on port 80: ports below 1024 need elevated privileges. Pass --port 0 for a free port, or a port from 1024 up.',
    );
    expect(listenErrorMessage(errno('EACCES'), 5000, '0.0.0.0')).toMatch(
      /port 5000 on 0\.0\.0\.0: pass --port 0/,
    );
  });

  it('leaves other failures to the caller (an unexpected error, exit 1)', () => {
    expect(listenErrorMessage(errno('EMFILE'), 4010, '127.0.0.1')).toBeUndefined();
    expect(listenErrorMessage(new Error('boom'), 4010, '127.0.0.1')).toBeUndefined();
    expect(listenErrorMessage(undefined, 4010, '127.0.0.1')).toBeUndefined();
  });
});

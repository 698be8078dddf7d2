// Issue #12, CLI items 14-18, replayed as the attacks were: through the built binary, against the emulator on
// loopback. Every path a test writes is in its own temp folder (FIFOs and symlinks it made itself); the one
// system path used, /proc/<nothing>, is one the kernel refuses to create anything in.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmod, lstat, mkdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, json, postJson, startGateway, TEST_KEY } from '../helpers/gateway.js';
import { BIN, baseEnv } from '../helpers/spawn.js';

const exec = promisify(execFile);

let g: Gateway;
let n = 0;
const dir = async (name: string) => {
  const path = join(g.cwd, `${name}-${n++}`);
  await mkdir(path, { recursive: true });
  return path;
};
const mode = async (path: string) => (await stat(path)).mode & 0o777;
const IMAGE = ['call', 'black-forest-labs/flux-1-schnell', 'a fox'];

/** A loopback HTTP server that records every request it gets (and answers 404). */
async function recorder(): Promise<{ url: string; requests: IncomingMessage[]; server: Server }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}
const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

beforeAll(async () => {
  g = await startGateway();
});
afterAll(async () => {
  expect(g.transcript()).not.toContain(TEST_KEY);
  await g.close();
});

describe('14: a committed .env cannot redirect your key', () => {
  // 0.0.0.0 reaches this machine's listeners but is not a loopback name: it stands for "some other server".
  it('a .env base URL that is neither hosted nor loopback is refused with a key from elsewhere (exit 2)', async () => {
    const attacker = await recorder();
    try {
      const repo = await dir('repo');
      const foreign = attacker.url.replace('127.0.0.1', '0.0.0.0');
      await writeFile(join(repo, '.env'), `AIGATEWAY_BASE_URL=${foreign}/v1\n`);
      for (const env of [g.env, { AIGATEWAY_BASE_URL: undefined, AIGATEWAY_API_KEY: TEST_KEY }]) {
        const r = await g.bin(['models'], { cwd: repo, env: { ...env, AIGATEWAY_BASE_URL: undefined } });
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain(`AIGATEWAY_BASE_URL in ${join(repo, '.env')}`);
        expect(r.stderr).toContain(`--base-url ${foreign}/v1`);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      }
      // --key too: a key from the command line is not from that file either.
      const flagged = await g.bin(['--key-file', join(repo, '..', 'nothing'), 'models'], { cwd: repo });
      expect(flagged.code).toBe(2);
      expect(attacker.requests).toHaveLength(0);

      // Confirmed on the command line (or in the environment), the same URL is used.
      const confirmed = await g.bin(['--base-url', `${foreign}/v1`, 'models'], {
        cwd: repo,
        env: { AIGATEWAY_BASE_URL: undefined },
      });
      expect(confirmed.code).toBe(5);
      expect(attacker.requests).toHaveLength(1);
      // A key from that same .env may go to its own base URL.
      await writeFile(
        join(repo, '.env'),
        `AIGATEWAY_BASE_URL=${foreign}/v1\nAIGATEWAY_API_KEY=sk-aig-fromthefile00\n`,
      );
      const same = await g.bin(['models'], {
        cwd: repo,
        env: { AIGATEWAY_BASE_URL: undefined, AIGATEWAY_API_KEY: undefined },
      });
      expect(same.code).toBe(5);
      expect(attacker.requests.map((r) => r.headers.authorization)).toEqual([
        `Bearer ${TEST_KEY}`,
        'Bearer sk-aig-fromthefile00',
      ]);
    } finally {
      await closeServer(attacker.server);
    }
  });

  it('a loopback or hosted base URL in .env is trusted with any key', async () => {
    const repo = await dir('loopback');
    await writeFile(join(repo, '.env'), `AIGATEWAY_BASE_URL=${g.gw.url}\n`);
    const r = await g.bin(['models', '--json'], { cwd: repo, env: { AIGATEWAY_BASE_URL: undefined } });
    expect(r.code, r.stderr).toBe(0);
  });
});

/** A proxy in front of the emulator whose catalog renames chat models to `rename(id)`: a hostile gateway. */
async function hostileCatalog(rename: (id: string) => string): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const upstream = await fetch(`${g.gw.url.slice(0, -'/v1'.length)}${req.url}`, {
      headers: { authorization: req.headers.authorization ?? '' },
    });
    let body = await upstream.text();
    if (req.url?.startsWith('/v1/models') && upstream.ok) {
      const list = JSON.parse(body) as { data: Array<{ id: string; modality: string }> };
      for (const model of list.data) if (model.modality === 'chat') model.id = rename(model.id);
      body = JSON.stringify(list);
    }
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, server };
}

describe('15: starters cannot be injected', () => {
  const PY = `evil/x"); import os; os.system("touch PWNED"); ("`;
  const JS = `evil/x'; require('fs').writeFileSync('PWNED', ''); '`;

  it.each([
    ['python', PY],
    ['js', JS],
    ['ts', `evil/x\\'\nprocess.exit(3)//`],
  ])('--model from a hostile catalog is refused for %s (exit 2, nothing written)', async (lang, hostile) => {
    const gateway = await hostileCatalog((id) => (id === 'openai/gpt-5.4' ? hostile : id));
    try {
      const cwd = await dir(`inject-${lang}`);
      const r = await g.bin(['init', '--lang', lang, '--model', hostile, '--yes'], {
        cwd,
        env: { AIGATEWAY_BASE_URL: gateway.url },
      });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/is not a model slug/);
      expect(await stat(join(cwd, '.env')).catch(() => undefined)).toBeUndefined();
    } finally {
      await closeServer(gateway.server);
    }
  });

  it('a catalog whose models are hostile never gets one into a starter; the source stays valid', async () => {
    const gateway = await hostileCatalog((id) =>
      id.startsWith('openai/') || id.startsWith('anthropic/') ? `${id}'); import os #` : id,
    );
    try {
      const cwd = await dir('inject-default');
      const r = await g.bin(['init', '--lang', 'python', '--yes'], {
        cwd,
        env: { AIGATEWAY_BASE_URL: gateway.url },
      });
      expect(r.code, r.stderr).toBe(0);
      const starter = await readFile(join(cwd, 'aigateway_starter.py'), 'utf8');
      expect(starter).not.toContain('import os #');
      const model = /os\.environ\.get\("AIG_MODEL", (".*")\)/.exec(starter)?.[1];
      expect(model).toMatch(/^"[a-z0-9-]+\/[A-Za-z0-9._:-]+"$/);
      await exec('python3', ['-m', 'py_compile', join(cwd, 'aigateway_starter.py')]);
    } finally {
      await closeServer(gateway.server);
    }
  });
});

/** A reader (`cat`) waiting on the FIFO at `path`; resolves with what it read once the writer closes. */
function readFifo(path: string): Promise<Buffer> {
  const reader = spawn('cat', [path], { stdio: ['ignore', 'pipe', 'ignore'] });
  const chunks: Buffer[] = [];
  reader.stdout.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve) => reader.on('close', () => resolve(Buffer.concat(chunks))));
}

describe('16: --out never replaces what is not a regular file', () => {
  it('writes through a FIFO (and a symlink to one), which stays a FIFO', async () => {
    const folder = await dir('fifo');
    const fifo = join(folder, 'pipe');
    await exec('mkfifo', [fifo]);
    const received = readFifo(fifo);
    const r = await g.bin([...IMAGE, '--out', fifo]);
    expect(r.code, r.stderr).toBe(0);
    expect((await received).subarray(1, 4).toString()).toBe('PNG');
    expect((await lstat(fifo)).isFIFO()).toBe(true);

    const link = join(folder, 'link');
    await symlink(fifo, link);
    const again = readFifo(fifo);
    const viaLink = await g.bin([...IMAGE, '--out', link]);
    expect(viaLink.code, viaLink.stderr).toBe(0);
    expect((await again).subarray(1, 4).toString()).toBe('PNG');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });

  it('writes through a symlink to /proc/self/fd/1 (its own stdout, a pipe), which stays a symlink', async () => {
    const link = join(await dir('fd'), 'stdout-link');
    await symlink('/proc/self/fd/1', link);
    // Through `| cat`, so that aig's stdout is a pipe (node's own child stdio would be a socket).
    const { stdout } = await exec(
      'sh',
      ['-c', '"$0" "$@" | cat', process.execPath, BIN, ...IMAGE, '--out', link],
      { env: baseEnv(g.env), encoding: 'buffer', maxBuffer: 1 << 24 },
    );
    expect(stdout.subarray(1, 4).toString()).toBe('PNG');
    expect(await readlink(link)).toBe('/proc/self/fd/1');
  });

  it('--out - writes to stdout; refused on a terminal and with --json', async () => {
    const cwd = await dir('dash');
    const r = await g.bin([...IMAGE, '--out', '-'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout.slice(1, 4)).toBe('PNG');
    expect(await stat(join(cwd, '-')).catch(() => undefined)).toBeUndefined();
    const withJson = await g.bin([...IMAGE, '--out', '-', '--json'], { cwd });
    expect(withJson.code).toBe(2);
  });

  it('an existing file, or a symlink to one, is exit 2 unless --force; --force keeps its mode and the link', async () => {
    const folder = await dir('exists');
    const file = join(folder, 'fox.png');
    await writeFile(file, 'mine');
    await chmod(file, 0o640);
    const link = join(folder, 'link.png');
    await symlink(file, link);
    for (const target of [file, link]) {
      const r = await g.bin([...IMAGE, '--out', target]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/already exists\. Pass --force to replace it/);
      expect(await readFile(file, 'utf8')).toBe('mine');
    }
    const forced = await g.bin([...IMAGE, '--out', link, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect((await readFile(file)).subarray(1, 4).toString()).toBe('PNG');
    expect(await mode(file)).toBe(0o640);
  });

  it('a directory, a dangling symlink or a missing folder is exit 2, before any paid call', async () => {
    const folder = await dir('bad-targets');
    await symlink(join(folder, 'nowhere', 'x.mp4'), join(folder, 'dangling.mp4'));
    const before = g.gw.control.requests().length;
    for (const out of [folder, join(folder, 'dangling.mp4'), join(folder, 'no', 'such', 'v.mp4')]) {
      const r = await g.bin(['call', 'runwayml/gen-4', 'a sunset', '--out', out]);
      expect(r.code, out).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const paid = g.gw.control
      .requests()
      .slice(before)
      .filter((r) => r.path.startsWith('/v1/videos'));
    expect(paid).toHaveLength(0);
    expect(await stat(join(folder, 'nowhere')).catch(() => undefined)).toBeUndefined();
  });

  it('init on a 0644 .env makes it 0600 and says so truthfully', async () => {
    const cwd = await dir('mode');
    await g.bin(['init', '--no-scaffold'], { cwd });
    await chmod(join(cwd, '.env'), 0o644);
    const r = await g.bin(['init', '--no-scaffold'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/updated\s+\.env \(mode 600, was 644\)/);
    expect(await mode(join(cwd, '.env'))).toBe(0o600);
  });

  it('warns when the .env it reads can be changed by other users', async () => {
    const cwd = await dir('writable');
    await writeFile(join(cwd, '.env'), `AIGATEWAY_API_KEY=${TEST_KEY}\n`);
    await chmod(join(cwd, '.env'), 0o666);
    const r = await g.bin(['models'], { cwd, env: { AIGATEWAY_API_KEY: undefined } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: ${join(cwd, '.env')} can be changed by other users (mode 666)`);
    expect(r.stderr).toContain('chmod 600');
  });
});

describe('17: keys out of argv', () => {
  it('--key-file PATH and --key - (stdin) take the key; it is never printed', async () => {
    const folder = await dir('keyfile');
    const keyFile = join(folder, 'key.txt');
    await writeFile(keyFile, `${TEST_KEY}\n`);
    const noKey = { AIGATEWAY_API_KEY: undefined };
    const fromFile = await g.bin(['--verbose', '--key-file', keyFile, 'models'], { env: noKey });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stderr).toContain(`API key from --key-file ${keyFile}`);
    const fromStdin = await g.bin(['--key', '-', 'usage', '--json'], { env: noKey, stdin: `${TEST_KEY}\n` });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    const missing = await g.bin(['--key-file', join(folder, 'none'), 'models'], { env: noKey });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read --key-file .*none: no such file/);
  });

  it('no help text recommends --key "$KEY"', async () => {
    for (const args of [['--help'], ['init', '--help'], ['call', '--help']]) {
      const r = await g.bin(args);
      expect(r.stdout).not.toMatch(/--key ["']?\$/);
    }
    expect((await g.bin(['--help'])).stdout).toContain('--key-file');
  });

  it('--tag (and --default-tag) refuse a value that looks like a key, without echoing it', async () => {
    const secret = 'sk-aig-TAGLEAKtagleak0123';
    for (const args of [
      ['--tag', secret, 'models'],
      ['sub-account', 'create', '--name', 'x', '--default-tag', secret],
    ]) {
      const r = await g.bin([...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/looks like a key or secret/);
      expect(r.stdout + r.stderr).not.toContain('TAGLEAK');
    }
  });
});

describe('18: terminal safety', () => {
  const ESC = '\u001b';
  const hostile = `${ESC}[31mEVIL${ESC}]0;pwned\u0007${ESC}[2J\u009b1m`;

  it('server-provided names are shown with their control characters neutralised, colours or not', async () => {
    const sub = await postJson<{ id: string }>(g, '/sub-accounts', { name: hostile });
    for (const env of [{}, { FORCE_COLOR: '1' }]) {
      for (const args of [
        ['sub-account', 'list', '--all'],
        ['sub-account', 'get', sub.id],
      ]) {
        const r = await g.bin(args, { env });
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('^[[31mEVIL^[]0;pwned^G^[[2J1m');
        expect(r.stdout).not.toContain('\u0007');
        expect(r.stdout).not.toContain('\u009b');
        // Only our own styles (bold headers) may remain as escapes.
        expect(r.stdout.replaceAll(`${ESC}[1m`, '').replaceAll(`${ESC}[22m`, '')).not.toContain(ESC);
      }
    }
    // Our own colours survive when asked for.
    expect((await g.bin(['sub-account', 'list'], { env: { FORCE_COLOR: '1' } })).stdout).toContain(
      `${ESC}[1mID`,
    );
    // --json keeps the data exact (JSON escapes it).
    const doc = json<{ name: string }>(await g.bin(['sub-account', 'get', sub.id, '--json']));
    expect(doc.name).toBe(hostile);
  });

  it('a model answer (and an error message) cannot drive the terminal', async () => {
    const r = await g.bin(['call', 'openai/gpt-5.4', `say ${ESC}]52;c;cm0gLXJmIH4=${ESC}\\ and \u0007`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('^[]52;c;cm0gLXJmIH4=^[\\');
    expect(r.stdout).not.toContain(ESC);
    const missing = await g.bin(['call', `nope/${ESC}[2Jx`, 'hi']);
    expect(missing.code).toBe(5);
    expect(missing.stderr).not.toContain(ESC);
  });

  it('tables align wide (CJK, emoji) names', async () => {
    for (const name of ['データ', 'ab', '😀x', 'ok'])
      await postJson(g, '/sub-accounts', { name: `wide-${name}` });
    const r = await g.bin(['sub-account', 'list', '--all']);
    const rows = r.stdout.split('\n').filter((line) => line.includes('wide-'));
    expect(rows).toHaveLength(4);
    // Columns of a terminal: wide characters take two.
    const width = (text: string) =>
      [...text].reduce((w, ch) => w + (/[\u3000-\u9fff\u{1f300}-\u{1faff}]/u.test(ch) ? 2 : 1), 0);
    const spentColumn = rows.map((row) => width(row.slice(0, row.indexOf('$'))));
    expect(new Set(spentColumn).size).toBe(1);
  });

  it('init --dir under /proc fails at once with a clear error instead of spinning', async () => {
    const target = `/proc/aig-test-${randomBytes(4).toString('hex')}`;
    const started = Date.now();
    const r = await g.bin(['init', '--dir', target, '--no-scaffold'], { timeoutMs: 20_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: Cannot create the folder ${target}: `));
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '../../dist/bin.js');

/** The emulator's bin, as a user starts it (`aigateway-emulator`, what `aig dev` runs). */
export async function startBin(args: string[] = []): Promise<{ origin: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [bin, '--port', '0', '--quiet', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true' },
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  for (let i = 0; i < 400 && !/Base URL\s+(\S+)\/v1/.test(out); i++)
    await new Promise((r) => setTimeout(r, 25));
  const url = /Base URL\s+(\S+)\/v1/.exec(out)?.[1];
  if (!url) throw new Error(`the bin did not start: ${out}`);
  return {
    origin: url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const hasCurl = spawnSync('curl', ['--version']).status === 0;

/** Shell words of a one-command curl line: '…' and "…" quoted or bare (enough for the guide). */
const words = (command: string) =>
  [...command.replace(/\\\n/g, ' ').matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);

/** The same request as fetch sends it, for machines without curl: curl -d labels the body as a form. */
async function fetchLike(command: string): Promise<string> {
  const argv = words(command).slice(1);
  let method = 'GET';
  let url = '';
  let body: string | undefined;
  const headers = new Headers();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-X') method = argv[++i]!;
    else if (a === '-H') {
      const [name, ...value] = argv[++i]!.split(':');
      headers.set(name!, value.join(':').trim());
    } else if (a === '-d') {
      body = argv[++i]!;
      if (method === 'GET') method = 'POST';
      if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded');
    } else url = a;
  }
  if (!headers.has('accept')) headers.set('accept', '*/*');
  return (await fetch(url, { method, headers, body })).text();
}

/**
 * Runs a command from the guide as written, with the hosted URL and the placeholder key swapped
 * for the emulator's: with the real curl, or (without one) the request curl would send.
 */
export async function runGuideCommand(command: string, origin: string, key: string): Promise<string> {
  const local = command.replaceAll('https://api.aigateway.sh', origin).replaceAll('sk-aig-...', key);
  if (!hasCurl) return fetchLike(local);
  return new Promise((resolve, reject) => {
    execFile('bash', ['-c', local], { encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

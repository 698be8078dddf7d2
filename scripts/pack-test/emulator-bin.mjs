// `npx aigateway-emulator --port 0` from the install: it must print its URL and key, answer
// GET /v1/models with that key, and stop cleanly on Ctrl-C (SIGINT to its process group).
import { start } from './exec.mjs';

/** The banner prints the key and webhook secret: never echo them in an error. */
const scrub = (text) => text.replace(/(API key|Webhook secret)(\s+)\S+/g, '$1$2[redacted]');

function waitForBanner(child, timeoutMs) {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => done(new Error(`no "Base URL" line within ${timeoutMs / 1000} s:\n${scrub(out + err)}`)),
      timeoutMs,
    );
    const onData = (chunk) => {
      out += chunk;
      const url = /Base URL\s+(\S+)/.exec(out)?.[1];
      const key = /API key\s+(\S+)/.exec(out)?.[1];
      if (url && key && out.includes('Ctrl-C')) done(undefined, { url, key });
    };
    const onErr = (chunk) => {
      err += chunk;
    };
    const onClose = (code) => done(new Error(`exited ${code} before it was ready:\n${scrub(out + err)}`));
    function done(error, value) {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onErr);
      child.off('close', onClose);
      if (error) reject(error);
      else resolve(value);
    }
    child.stdout.on('data', onData);
    child.stderr.on('data', onErr);
    child.on('close', onClose);
  });
}

function interrupt(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (process.platform === 'win32') child.kill(signal);
  else process.kill(-child.pid, signal);
}

function exited(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`still running ${timeoutMs / 1000} s after SIGINT`)),
      timeoutMs,
    );
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
  });
}

/**
 * Starts `npx aigateway-emulator --port 0` and checks GET /v1/models with the printed key (and
 * without it). Resolves with { url, key, summary, stop, kill }: `stop()` sends Ctrl-C and checks
 * the emulator stopped cleanly; `kill()` makes sure nothing is left behind.
 */
export async function startEmulatorBin(cwd, env) {
  const child = start('npx', ['--no', '--', 'aigateway-emulator', '--port', '0', '--quiet'], {
    cwd,
    env,
    detached: true,
  });
  let stdout = '';
  child.stdout.on('data', (c) => {
    stdout += c;
  });
  const kill = () => {
    try {
      if (process.platform === 'win32') child.kill('SIGKILL');
      else process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  try {
    const { url, key } = await waitForBanner(child, 30_000);
    const res = await fetch(`${url}/models`, { headers: { authorization: `Bearer ${key}` } });
    const body = await res.json();
    if (res.status !== 200 || !Array.isArray(body.data) || body.data.length === 0) {
      throw new Error(`GET ${url}/models answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
    }
    const unauthorized = await fetch(`${url}/models`);
    if (unauthorized.status !== 401) {
      throw new Error(`GET /v1/models without a key answered ${unauthorized.status}`);
    }
    const stop = async () => {
      // Ctrl-C reaches the whole group: npx itself dies of the signal; the emulator must stop cleanly.
      interrupt(child, 'SIGINT');
      await exited(child, 10_000);
      if (!stdout.includes('Stopping')) {
        throw new Error(`did not say it was stopping after SIGINT:\n${scrub(stdout)}`);
      }
      const after = await fetch(`${url}/models`).then(
        (r) => `still answering (${r.status})`,
        () => undefined,
      );
      if (after) throw new Error(`the port is ${after} after SIGINT`);
      return 'printed "Stopping…", exited, port closed';
    };
    const summary = `${url} answered GET /v1/models (${body.data.length} models) with the printed key, 401 without`;
    return { url, key, summary, stop, kill };
  } catch (error) {
    kill();
    throw error;
  }
}

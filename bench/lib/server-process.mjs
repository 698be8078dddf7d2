// Starts bench/lib/canned-server.mjs in a child process and returns its base URL.
import { fork } from 'node:child_process';
import { CANNED_SERVER } from './paths.mjs';

/** @returns {Promise<{ baseURL: string, close: () => Promise<void> }>} */
export function startCannedServer(streamChunks) {
  const child = fork(CANNED_SERVER, [String(streamChunks)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`The canned server exited early (code ${code}).`)));
    child.once('message', ({ port }) => {
      child.removeAllListeners('exit');
      resolve({
        baseURL: `http://127.0.0.1:${port}/v1`,
        close: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.disconnect();
          }),
      });
    });
  });
}

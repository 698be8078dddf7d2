import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type AIgateway from 'aigateway-js';

/** Serves a request listener (an Express app) on a free loopback port. */
export async function listen(handler: RequestListener) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A video model from the gateway's own catalog, so the tests hard-code no model. */
export async function videoModel(client: AIgateway): Promise<string> {
  const { data } = await client.models.list();
  const model = data.find((m) => m.modality === 'video' && !m.floating && !m.deprecated);
  if (!model) throw new Error('The catalog has no video model.');
  return model.id;
}

/** Resolves with the first stdout line of `child` matching `pattern` (rejects if it exits first). */
export function waitForLine(
  child: ChildProcessWithoutNullStreams,
  pattern: RegExp,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (const line of buffered.split('\n')) {
        const match = line.match(pattern);
        if (match) {
          child.stdout.off('data', onData);
          child.off('exit', onExit);
          resolve(match);
          return;
        }
      }
    };
    const onExit = (code: number | null) => reject(new Error(`exited with ${code} before ${pattern}`));
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

// The emulator in its own process (started with --expose-gc), so the load generator's heap does not
// blur its measurements. Driven over IPC: 'measure' collects garbage and reports heap and sockets.
import { startEmulator } from '../../src/server.js';

export interface ChildReady {
  type: 'ready';
  url: string;
  apiKey: string;
}

export interface ChildMeasure {
  type: 'measure';
  heapUsed: number;
  rss: number;
  /** Open TCP connections (server side), from the active handles. */
  sockets: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run this file with node --expose-gc');
const send = (message: ChildReady | ChildMeasure) => process.send?.(message);

const gw = await startEmulator({
  seed: 1,
  keepaliveMs: 50,
  // State is bounded by this cap; the warm-up fills it, so the baseline already holds a full log.
  maxStoredRequests: 500,
  fetch: async () => new Response(null, { status: 204 }),
});

process.on('message', async (message: { type: string }) => {
  if (message.type === 'measure') {
    // Several passes with turns of the event loop between them: finalizers and weak references of
    // closed sockets and streams are released over more than one cycle.
    for (let i = 0; i < 6; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const sockets = process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
    const { heapUsed, rss } = process.memoryUsage();
    send({ type: 'measure', heapUsed, rss, sockets });
  } else if (message.type === 'close') {
    await gw.close();
    process.disconnect();
  }
});

send({ type: 'ready', url: gw.url, apiKey: gw.apiKey });

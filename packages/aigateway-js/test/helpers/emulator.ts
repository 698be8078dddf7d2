// Test harness: the emulator on a real loopback server, or in-process through msw with its own
// handlers. Nothing here fakes a response; every HTTP answer comes from aigateway-emulator.
import { type RunningEmulator, type StartEmulatorOptions, startEmulator } from 'aigateway-emulator';
import { createEmulatorHandlers } from 'aigateway-emulator/msw';
import { setupServer } from 'msw/node';
import { AIgateway, type ClientOptions } from '../../src/index.js';

export type Transport = 'loopback' | 'msw';

/** What a test needs from an emulator, whichever way it is served. */
export interface Harness {
  transport: Transport;
  apiKey: string;
  baseURL: string;
  control: RunningEmulator['control'];
  /** A client pointed at the emulator, logging off unless asked. */
  client(options?: ClientOptions): AIgateway;
  close(): Promise<void>;
}

const MSW_BASE = 'https://api.aigateway.sh';

/**
 * Starts an emulator. Its webhook deliveries go to an in-memory receiver that acknowledges them
 * (standing in for the user's endpoint, not the gateway), so no test reaches for the network.
 */
export async function startHarness(transport: Transport, input: StartEmulatorOptions = {}): Promise<Harness> {
  const options: StartEmulatorOptions = { fetch: async () => new Response(null, { status: 204 }), ...input };
  const apiKey = options.apiKey ?? 'sk-aig-test-0123456789abcdef';
  if (transport === 'loopback') {
    const gw = await startEmulator({ ...options, apiKey });
    return harness(transport, apiKey, gw.url, gw.control, () => gw.close());
  }
  const { handlers, emulator } = createEmulatorHandlers({ ...options, apiKey, baseUrl: MSW_BASE });
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return harness(transport, apiKey, `${MSW_BASE}/v1`, emulator.control, async () => {
    server.close();
    await emulator.close();
  });
}

function harness(
  transport: Transport,
  apiKey: string,
  baseURL: string,
  control: Harness['control'],
  close: () => Promise<void>,
): Harness {
  return {
    transport,
    apiKey,
    baseURL,
    control,
    client: (options = {}) => new AIgateway({ apiKey, baseURL, logLevel: 'off', ...options }),
    close,
  };
}

/** A `fetch` that records the headers of every request it sends, then sends it for real. */
export function recordingFetch(): { fetch: typeof fetch; sent: Headers[] } {
  const sent: Headers[] = [];
  return {
    sent,
    fetch: (input, init) => {
      sent.push(new Headers(init?.headers));
      return globalThis.fetch(input, init);
    },
  };
}

/** A logger that keeps every line. */
export function memoryLogger(): {
  lines: string[];
  logger: Record<'debug' | 'info' | 'warn' | 'error', (line: string) => void>;
} {
  const lines: string[] = [];
  const push = (line: string) => {
    lines.push(line);
  };
  return { lines, logger: { debug: push, info: push, warn: push, error: push } };
}

import { DEFAULT_BASE_URL } from 'aigateway-contract';
import { HttpResponse, http, type RequestHandler } from 'msw';
import { createEmulator, type Emulator } from './emulator.js';
import { isDropped } from './http/drop.js';
import type { EmulatorOptions } from './options.js';

export interface EmulatorHandlersOptions extends EmulatorOptions {
  /** The origin the handlers answer for. Default `https://api.aigateway.sh`. */
  baseUrl?: string;
}

/**
 * The emulator as msw request handlers, for in-process tests without a socket.
 *
 * @example
 * const { handlers, emulator } = createEmulatorHandlers({ apiKey: 'sk-aig-test' });
 * const server = setupServer(...handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 */
export function createEmulatorHandlers(options: EmulatorHandlersOptions = {}): {
  handlers: RequestHandler[];
  emulator: Emulator;
} {
  const { baseUrl = DEFAULT_BASE_URL, ...rest } = options;
  const origin = new URL(baseUrl).origin;
  // Signed URLs point back at the origin the handlers answer for, where msw serves them too.
  const emulator = createEmulator({ publicOrigin: origin, ...rest });
  const handlers = [
    http.all(`${origin}/*`, async ({ request }) => {
      const res = await emulator.fetch(request);
      // Fault `drop=`: a network error, as a dropped connection looks to fetch.
      return isDropped(res) ? HttpResponse.error() : res;
    }),
  ];
  return { handlers, emulator };
}

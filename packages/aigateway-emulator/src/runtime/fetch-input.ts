import { ApiError } from '../http/errors.js';

/** Largest input the emulator downloads (the request body limit's default). */
export const MAX_INPUT_BYTES = 25 * 1024 * 1024;
/** How long one input download may take, redirects included. */
export const INPUT_TIMEOUT_MS = 10_000;
/** Redirects followed before giving up. */
export const MAX_INPUT_REDIRECTS = 3;

export interface FetchInputOptions {
  /** The `fetch` to use (the global one by default). */
  fetch?: typeof fetch;
  /** Aborted when the emulator closes, so nothing it fetches outlives it. */
  signal?: AbortSignal;
  maxBytes?: number;
  timeoutMs?: number;
}

/**
 * Downloads an input URL a request gave (MCP `transcribe`'s `audio_url`), bounded: http(s)
 * only, at most `MAX_INPUT_BYTES`, `INPUT_TIMEOUT_MS` in all, `MAX_INPUT_REDIRECTS` redirects,
 * and cancelled when the emulator closes. Failures are a 400 naming `param`; the URL is not
 * echoed, as it may carry a signature or token.
 */
export async function fetchInput(
  input: string,
  param: string,
  options: FetchInputOptions = {},
): Promise<Uint8Array> {
  const { maxBytes = MAX_INPUT_BYTES, timeoutMs = INPUT_TIMEOUT_MS } = options;
  const fail = (why: string) =>
    new ApiError(
      400,
      'invalid_value',
      `${param} ${why}; pass a reachable http(s) URL, or the content itself as base64.`,
      {
        param,
      },
    );
  const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
  const signal = AbortSignal.any(signals);
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw fail('is not a URL');
  }
  for (let redirects = 0; ; redirects++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw fail(`uses ${url.protocol} (only http and https are fetched)`);
    let res: Response;
    try {
      res = await (options.fetch ?? fetch)(url, { redirect: 'manual', signal });
    } catch {
      throw fail(
        signal.aborted && !options.signal?.aborted
          ? `did not answer within ${timeoutMs / 1000} s`
          : 'could not be fetched',
      );
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel().catch(() => undefined);
      if (redirects >= MAX_INPUT_REDIRECTS) throw fail(`redirected more than ${MAX_INPUT_REDIRECTS} times`);
      url = new URL(location, url);
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw fail(`answered HTTP ${res.status}`);
    }
    return readCapped(res, maxBytes, signal, fail);
  }
}

async function readCapped(
  res: Response,
  maxBytes: number,
  signal: AbortSignal,
  fail: (why: string) => ApiError,
): Promise<Uint8Array> {
  const tooBig = () => fail(`is over the ${maxBytes / 1024 / 1024} MiB input limit`);
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooBig();
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooBig();
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    if (error instanceof ApiError) throw error;
    throw fail(signal.aborted ? 'did not finish in time' : 'broke off while downloading');
  }
  return Buffer.concat(chunks);
}

// The MCP SDK reports HTTP failures as bare status codes ("Non-200 status code (401)"). Recording
// the failed responses lets them surface as the SDK's usual typed errors, with the gateway's message.
import { APIConnectionError, APIError } from '../core/errors.js';

interface Failure {
  status: number;
  text: string;
  headers: Headers;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Wraps `fetch` to remember failed responses, and turns MCP SDK errors into aigateway-js errors. */
export function httpErrorTranslator(fetchImpl: typeof fetch | undefined, endpoint: URL, secrets: string[]) {
  const failures: Failure[] = [];
  let unreachable: APIConnectionError | undefined;
  const recordingFetch: typeof fetch = async (input, init) => {
    let response: Response;
    try {
      response = await (fetchImpl ?? globalThis.fetch)(input, init);
    } catch (error) {
      unreachable = new APIConnectionError(
        `Could not reach the MCP endpoint ${endpoint.href}: check \`baseURL\` (MCP is served beside /v1) and your network.`,
        { cause: error },
      );
      throw unreachable;
    }
    unreachable = undefined;
    if (!response.ok) {
      failures.push({
        status: response.status,
        text: await response.clone().text(),
        headers: response.headers,
      });
      if (failures.length > 8) failures.shift();
    }
    return response;
  };

  /** The typed error for an SDK error that carries the status of a recorded failure; else the error itself. */
  function translate(error: unknown): unknown {
    const status = (error as { code?: unknown } | null)?.code;
    const failure = failures.findLast((f) => f.status === status);
    if (failure === undefined) {
      // The SSE transport wraps a failed fetch in its own error, without a status.
      if (unreachable !== undefined && typeof status !== 'number') return unreachable;
      return error;
    }
    return APIError.generate(failure.status, parse(failure.text), failure.text, failure.headers, secrets);
  }

  return { fetch: recordingFetch, translate };
}

/** The contract's error envelope: `{ error: { type, code, message, param?, request_id, ... } }`. */

const typeByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'budget_exceeded',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  409: 'conflict_error',
  413: 'invalid_request_error',
  415: 'invalid_request_error',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
  500: 'api_error',
  502: 'provider_error',
};

/**
 * RFC 6750's challenge on every 401: without one, MCP clients (the Inspector CLI) take the 401
 * for an OAuth server and start an authorization flow instead of asking for the key.
 */
const bearerChallenge = (code: string) =>
  code === 'invalid_api_key' ? 'Bearer realm="AIgateway", error="invalid_token"' : 'Bearer realm="AIgateway"';

export type ErrorExtra = Record<string, string | number | boolean | null | string[]>;

/** Thrown anywhere in a handler; the app turns it into the envelope with the right status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: ErrorExtra & { param?: string } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(requestId: string): { error: Record<string, unknown> } {
    const { param, ...rest } = this.extra;
    return {
      error: {
        type: typeByStatus[this.status] ?? 'api_error',
        code: this.code,
        message: this.message,
        ...(param === undefined ? {} : { param }),
        request_id: requestId,
        ...rest,
      },
    };
  }

  toResponse(requestId: string): Response {
    return new Response(JSON.stringify(this.body(requestId)), {
      status: this.status,
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        ...(this.status === 401 ? { 'www-authenticate': bearerChallenge(this.code) } : {}),
        ...this.headers,
      },
    });
  }
}

export const notFound = (what: string, id: string, hint: string): ApiError =>
  new ApiError(404, 'not_found', `No ${what} with id '${id}' exists for this key. ${hint}`);

export const internalError = (): ApiError =>
  new ApiError(
    500,
    'internal_error',
    'The emulator hit an unexpected error while handling this request. Retry it; if it keeps failing, report it with the X-Request-Id.',
  );

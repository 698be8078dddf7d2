/** A failed call to the emulator, with the message its error envelope carries. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const advice: Record<number, string> = {
  401: 'The emulator did not accept this key: use the key it printed when it started.',
  403: 'This is a sub-account key; the console reads the control API, which needs the top-level key. (The MCP inspector works with either.)',
};

/** The error a failed response carries, with advice for the statuses a console user can fix. */
export async function failure(res: Response): Promise<ApiFailure> {
  let message = `HTTP ${res.status}`;
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    message = body.error?.message ?? message;
  } catch {
    // Not JSON: keep the status.
  }
  return new ApiFailure(res.status, advice[res.status] ?? message);
}

/** Calls the emulator on this origin with the user's key. */
export class Api {
  constructor(readonly key: string) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.key}`, ...extra };
  }

  async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    const res = await fetch(path, { headers: this.headers(), signal });
    if (!res.ok) throw await failure(res);
    return (await res.json()) as T;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(path, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify(body),
    });
    if (!res.ok) throw await failure(res);
    return (await res.json()) as T;
  }
}

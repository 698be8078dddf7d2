import type { Core } from '../core.js';
import { ROOT } from '../domains/accounts.js';
import type { FaultPlan } from '../domains/faults.js';
import { keyKind } from '../domains/requests.js';
import { sha256Hex } from '../util/hash.js';
import { readBody, tooLarge } from './body.js';
import { drop, dropped, type PrereadBody, type RequestState } from './context.js';
import { ApiError } from './errors.js';
import { withIdempotency } from './idempotency.js';
import { matchRoute } from './paths.js';
import { unknownPath } from './unknown-path.js';
import { sleep } from './respond.js';

const TAG = /^[A-Za-z0-9._:-]{1,64}$/;

function faultError(plan: FaultPlan, body: Uint8Array | undefined): ApiError {
  const injected = '(injected by x-aig-fault)';
  if (plan.status === 429) {
    const retryAfter = plan.retryAfter ?? 1;
    return new ApiError(
      429,
      'rate_limit_exceeded',
      `Rate limit reached ${injected}; retry after ${retryAfter} s.`,
      { retry_after: retryAfter },
      { 'retry-after': String(retryAfter) },
    );
  }
  if (plan.status === 502) {
    const provider = body
      ? (/"model"\s*:\s*"([^"/]+)\//.exec(Buffer.from(body).toString('utf8', 0, 4096))?.[1] ?? 'upstream')
      : 'upstream';
    return new ApiError(
      502,
      'provider_error',
      `${provider} returned 503 ${injected}; retry once, or pick another model.`,
      { provider },
    );
  }
  return new ApiError(
    500,
    'internal_error',
    `Something went wrong on the gateway ${injected}; retry with backoff.`,
  );
}

/** Multipart boundaries differ between retries of the same upload; take them out of the fingerprint. */
function fingerprint(template: string, body: Uint8Array | undefined, contentType: string | null): string {
  const text = Buffer.from(body ?? []).toString('latin1');
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
  return sha256Hex(`${template}\n${boundary ? text.split(boundary).join('') : text}`);
}

/**
 * The shared path of every `/v1` request: route check, auth, rate limit, cost tag, body limit,
 * idempotency and faults, then the handler (`dispatch`), then the request log. Handlers only do
 * their domain's work.
 */
export async function runV1(
  core: Core,
  request: Request,
  url: URL,
  state: RequestState,
  dispatch: () => Promise<Response>,
  preread?: PrereadBody,
): Promise<Response> {
  const started = Date.now();
  const { method } = request;
  const path = url.pathname;
  let plan: FaultPlan | undefined;
  let res: Response;
  try {
    const template = matchRoute(method, path);
    if (!template) throw unknownPath(method, path);
    state.template = template;
    const signedDownload = template === '/v1/files/{path}' && url.searchParams.has('signature');
    state.principal = signedDownload
      ? ROOT
      : core.accounts.authenticate(request.headers.get('authorization'));
    state.key = signedDownload ? null : keyKind(state.principal);
    const saId = state.principal.subAccountId;
    const sub = saId === null ? undefined : core.accounts.subAccounts.get(saId);
    if (sub?.rate_limit_rpm) core.rateLimiter.hit(sub.id, sub.rate_limit_rpm, core.clock.nowMs());
    const tag = request.headers.get('x-aig-tag');
    if (tag !== null && !TAG.test(tag)) {
      throw new ApiError(
        400,
        'invalid_value',
        'x-aig-tag must be 1–64 characters of A-Z a-z 0-9 . _ : - (e.g. "summarize").',
        { param: 'x-aig-tag' },
      );
    }
    state.tag = tag ?? sub?.default_tag ?? null;
    if (method === 'POST' || method === 'PATCH') {
      const limit = core.options.maxBodyBytes;
      if (preread?.bodyTooLarge)
        throw tooLarge(preread.bodyTooLarge === true ? undefined : preread.bodyTooLarge, limit);
      state.rawBody = preread?.body ?? (await readBody(request, limit));
    }
    plan = core.faults.plan(method, path, request.headers.get('x-aig-fault'));
    state.fault = plan;

    const run = async (): Promise<Response> => {
      if (plan?.drop === 'before') return drop();
      // A streamed chat applies latency as time-to-first-token, after the headers.
      if (plan?.latencyMs) {
        const streamed =
          template === '/v1/chat/completions' &&
          /"stream"\s*:\s*true/.test(Buffer.from(state.rawBody ?? []).toString());
        if (!streamed) await sleep(plan.latencyMs);
      }
      if (plan?.status) throw faultError(plan, state.rawBody);
      return dispatch();
    };
    const key = method === 'POST' ? request.headers.get('idempotency-key') : null;
    res =
      key === null
        ? await run()
        : await withIdempotency(core, {
            scope: saId ?? 'root',
            key,
            fingerprint: fingerprint(template, state.rawBody, request.headers.get('content-type')),
            requestId: state.requestId,
            run,
          });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    res = error.toResponse(state.requestId);
  }
  if (plan?.drop === 'after' && !dropped.has(res)) {
    await res.body?.cancel().catch(() => undefined);
    res = drop();
  }
  core.requests.add({
    id: state.requestId,
    method,
    path,
    status: res.status,
    created_at: core.clock.now(),
    duration_ms: Date.now() - started,
    sub_account_id: state.principal.subAccountId,
    key: state.key,
    tag: state.tag,
    model: state.replayable?.model ?? null,
    endpoint: state.replayable ? state.template : null,
    body: state.replayable?.body ?? null,
  });
  return res;
}

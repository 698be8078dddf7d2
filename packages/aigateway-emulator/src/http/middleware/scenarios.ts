import { createMiddleware } from 'hono/factory';
import { escapePointer, resolve } from '../../contract/document.js';
import type { Operation } from '../../contract/operations.js';
import type { ScenarioReply } from '../../domains/control/scenario-schema.js';
import { statusOfCode } from '../../domains/control/scenario-schema.js';
import type { Scenarios } from '../../domains/control/scenarios.js';
import { promptOf } from '../../domains/control/text-match.js';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { json, sleep } from '../respond.js';

/** The operation's success status in the contract (201 for a sub-account, 202 for a job…). */
function successStatus(op: Operation): number {
  const responses =
    resolve(`#/paths/${escapePointer(op.path)}/${op.method.toLowerCase()}/responses`).value ?? {};
  return Number(Object.keys(responses).find((s) => s.startsWith('2')) ?? 200);
}

function scriptedError(e: NonNullable<ScenarioReply['error']>): ApiError {
  const status = e.status ?? statusOfCode[e.code] ?? 400;
  const extra: Record<string, string | number> = {};
  if (e.type !== undefined) extra.type = e.type;
  if (e.param !== undefined) extra.param = e.param;
  if (e.provider !== undefined) extra.provider = e.provider;
  if (e.retry_after !== undefined) extra.retry_after = e.retry_after;
  return new ApiError(
    status,
    e.code,
    e.message ?? `Scripted ${e.code} (a scenario rule of the emulator).`,
    extra,
    e.retry_after !== undefined && status === 429 ? { 'retry-after': String(e.retry_after) } : {},
  );
}

function jsonInput(
  raw: Uint8Array | undefined,
  contentType: string | undefined,
): Record<string, unknown> | undefined {
  if (!raw || raw.length === 0 || !/json/i.test(contentType ?? '')) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.length).toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Scripted replies (`--scenario`, `POST /_emulator/scenarios`): the first matching rule answers
 * with an error, a body, or — for the handler to apply — content, tool calls, usage, a stream's
 * chunking or a job's outcome (`c.var.scripted`); latency first. Costs nothing without rules.
 */
export const scenarioReplies = (scenarios: Scenarios) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const op = c.var.operation;
    if (scenarios.size === 0 || !op) return next();
    const input = jsonInput(c.var.rawBody, c.req.header('content-type'));
    const taken = scenarios.take({
      endpoint: op.path,
      method: c.req.method,
      model: typeof input?.model === 'string' ? input.model : undefined,
      tag: c.var.tag,
      key: c.var.key,
      subAccount: c.var.principal.subAccountId,
      prompt: promptOf(input),
    });
    if (!taken) return next();
    const { id, reply } = taken;
    c.set('scenario', id);
    // A streamed chat waits after its headers, before the first chunk (time to first token).
    const streamed = op.operationId === 'createChatCompletion' && input?.stream === true;
    if (reply.latency_ms && !(streamed && !reply.error && reply.body === undefined))
      await sleep(reply.latency_ms);
    if (reply.error) throw scriptedError(reply.error);
    if (reply.body !== undefined) return json(reply.body, reply.status ?? successStatus(op));
    c.set('scripted', reply);
    await next();
  });

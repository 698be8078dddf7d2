import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatorAt } from '../../src/contract/validate.js';
import { startGateway, type TestGateway } from '../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

const BASE = 'the base URL must end in /v1';
const validate = validatorAt('#/components/schemas/NotFoundErrorEnvelope');

// [method, path, fragments the message has, fragments it must not have]
const table: [string, string, string[], string[]][] = [
  // The base URL itself: append an endpoint; no base-URL lecture, no self-referencing "not /v1".
  ['POST', '/v1', ['is the base URL, not an endpoint', 'POST /v1/chat/completions'], [BASE, 'not /v1)']],
  ['POST', '/v1/', ['is the base URL, not an endpoint', 'POST /v1/chat/completions'], [BASE]],
  // Genuine base-URL mistakes.
  ['POST', '/v1/chat', ['Did you mean POST /v1/chat/completions?', `${BASE}, not /v1/chat`], []],
  ['POST', '/chat/completions', ['missing the /v1 prefix', 'POST /v1/chat/completions'], []],
  ['GET', '/v1/v1/models', ['/v1 twice', 'GET /v1/models'], []],
  [
    'POST',
    '/v1/chat/chat/completions',
    ['base URL seems to end in /v1/chat', 'POST /v1/chat/completions'],
    [],
  ],
  ['GET', '/api/v1/models', ['base URL seems to end in /api/v1', 'GET /v1/models'], []],
  // Incomplete paths and typos: the endpoint meant, with {id} filled in; no base-URL explanation.
  ['GET', '/v1/usage', ['Did you mean GET /v1/usage/by-tag?'], [BASE, 'base URL']],
  ['GET', '/v1/job/x', ['Did you mean GET /v1/jobs/{id} (here GET /v1/jobs/x)?'], [BASE]],
  [
    'GET',
    '/v1/model/openai/gpt-5.4',
    ['GET /v1/models/{model} (here GET /v1/models/openai/gpt-5.4)'],
    [BASE],
  ],
  ['GET', '/v1/job', ['Did you mean GET /v1/jobs/{id}?'], ['(here']],
  ['POST', '/v1/embedding', ['Did you mean POST /v1/embeddings?'], [BASE]],
  ['POST', '/v1/completions', ['Did you mean POST /v1/chat/completions?'], [BASE]],
  ['GET', '/v1/subaccounts', ['Did you mean GET /v1/sub-accounts?'], [BASE]],
  ['GET', '/v1/models/', ['drop the trailing slash — GET /v1/models'], [BASE]],
  ['POST', '/v1/mcp', ['MCP is served at /mcp'], []],
  // Nothing close: no suggestion, a pointer to the catalog and the reference.
  ['GET', '/', ['GET /v1/models', 'https://aigateway.sh/reference'], ['Did you mean', BASE]],
  ['GET', '/health', ['GET /v1/models', 'https://aigateway.sh/reference'], ['Did you mean', BASE]],
  ['POST', '/v1/foo', ['GET /v1/models'], ['Did you mean', BASE]],
  // Other APIs' endpoints: what to use instead, not a lookalike of ours.
  [
    'POST',
    '/v1/audio/translations',
    ['POST /v1/audio/transcriptions', 'POST /v1/translations'],
    ['Did you mean', BASE],
  ],
  ['POST', '/v1/responses', ['not part of the AIgateway API', 'POST /v1/chat/completions'], ['Did you mean']],
  ['POST', '/v1/messages', ['not part of the AIgateway API', 'POST /v1/chat/completions'], ['Did you mean']],
];

describe('unknown paths: 404 unknown_path saying what to do', () => {
  it.each(table)('%s %s', async (method, path, has, hasNot) => {
    const res = await gw.call(method, path, method === 'GET' ? {} : { body: {} });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    const body = await res.json();
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(body.error.code).toBe('unknown_path');
    for (const fragment of has) expect(body.error.message).toContain(fragment);
    for (const fragment of hasNot) expect(body.error.message).not.toContain(fragment);
  });
});

describe('multi-segment path parameters take any character', () => {
  // Hono matches the decoded path: a `%0A` there is a line break, which `.` does not match, so
  // these fell through to the 405 "this path takes GET" (Schemathesis ST103 on GET /v1/files/{path}).
  it.each([
    ['/v1/files/jobs/a%0Ab.mp4', 'not_found', "No file at 'jobs/a\nb.mp4'"],
    ['/v1/files/a%0Db', 'not_found', "No file at 'a\rb'"],
    ['/v1/models/openai/a%0Ab', 'model_not_found', "The model 'openai/a\nb' does not exist"],
  ])('GET %s is the operation’s 404', async (path, code, message) => {
    const res = await gw.call('GET', path);
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toContain(message);
  });
});

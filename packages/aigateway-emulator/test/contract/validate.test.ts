import { operations, type OperationId } from 'aigateway-contract';
import { describe, expect, it } from 'vitest';
import { assertRequest, toParam } from '../../src/contract/validate.js';
import { ApiError } from '../../src/http/errors.js';
import { checkResponse } from '../contract-checks.js';

/** The POST operation at `path` (tests name operations by the path a user would call). */
function posted(path: string): OperationId {
  const found = Object.entries(operations).find(([, op]) => op.method === 'POST' && op.path === path);
  if (!found) throw new Error(`The contract has no POST ${path}.`);
  return found[0] as OperationId;
}

function errorOf(path: string, body: unknown, contentType = 'application/json'): ApiError {
  try {
    assertRequest(posted(path), contentType, body);
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a validation error');
}

describe('request validation against the contract', () => {
  it('names the missing field with its JSON path', () => {
    const e = errorOf('/v1/chat/completions', { model: 'openai/gpt-5.4' });
    expect([e.status, e.code, e.extra.param]).toEqual([400, 'missing_field', 'messages']);
  });

  it('names a nested wrong type by its path', () => {
    const e = errorOf('/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 5 }] });
    expect([e.code, e.extra.param]).toEqual(['invalid_type', 'messages[0].content']);
    expect(e.message).toContain('string or array');
  });

  it('uses the discriminator to report the branch the role selects', () => {
    const e = errorOf('/v1/chat/completions', { model: 'm', messages: [{ role: 'tool', content: 'x' }] });
    expect([e.code, e.extra.param]).toEqual(['missing_field', 'messages[0].tool_call_id']);
  });

  it('rejects non-objects where the contract has a discriminated union of objects', () => {
    const base = { model: 'm', messages: [{ role: 'user', content: 'x' }] };
    expect(errorOf('/v1/chat/completions', { ...base, response_format: '' }).extra.param).toBe(
      'response_format',
    );
    expect(errorOf('/v1/chat/completions', { model: 'm', messages: ['hi'] })).toMatchObject({
      code: 'invalid_type',
      extra: { param: 'messages[0]' },
    });
    expect(
      errorOf('/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: ['x'] }] }).extra
        .param,
    ).toBe('messages[0].content[0]');
  });

  it('reports out-of-range and enum values as invalid_value', () => {
    expect(
      errorOf('/v1/chat/completions', {
        model: 'm',
        messages: [{ role: 'user', content: 'x' }],
        temperature: 3,
      }).extra.param,
    ).toBe('temperature');
    const e = errorOf('/v1/embeddings', { model: 'm', input: 'x', encoding_format: 'hex' });
    expect([e.code, e.extra.param]).toEqual(['invalid_value', 'encoding_format']);
    expect(e.message).toContain('"float", "base64"');
  });

  it('rejects a body that is not an object', () => {
    const e = errorOf('/v1/rerank', ['not', 'an', 'object']);
    expect(e.code).toBe('invalid_type');
    expect(e.extra.param).toBeUndefined();
  });

  it('accepts valid bodies', () => {
    expect(() =>
      assertRequest('createRerank', 'application/json', {
        model: 'm',
        query: 'q',
        documents: [{ text: 'a' }],
      }),
    ).not.toThrow();
  });

  it('response checks catch bodies that break the schema', () => {
    expect(
      checkResponse('post', '/v1/chat/completions', 200, 'application/json', { id: 'x' }),
    ).not.toBeNull();
    expect(
      checkResponse('get', '/v1/models', 200, 'application/json', { object: 'list', data: [] }),
    ).toBeNull();
    expect(checkResponse('get', '/v1/models', 200, 'text/html', '')).toMatch(/declares no/);
  });

  it('formats JSON pointers as the contract params', () => {
    expect(toParam('/messages/0/content/1/image_url')).toBe('messages[0].content[1].image_url');
    expect(toParam('', 'model')).toBe('model');
  });
});

// The SDK's calls against the contract: paths and path parameters, and the input checks derived
// from the request schemas — one mistake, one class, whatever the value (fast-check draws values
// outside every numeric bound and string length the contract states, field by field).
import { readFileSync } from 'node:fs';
import { API_PREFIX, type OperationId, operations, schemas } from 'aigateway-contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Check, Schema } from '../../src/core/checks.js';
import { InputValidationError } from '../../src/core/errors.js';
import * as calls from '../../src/core/schemas.js';
import { validate } from '../../src/core/validate.js';

function paramsOf(check: Check, value: unknown): string[] {
  try {
    validate(check, value, 'm');
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(InputValidationError);
    return (error as InputValidationError).issues.map((i) => i.path);
  }
}

describe('paths come from the contract', () => {
  it('one per operation, under the base URL (which ends in /v1)', () => {
    expect(calls.paths.createVideoGeneration).toBe('/videos/generations');
    expect(calls.paths.retrieveUsageByTag).toBe('/usage/by-tag');
    for (const [id, op] of Object.entries(operations)) {
      if (op.path.startsWith(`${API_PREFIX}/`))
        expect(API_PREFIX + calls.paths[id as OperationId]).toBe(op.path);
      else expect(calls.paths[id as OperationId]).toBeUndefined(); // /mcp: not under the base URL
    }
  });

  it('fill in path parameters percent-encoded; a model slug and a file path keep their slashes', () => {
    expect(calls.pathTo('retrieveJob', { id: 'job_1' })).toBe('/jobs/job_1');
    expect(calls.pathTo('retrieveJob', { id: 'a/b?c#d%' })).toBe('/jobs/a%2Fb%3Fc%23d%25');
    expect(calls.pathTo('retrieveModel', { model: 'anthropic/claude sonnet' })).toBe(
      '/models/anthropic/claude%20sonnet',
    );
    expect(calls.pathTo('downloadFile', { path: 'jobs/job_1/video.mp4' })).toBe(
      '/files/jobs/job_1/video.mp4',
    );
  });

  it('refuse ids and segments that would climb out of their endpoint', () => {
    for (const id of ['', '.', '..', undefined]) expect(paramsOf(calls.idParam, id)).toEqual(['id']);
    expect(paramsOf(calls.idParam, '...')).toEqual([]);
    for (const model of ['../../_emulator/state', 'a//b', 'a/.', '/a', ''])
      expect(paramsOf(calls.modelParam, model)).toEqual(['model']);
    expect(paramsOf(calls.modelParam, 'anthropic/claude-sonnet-4.6')).toEqual([]);
    for (const path of ['../sub-accounts', 'jobs/../x', 'jobs/./x', '', 'a b'])
      expect(paramsOf(calls.filePathParam, path)).toEqual(['path']);
    expect(paramsOf(calls.filePathParam, 'jobs/job_1/video.mp4')).toEqual([]);
  });
});

// A valid body per operation: the `sent` cases of the conformance vectors.
interface InputCase {
  operation: string;
  body?: Record<string, unknown>;
  expect: { sent?: true };
}
const vectors = JSON.parse(
  readFileSync(new URL('../../../../openapi/conformance/inputs.json', import.meta.url), 'utf8'),
) as { cases: InputCase[] };
const valid = new Map<string, Record<string, unknown>>();
for (const c of vectors.cases)
  if (c.expect.sent && c.body && !valid.has(c.operation)) valid.set(c.operation, c.body);

const CHECKS: Partial<Record<OperationId, Check>> = {
  createVideoGeneration: calls.videoSchema,
  createMusicGeneration: calls.musicSchema,
  createThreeDGeneration: calls.threeDSchema,
  createEmbedding: calls.embeddingSchema,
  createChatCompletion: calls.chatSchema,
  createImage: calls.imageSchema,
  createSpeech: calls.speechSchema,
  createDetection: calls.detectionSchema,
  createOcr: calls.ocrSchema,
  createRerank: calls.rerankSchema,
  createClassification: calls.classificationSchema,
  createTranslation: calls.translationSchema,
  createModeration: calls.moderationSchema,
  createSubAccount: calls.subAccountCreateSchema,
  createEval: calls.evalCreateSchema,
  createSignedUrl: calls.signedUrlSchema,
};

const defs = schemas as unknown as Record<string, Schema>;
const deref = (s: Schema): Schema => (s.$ref ? deref(defs[s.$ref.split('/').at(-1) as string] as Schema) : s);

/** Values that break the field's numeric or length bounds, whatever they are (none for other fields). */
function outOfContract(field: Schema): fc.Arbitrary<unknown> | undefined {
  const s = deref(field);
  const types = typeof s.type === 'string' ? [s.type] : (s.type ?? []);
  const bad: fc.Arbitrary<unknown>[] = [];
  if (types.includes('integer') || types.includes('number')) {
    // -0 is not below 0: JSON sends it as 0.
    if (s.minimum !== undefined)
      bad.push(
        fc.double({ max: s.minimum, maxExcluded: true, noNaN: true }).filter((v) => !Object.is(v, -0)),
      );
    if (s.maximum !== undefined) bad.push(fc.double({ min: s.maximum, minExcluded: true, noNaN: true }));
    if (types.includes('integer') && !types.includes('number'))
      bad.push(
        fc
          .integer({ min: Math.floor(s.minimum ?? -1e6), max: Math.floor(s.maximum ?? 1e6) })
          .map((i) => i + 0.5),
      );
    bad.push(
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY),
      fc.string().map((v) => `${v}1`),
    );
  }
  if (types.includes('string') && s.enum === undefined) {
    if (s.minLength) bad.push(fc.string({ maxLength: s.minLength - 1 }));
    if (s.maxLength !== undefined)
      bad.push(fc.string({ minLength: s.maxLength + 1, maxLength: s.maxLength + 40 }));
  }
  return bad.length ? fc.oneof(...bad) : undefined;
}

describe('input checks are the contract’s request schemas (fast-check)', () => {
  const fields = [...valid].flatMap(([op, body]) => {
    const id = op as OperationId;
    const check = CHECKS[id];
    const schemaName = operations[id].requestSchema as string;
    const properties = (defs[schemaName]?.properties ?? {}) as Record<string, Schema | boolean>;
    return Object.entries(properties).flatMap(([name, field]) => {
      const bad = typeof field === 'object' ? outOfContract(field) : undefined;
      return check && bad ? [{ op, name, check, body, bad }] : [];
    });
  });

  it('covers the bounds of every request the SDK sends (video duration, chat temperature, …)', () => {
    const names = fields.map((f) => `${f.op}.${f.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'createVideoGeneration.duration',
        'createChatCompletion.temperature',
        'createEmbedding.dimensions',
        'createSubAccount.spend_cap_cents',
      ]),
    );
    expect(fields.length).toBeGreaterThan(30);
  });

  it('a valid body passes and every out-of-contract value of one field is refused at that field, locally', () => {
    for (const { op, check, body } of fields) expect(paramsOf(check, body), op).toEqual([]);
    fc.assert(
      fc.property(
        fc.constantFrom(...fields).chain((f) => fc.tuple(fc.constant(f), f.bad)),
        ([{ name, check, body }, value]) => {
          expect(paramsOf(check, { ...body, [name]: value })).toEqual([name]);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/server.js';
import { send as sendTo, expectSound } from './contract-client.js';
import { isValidRequest, type JsonOperation, jsonOperations, schemaAt } from './contract-oracle.js';
import { schemaArbitrary } from './schema-arbitrary.js';

// Requests generated from the contract for every operation with a JSON body: bodies drawn from its
// schema, the same with a required field removed or a field of the wrong type, junk JSON, other
// JSON values and unknown models (oversized bodies: oversized-bodies.test.ts). Every answer must be what the contract declares
// (a 2xx, or a 4xx in the error envelope naming the problem); never a 5xx, a crash or a stack trace.
const RUNS_PER_OPERATION = 60;
const MAX_BODY = 64 * 1024;

type Kind = 'drawn' | 'missing' | 'wrong-type' | 'wrong-item' | 'unknown-model' | 'junk' | 'other-json';
interface Case {
  kind: Kind;
  raw: string;
  /** The field removed or changed. */
  field?: string;
  /** The body before the mutation. */
  base?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const wrongValue = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 5 }),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);
const unknownSlug = fc
  .tuple(fc.stringMatching(/^[a-z]{3,8}$/), fc.stringMatching(/^[a-z0-9-]{3,10}$/))
  .map(([provider, name]) => `zz${provider}/${name}`);

function cases(
  operation: JsonOperation,
  models: string[],
  allModels: string[],
  chat: string[],
): fc.Arbitrary<Case> {
  const properties = (operation.schema.properties ?? {}) as Record<string, unknown>;
  // Mostly models of the operation (so requests get past the catalog), sometimes any model.
  const model = fc.oneof({ arbitrary: fc.constantFrom(...models), weight: 4 }, fc.constantFrom(...allModels));
  const hints = {
    ...('model' in properties ? { model } : {}),
    ...('target_model' in properties ? { target_model: model } : {}),
    ...('candidate_models' in properties
      ? { candidate_models: fc.uniqueArray(fc.constantFrom(...chat), { minLength: 2, maxLength: 4 }) }
      : {}),
  };
  const drawn = schemaArbitrary(operation.schema, { resolve: schemaAt, hints });
  const required = (operation.schema.required ?? []) as string[];
  const mutations: fc.Arbitrary<Case>[] = [
    // Any field the schema names, present in the drawn body or not, gets a value of another type.
    fc.tuple(drawn, wrongValue, fc.nat()).map(([base, value, n]): Case => {
      const keys = [...new Set([...Object.keys(properties), ...(isObject(base) ? Object.keys(base) : [])])];
      if (!isObject(base) || keys.length === 0) return { kind: 'drawn', raw: JSON.stringify(base), base };
      const field = keys[n % keys.length] as string;
      return { kind: 'wrong-type', raw: JSON.stringify({ ...base, [field]: value }), field, base };
    }),
    // One element of an array field (a message, a document, a dataset item) gets a value of another type.
    fc.tuple(drawn, wrongValue, fc.nat(), fc.nat()).map(([base, value, n, i]): Case => {
      const arrays = isObject(base)
        ? Object.keys(base).filter((k) => Array.isArray(base[k]) && (base[k] as []).length)
        : [];
      if (!isObject(base) || arrays.length === 0) return { kind: 'drawn', raw: JSON.stringify(base), base };
      const field = arrays[n % arrays.length] as string;
      const items = [...(base[field] as unknown[])];
      items[i % items.length] = value;
      return { kind: 'wrong-item', raw: JSON.stringify({ ...base, [field]: items }), field, base };
    }),
    fc
      .tuple(drawn, fc.nat(), fc.constantFrom('', '{', '{"model":', "{'a': 1}", '[1,]', 'nul', '{"a":1}}'))
      .map(([base, n, tail]) => {
        const text = JSON.stringify(base);
        return { kind: 'junk', raw: text.slice(0, Math.max(1, n % text.length)) + tail };
      }),
    fc
      .oneof(
        fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }),
        fc.integer(),
        fc.string(),
        fc.constant(null),
      )
      .map((value) => ({ kind: 'other-json', raw: JSON.stringify(value) })),
  ];
  if (required.length > 0) {
    mutations.push(
      fc.tuple(drawn, fc.constantFrom(...required)).map(([base, field]) => {
        const { [field]: _removed, ...rest } = base as Record<string, unknown>;
        return { kind: 'missing', raw: JSON.stringify(rest), field, base };
      }),
    );
  }
  if ('model' in properties) {
    mutations.push(
      fc.tuple(drawn, unknownSlug).map(([base, model]) => ({
        kind: 'unknown-model',
        raw: JSON.stringify({ ...(base as object), model }),
        field: 'model',
        base,
      })),
    );
  }
  // Bodies drawn from the schema as they are, three times as often as each kind of mutation.
  const asDrawn = drawn.map((base): Case => ({ kind: 'drawn', raw: JSON.stringify(base), base }));
  return fc.oneof(
    { arbitrary: asDrawn, weight: 3 },
    ...mutations.map((arbitrary) => ({ arbitrary, weight: 1 })),
  );
}

const startsWithField = (param: unknown, field: string) =>
  typeof param === 'string' &&
  (param === field || param.startsWith(`${field}.`) || param.startsWith(`${field}[`));

describe('contract-derived fuzz of every JSON operation', () => {
  let gw: RunningEmulator;
  const unexpected: unknown[] = [];
  let models: { id: string; endpoint: string }[] = [];
  let subAccountId = '';
  const tally = new Map<string, number>();
  const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

  beforeAll(async () => {
    gw = await startEmulator({
      maxBodyBytes: MAX_BODY,
      seed: 3,
      fetch: async () => new Response(null, { status: 204 }),
      onError: (error) => unexpected.push(error),
    });
    const auth = { authorization: `Bearer ${gw.apiKey}` };
    models = ((await (await fetch(`${gw.url}/models`, { headers: auth })).json()) as { data: typeof models })
      .data;
    const sub = await fetch(`${gw.url}/sub-accounts`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'fuzz target' }),
    });
    subAccountId = ((await sub.json()) as { id: string }).id;
  });
  afterAll(() => gw.close());

  const send = (operation: JsonOperation, raw: string) => sendTo(gw, operation, raw, subAccountId);
  const operations = jsonOperations();

  it('covers every JSON operation of the contract', () => {
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining([
        'POST /v1/chat/completions',
        'POST /v1/videos/generations',
        'PATCH /v1/sub-accounts/{id}',
      ]),
    );
    expect(operations.length).toBeGreaterThanOrEqual(19);
  });

  it.each(operations.map((o) => [`${o.method} ${o.path}`, o] as const))(
    '%s',
    async (_name, operation) => {
      const rest = operation.path.startsWith('/v1/');
      const endpoint = operation.path;
      const own = models.filter((m) => m.endpoint === endpoint).map((m) => m.id);
      const catalog = models.map((m) => m.id);
      const chat = models.filter((m) => m.endpoint === '/v1/chat/completions').map((m) => m.id);
      await fc.assert(
        fc.asyncProperty(cases(operation, own.length ? own : catalog, catalog, chat), async (c) => {
          const answer = await send(operation, c.raw);
          const where = expectSound(operation, c.raw, answer);
          const { res, body } = answer;
          const error = body?.error;
          let parsed: unknown;
          try {
            parsed = JSON.parse(c.raw);
          } catch {
            parsed = undefined;
          }
          const valid = parsed !== undefined && isValidRequest(operation, parsed);
          const baseValid = c.base !== undefined && isValidRequest(operation, c.base);
          count(`${operation.path} ${valid ? 'valid' : 'invalid'}`);
          if (res.ok) count('2xx');
          if (!rest) return;
          if (parsed === undefined) {
            expect(res.status, where).toBe(400);
            expect(error?.code, where).toBe('invalid_json');
          } else if (valid) {
            if (c.kind === 'unknown-model' && baseValid) {
              expect(res.status, where).toBe(404);
              expect(error?.code, where).toBe('model_not_found');
              expect(Array.isArray(error?.suggestions), where).toBe(true);
            } else if (res.status === 400) {
              // A body the contract accepts may still be refused for what it means, never for its shape.
              expect(['invalid_value', 'wrong_endpoint'], where).toContain(error?.code);
            }
          } else {
            expect(res.status, where).toBe(400);
            expect(['missing_field', 'invalid_type', 'invalid_value'], where).toContain(error?.code);
            if (c.kind === 'missing' && baseValid) {
              expect(error?.code, where).toBe('missing_field');
              expect(error?.param, where).toBe(c.field);
            }
            if ((c.kind === 'wrong-type' || c.kind === 'wrong-item') && baseValid)
              expect(startsWithField(error?.param, c.field ?? ''), where).toBe(true);
            if (isObject(parsed)) expect(typeof error?.param, where).toBe('string');
          }
          if (error) expect(String(error.message).length, where).toBeGreaterThan(20);
        }),
        { numRuns: RUNS_PER_OPERATION },
      );
      // The generator reached past validation for this operation, not only into its error paths.
      if (rest) expect(tally.get(`${operation.path} valid`) ?? 0).toBeGreaterThan(0);
    },
    60_000,
  );

  it('never hit an unexpected error, and still answers afterwards', async () => {
    expect(unexpected).toEqual([]);
    expect(tally.get('2xx') ?? 0).toBeGreaterThan(operations.length * 3);
    const health = await fetch(`${gw.url.slice(0, -'/v1'.length)}/_emulator/health`);
    expect(health.status).toBe(200);
    const chat = await send(
      operations.find((o) => o.path === '/v1/chat/completions') as JsonOperation,
      JSON.stringify({
        model: 'openai/gpt-5.4',
        messages: [{ role: 'user', content: 'still there?' }],
      }),
    );
    expect(chat.res.status).toBe(200);
  });
});

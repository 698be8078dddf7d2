import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as SDK from '../../src/index.js';
import { expectErrorFields, type ExpectedFields } from './error-fields.js';
import { loadVectors, type ScriptedServer, scriptedServer } from './vectors.js';

interface ErrorCase {
  name: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  api_key?: string;
  expect: { class: string; is_a?: string[]; fields: ExpectedFields } & ExpectedFields;
}

const { cases } = loadVectors<ErrorCase>('errors.json');
const classes = SDK as unknown as Record<string, abstract new (...args: never[]) => Error>;

describe('conformance: errors.json (over loopback)', () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await scriptedServer();
  });
  afterAll(() => server.close());

  it.each(cases)('$name', async (c) => {
    server.script([{ status: c.status, headers: c.headers, body: c.body }]);
    const client = new SDK.AIgateway({
      apiKey: c.api_key ?? 'sk-aig-conformance-errors-0000',
      baseURL: server.url,
      maxRetries: 0,
      logLevel: 'off',
    });
    const error = await client.models.list().then(
      () => undefined,
      (e: unknown) => e,
    );
    const { class: name, is_a = [], fields, ...messages } = c.expect;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).constructor.name).toBe(name);
    for (const parent of [name, ...is_a, 'APIError', 'AIgatewayError']) {
      const Class = classes[parent];
      expect(Class, parent).toBeTypeOf('function');
      expect(error).toBeInstanceOf(Class as NonNullable<typeof Class>);
    }
    expectErrorFields(error as Error, { ...fields, ...messages });
  });
});

// The generated wire facts must agree with the contract they were read from: these checks fail
// when the extraction (scripts/generate/wire-facts.mjs) drops or misreads a fact.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  DEFAULT_BASE_URL,
  errorCodes,
  errorStatuses,
  headers,
  type JsonSchema,
  mcpTools,
  modalities,
  operations,
  patterns,
  schemas,
} from '../src/index.js';

type Node = { [key: string]: unknown };
const contract = parse(
  readFileSync(new URL('../../../openapi/aigateway.yaml', import.meta.url), 'utf8'),
) as Node & {
  paths: Record<string, Record<string, Node>>;
  components: { schemas: Record<string, Node>; responses: Record<string, Node> };
  servers: { url: string }[];
};

const ajv = new Ajv2020({ strict: true, strictRequired: false, strictTypes: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('binary', true);
ajv.addSchema({ $id: 'wire', $defs: schemas });
const validator = (name: string) => {
  const validate = ajv.getSchema(`wire#/$defs/${name}`);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate;
};

const requestExamples = (op: Node): [string, unknown][] => {
  const body = op.requestBody as {
    content?: Record<string, { examples?: Record<string, { value: unknown }> }>;
  };
  const json = body?.content?.['application/json'];
  return Object.entries(json?.examples ?? {}).map(([name, example]) => [name, example.value]);
};

describe('operations', () => {
  const fromContract = Object.entries(contract.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'patch', 'put', 'delete'].includes(method))
      .map(([method, op]) => ({
        path,
        method: method.toUpperCase(),
        id: (op as Node).operationId as string,
        op: op as Node,
      })),
  );

  it('has every operation of the contract with its method and path', () => {
    expect(Object.keys(operations).sort()).toEqual(fromContract.map((o) => o.id).sort());
    for (const { id, method, path } of fromContract) {
      const op = operations[id as keyof typeof operations];
      expect({ method: op.method, path: op.path }).toEqual({ method, path });
    }
  });

  it.each(fromContract.filter((o) => requestExamples(o.op).length > 0).map((o) => [o.id, o.op] as const))(
    'accepts every request example of %s with the compacted request schema',
    (id, op) => {
      const name = operations[id as keyof typeof operations].requestSchema;
      expect(name).not.toBeNull();
      const validate = validator(name as string);
      for (const [example, value] of requestExamples(op)) {
        expect(validate(value), `${example}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    },
  );

  it('keeps the limits: a video duration of 0, 0.5 or 61 fails, 1 and 60 pass', () => {
    const validate = validator('VideoGenerationRequest');
    const video = (duration: number) => validate({ model: 'runwayml/gen-4', prompt: 'a sunset', duration });
    expect([0, 0.5, 61].map(video)).toEqual([false, false, false]);
    expect([1, 60].map(video)).toEqual([true, true]);
  });

  it('marks exactly the 202 Job operations as async, each with its modality', () => {
    const asyncOps = Object.entries(operations).filter(([, op]) => op.async);
    expect(asyncOps.map(([, op]) => op.modality).sort()).toEqual(['3d', 'music', 'video']);
  });

  it('maps every catalog modality to an inference operation', () => {
    const modalityEnum = (contract.components.schemas.Modality as { enum: string[] }).enum;
    expect(Object.keys(modalities).sort()).toEqual([...modalityEnum].sort());
    for (const [modality, id] of Object.entries(modalities)) expect(operations[id].modality).toBe(modality);
  });
});

describe('errors', () => {
  // Each operation references a shared error response per status; that response's envelope
  // schema names the error type the table must give that status.
  const typeOfResponse = (ref: string): string => {
    const name = ref.split('/').pop() as string;
    const response = contract.components.responses[name] as {
      content: Record<string, { schema: { $ref: string } }>;
    };
    const envelope = response.content['application/json']?.schema.$ref.split('/').pop() as string;
    const errorSchema = (contract.components.schemas[envelope] as { allOf: Node[] }).allOf[1] as {
      properties: { error: { $ref: string } };
    };
    const error = contract.components.schemas[
      errorSchema.properties.error.$ref.split('/').pop() as string
    ] as {
      allOf: { properties?: { type?: { const: string } } }[];
    };
    return error.allOf[1]?.properties?.type?.const as string;
  };

  it('gives every documented /v1 error status the type its response schema declares', () => {
    for (const item of Object.values(contract.paths)) {
      for (const op of Object.values(item) as Node[]) {
        const responses = op.responses as Record<string, { $ref?: string }> | undefined;
        for (const [status, response] of Object.entries(responses ?? {})) {
          if (Number(status) < 400 || !response.$ref || response.$ref.includes('Mcp')) continue;
          const row = errorStatuses[status as unknown as keyof typeof errorStatuses];
          expect(row?.type, `${op.operationId} ${status}`).toBe(typeOfResponse(response.$ref));
        }
      }
    }
  });

  it('gives every code one status and type', () => {
    const codeEnum = (contract.components.schemas.ErrorCode as { enum: string[] }).enum;
    expect(Object.keys(errorCodes).sort()).toEqual([...codeEnum].sort());
    expect(errorCodes.budget_exceeded).toEqual({ status: 402, type: 'budget_exceeded' });
    expect(errorCodes.idempotency_key_reused).toEqual({ status: 422, type: 'invalid_request_error' });
  });
});

describe('headers, patterns and the base URL', () => {
  it('compiles every pattern as a Unicode regular expression', () => {
    const all = [
      ...Object.values(patterns),
      headers.tag.pattern,
      headers.idempotencyKey.pattern,
      headers.byok.providerPattern,
    ];
    for (const source of all) expect(() => new RegExp(source, 'u')).not.toThrow();
  });

  it('reads the tag rule and the BYOK limits from the contract', () => {
    const tag = new RegExp(headers.tag.pattern);
    expect(['summarize', 'a.b_c:d-e', 'x'.repeat(64)].every((t) => tag.test(t))).toBe(true);
    expect(['', 'has space', 'x'.repeat(65), 'ünï'].some((t) => tag.test(t))).toBe(false);
    expect(headers.byok).toMatchObject({ prefix: 'x-byok-', minLength: 1, maxLength: 512 });
  });

  it('tells model slugs and keys apart', () => {
    const slug = new RegExp(patterns.modelSlug);
    expect(
      ['anthropic/claude-sonnet-4.6', 'black-forest-labs/flux-1-schnell', 'openai/gpt-5'].every((s) =>
        slug.test(s),
      ),
    ).toBe(true);
    expect(['gpt-5.4', 'report.txt', 'eval:eval_1', 'a/b c'].some((s) => slug.test(s))).toBe(false);
    expect(new RegExp(patterns.apiKey).test('sk-aig-emulator-dev')).toBe(true);
  });

  it('derives the default base URL from the server and the API prefix', () => {
    expect(DEFAULT_BASE_URL).toBe(`${contract.servers[0]?.url}/v1`);
  });
});

describe('MCP tools', () => {
  it('points every tool at an existing operation with a compilable input schema', () => {
    expect(mcpTools.length).toBeGreaterThan(10);
    for (const tool of mcpTools) {
      expect(operations).toHaveProperty(tool.operationId);
      const schema: JsonSchema = tool.inputSchema;
      expect(schema.type).toBe('object');
      expect(() => ajv.compile(schema)).not.toThrow();
    }
  });
});

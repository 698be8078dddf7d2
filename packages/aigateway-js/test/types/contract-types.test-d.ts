// Type-only tests (vitest's expectTypeOf / @ts-expect-error): `pnpm typecheck` (tsc over test/)
// enforces them; vitest does not run *.test-d.ts files, since at runtime they assert nothing.
import { describe, expectTypeOf, it } from 'vitest';
import type { components } from '../../src/generated/openapi.js';
import type {
  AIgateway,
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  ChatCompletionTool,
  FunctionDefinition,
  JSONSchema,
  ResponseFormatJSONSchema,
  ThreeDGenerateParams,
} from '../../src/index.js';

// Compile-time checks (run by `pnpm typecheck`) that the contract's free-form JSON objects and the
// 3D request generate usable types: openapi-typescript renders a bare `type: object` as
// `Record<string, never>` (no key allowed) and an `anyOf` of `required` lists as `unknown`.
type Schemas = components['schemas'];
declare const client: AIgateway;

describe('generated contract types', () => {
  it('free-form JSON objects are Record<string, unknown>', () => {
    expectTypeOf<JSONSchema>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<FunctionDefinition['parameters']>().toEqualTypeOf<Record<string, unknown> | undefined>();
    expectTypeOf<ResponseFormatJSONSchema['json_schema']['schema']>().toEqualTypeOf<
      Record<string, unknown> | undefined
    >();
    expectTypeOf<Schemas['Replay']['response']>().toEqualTypeOf<Record<string, unknown>>();
    type Choice = ChatCompletion['choices'][number];
    type ChunkChoice = ChatCompletionChunk['choices'][number];
    expectTypeOf<Choice['logprobs']>().toEqualTypeOf<Record<string, unknown> | null | undefined>();
    expectTypeOf<ChunkChoice['logprobs']>().toEqualTypeOf<Record<string, unknown> | null | undefined>();
    // MCP's params and results are free-form besides `_meta` (the contract types it, as MCP does).
    type WithMeta = { _meta?: Schemas['JsonRpcMeta'] } & Record<string, unknown>;
    expectTypeOf<Schemas['JsonRpcRequest']['params']>().toEqualTypeOf<WithMeta | undefined>();
    expectTypeOf<Schemas['JsonRpcResultResponse']['result']>().toEqualTypeOf<WithMeta>();
  });

  it('the SDK uses the generated chat types as they are', () => {
    expectTypeOf<FunctionDefinition>().toEqualTypeOf<Schemas['FunctionDefinition']>();
    expectTypeOf<ChatCompletionTool>().toEqualTypeOf<Schemas['Tool']>();
    expectTypeOf<ChatCompletionCreateParams['tools']>().toEqualTypeOf<Schemas['Tool'][] | undefined>();
    expectTypeOf<ChatCompletionCreateParams['response_format']>().toEqualTypeOf<
      Schemas['ResponseFormat'] | undefined
    >();
  });

  it('a tool with a JSON Schema `parameters` object and a json_schema response format compile', () => {
    const parameters = {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name' },
        days: { type: 'integer', minimum: 1, maximum: 14 },
        units: { enum: ['metric', 'imperial'] },
      },
      required: ['city'],
      additionalProperties: false,
    };
    const typecheck = () => {
      client.chat.completions.create({
        model: 'openai/gpt-5.4',
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools: [{ type: 'function', function: { name: 'get_weather', parameters, strict: true } }],
        tool_choice: 'auto',
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'forecast',
            schema: { type: 'object', properties: { summary: { type: 'string' } } },
          },
        },
      });
    };
    expectTypeOf(typecheck).toBeFunction();
    expectTypeOf({
      type: 'function' as const,
      function: { name: 'f', parameters },
    }).toExtend<ChatCompletionTool>();
  });

  it('ThreeDGenerationRequest is an object type that needs a prompt or an image', () => {
    expectTypeOf<Schemas['ThreeDGenerationRequest']>().not.toBeUnknown();
    expectTypeOf<Schemas['ThreeDGenerationRequest']>().toExtend<{ model: string; format?: 'glb' | 'obj' }>();
    expectTypeOf<ThreeDGenerateParams>().toExtend<Schemas['ThreeDGenerationRequest']>();
    expectTypeOf<{ model: string; image: string }>().toExtend<ThreeDGenerateParams>();
    expectTypeOf<{ model: string; prompt: string }>().toExtend<ThreeDGenerateParams>();
    expectTypeOf<{ model: string; prompt: string; image: string }>().toExtend<ThreeDGenerateParams>();
    expectTypeOf<{ model: string }>().not.toExtend<ThreeDGenerateParams>();
    expectTypeOf<{ model: string; format: 'glb' }>().not.toExtend<ThreeDGenerateParams>();
    const typecheck = () => {
      client.threeD.generate({ model: 'stabilityai/stable-fast-3d', image: 'https://example.com/chair.png' });
      client.threeD.generate({ model: 'stabilityai/stable-fast-3d', prompt: 'a chair', format: 'obj' });
      // @ts-expect-error neither `prompt` nor `image`
      client.threeD.generate({ model: 'stabilityai/stable-fast-3d', format: 'glb' });
      // @ts-expect-error `format` is one of the contract's formats
      client.threeD.generate({ model: 'stabilityai/stable-fast-3d', prompt: 'a chair', format: 'fbx' });
    };
    expectTypeOf(typecheck).toBeFunction();
  });
});

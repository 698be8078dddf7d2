import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpClient, type Tool } from '../../console/src/mcp/client.js';
import {
  argumentChecker,
  branches,
  initialValue,
  type JsonSchema,
  kindOf,
  readablePath,
} from '../../console/src/mcp/schema.js';
import { findMedia, mediaKind, sameOrigin } from '../../console/src/media.js';
import { startGateway, type TestGateway } from '../helpers.js';

// The inspector's argument checks, on every tool's input schema as the emulator lists it.
let gw: TestGateway;
let tools: Tool[];
beforeAll(async () => {
  gw = await startGateway();
  const client = new McpClient({ origin: gw.origin, key: gw.apiKey, transport: 'streamable-http' });
  await client.connect();
  tools = await client.listTools();
  await client.close();
});
afterAll(() => gw.close());

/** A value of the wrong JSON type for a property of this kind. */
const wrongType = (schema: JsonSchema): unknown => {
  const kind = kindOf(schema);
  if (kind === 'string' || kind === 'enum' || kind === 'union') return { not: 'this' };
  return 'not this';
};

describe('argumentChecker on every tool', () => {
  it('reports each missing required argument, and nothing else, for empty arguments', () => {
    expect(tools.length).toBe(16);
    for (const tool of tools) {
      const schema = tool.inputSchema as JsonSchema;
      const problems = argumentChecker(schema)({});
      expect(problems.map((p) => p.path).sort(), tool.name).toEqual([...(schema.required ?? [])].sort());
      for (const p of problems) expect(p.message).toBe('required');
    }
  });

  it('puts a wrong-typed argument’s problem at that argument', () => {
    let checked = 0;
    for (const tool of tools) {
      const schema = tool.inputSchema as JsonSchema;
      for (const [name, sub] of Object.entries(schema.properties ?? {})) {
        const problems = argumentChecker(schema)({ [name]: wrongType(sub) });
        const mine = problems.filter((p) => p.path === name);
        expect(mine, `${tool.name}.${name}`).toHaveLength(1);
        expect(mine[0]!.message, `${tool.name}.${name}`).toMatch(/^must be /);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('starts each form with the required structure: only its leaves are left to fill', () => {
    for (const tool of tools) {
      const schema = tool.inputSchema as JsonSchema;
      const problems = argumentChecker(schema)(initialValue(schema));
      for (const p of problems) expect(p.message, `${tool.name} ${p.path}`).toBe('required');
    }
    const chat = tools.find((t) => t.name === 'chat')!.inputSchema as JsonSchema;
    expect(initialValue(chat)).toEqual({ messages: [{}] });
    expect(
      argumentChecker(chat)(initialValue(chat))
        .map((p) => readablePath(p.path))
        .sort(),
    ).toEqual(['messages[0].content', 'messages[0].role', 'model']);
  });

  it('says what a union, a bound and an enum want', () => {
    const schemaOf = (name: string) => tools.find((t) => t.name === name)!.inputSchema as JsonSchema;
    const embed = schemaOf('embed');
    expect(branches(embed.properties!.input!).length).toBe(2);
    expect(argumentChecker(embed)({ model: 'baai/bge-m3', input: 3 })).toEqual([
      { path: 'input', message: 'must be text or list of text' },
    ]);
    expect(argumentChecker(embed)({ model: '', input: ['a'] })).toEqual([
      { path: 'model', message: 'must not be empty' },
    ]);
    const video = schemaOf('generate_video');
    expect(argumentChecker(video)({ model: 'runwayml/gen-4', prompt: 'p', duration: 61 })).toEqual([
      { path: 'duration', message: 'must be 60 or less' },
    ]);
    const speak = schemaOf('speak');
    expect(
      argumentChecker(speak)({ model: 'm', input: 'i', voice: 'v', response_format: 'ogg' })[0]?.message,
    ).toBe('choose one of wav, mp3, pcm');
  });

  it('accepts what the server accepts: a valid call per checked tool succeeds', async () => {
    const valid: Record<string, Record<string, unknown>> = {
      chat: { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'hi' }] },
      embed: { model: 'baai/bge-m3', input: ['a', 'b'] },
      generate_image: { model: 'black-forest-labs/flux-1-schnell', prompt: 'a fox' },
      rerank: { model: 'baai/bge-reranker-base', query: 'q', documents: ['a', 'b'], top_n: 1 },
    };
    const client = new McpClient({ origin: gw.origin, key: gw.apiKey, transport: 'streamable-http' });
    await client.connect();
    for (const [name, args] of Object.entries(valid)) {
      const tool = tools.find((t) => t.name === name)!;
      expect(argumentChecker(tool.inputSchema as JsonSchema)(args), name).toEqual([]);
      expect((await client.callTool(name, args)).isError, name).toBeFalsy();
    }
    await client.close();
  });
});

describe('media in replies', () => {
  it('finds image, audio and video URLs and inline images, by the path’s extension', () => {
    const reply = {
      data: [
        { url: 'http://127.0.0.1:4010/v1/files/images/req_1/0.png?expires=1&signature=ab' },
        { b64_json: 'iVBO' },
      ],
      result_url: 'http://127.0.0.1:4010/v1/files/jobs/job_1/music.wav?signature=x',
      other: { video: 'https://example.com/a/video.mp4', page: 'https://example.com/a.html', n: 3 },
    };
    expect(findMedia(reply).map((m) => [m.kind, m.label])).toEqual([
      ['image', 'url'],
      ['image', 'b64_json'],
      ['audio', 'result_url'],
      ['video', 'video'],
    ]);
    expect(mediaKind('http://x/model.glb')).toBe('file');
    expect(mediaKind('http://x/file', 'audio/wav')).toBe('audio');
    expect(mediaKind('http://x/page.html')).toBeUndefined();
  });

  it('loads emulator files from the page’s own origin, and leaves other URLs alone', () => {
    expect(sameOrigin('http://127.0.0.1:4010/v1/files/images/r/0.png?signature=a')).toBe(
      '/v1/files/images/r/0.png?signature=a',
    );
    expect(sameOrigin('https://cdn.example.com/x.png')).toBe('https://cdn.example.com/x.png');
    expect(sameOrigin('data:image/png;base64,AA')).toBe('data:image/png;base64,AA');
  });
});

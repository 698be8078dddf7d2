// The Node entry (src/index.ts) and the edge entry (src/index.edge.ts) must offer the same public
// names, values and types alike, and the root must re-export everything `aigateway-js/webhooks` has.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as node from '../src/index.js';
import type * as NodeEntry from '../src/index.js';
import * as edge from '../src/index.edge.js';
import type * as EdgeEntry from '../src/index.edge.js';
import * as webhooks from '../src/webhooks/index.js';
import type * as Webhooks from '../src/webhooks/index.js';

const src = join(dirname(fileURLToPath(import.meta.url)), '../src');
const ENTRIES = { node: 'index.ts', edge: 'index.edge.ts', webhooks: 'webhooks/index.ts' } as const;

/** Every name an entry exports, types included, as the compiler sees it. */
function exportedNames(): Record<keyof typeof ENTRIES, string[]> {
  const files = Object.values(ENTRIES).map((file) => join(src, file));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const names = (file: string): string[] => {
    const source = program.getSourceFile(join(src, file));
    const symbol = source && checker.getSymbolAtLocation(source);
    if (!symbol) throw new Error(`${file} is not a module`);
    return checker
      .getExportsOfModule(symbol)
      .map((s) => s.name)
      .sort();
  };
  return { node: names(ENTRIES.node), edge: names(ENTRIES.edge), webhooks: names(ENTRIES.webhooks) };
}

describe('public entries', () => {
  it('the Node and edge roots export the same values', () => {
    expect(Object.keys(edge).sort()).toEqual(Object.keys(node).sort());
    expect(Object.keys(node)).toEqual(
      expect.arrayContaining(['default', 'AIgateway', 'verifyWebhook', 'verifyWebhookAsync', 'signWebhook']),
    );
    expect(edge.WebhookVerificationError).toBe(node.WebhookVerificationError);
  });

  it('the root re-exports every value of aigateway-js/webhooks', () => {
    for (const name of Object.keys(webhooks)) expect(Object.keys(node), name).toContain(name);
    expect(node.verifyWebhook).toBe(webhooks.verifyWebhook);
  });

  it('the Node and edge roots export the same names, types included, and every webhooks name', () => {
    const names = exportedNames();
    expect(names.edge).toEqual(names.node);
    expect(names.node).toEqual(
      expect.arrayContaining(['Job', 'JobCompletedEvent', 'JobFailedEvent', 'WebhookEvent', 'JobHandle']),
    );
    expect(names.webhooks.filter((name) => !names.node.includes(name))).toEqual([]);
  }, 60_000);

  it('the webhook event types from the root are the webhooks entry types', () => {
    expectTypeOf<NodeEntry.JobCompletedEvent>().toEqualTypeOf<Webhooks.JobCompletedEvent>();
    expectTypeOf<NodeEntry.JobFailedEvent>().toEqualTypeOf<Webhooks.JobFailedEvent>();
    expectTypeOf<NodeEntry.WebhookEvent>().toEqualTypeOf<Webhooks.WebhookEvent>();
    expectTypeOf<NodeEntry.Job>().toEqualTypeOf<Webhooks.Job>();
    expectTypeOf<EdgeEntry.WebhookEvent>().toEqualTypeOf<NodeEntry.WebhookEvent>();
    expectTypeOf<EdgeEntry.JobCompletedEvent>().toEqualTypeOf<NodeEntry.JobCompletedEvent>();
    expectTypeOf<EdgeEntry.JobFailedEvent>().toEqualTypeOf<NodeEntry.JobFailedEvent>();
    expectTypeOf<
      Extract<NodeEntry.WebhookEvent, { type: 'job.failed' }>['data']
    >().toEqualTypeOf<NodeEntry.JobFailedEvent>();
  });
});

describe('VERSION', () => {
  it('is the package.json version, in the source and in both built formats', async () => {
    const { readFile } = await import('node:fs/promises');
    const { createRequire } = await import('node:module');
    const pkg = JSON.parse(await readFile(join(src, '../package.json'), 'utf8')) as { version: string };
    expect(node.VERSION).toBe(pkg.version);
    expect(edge.VERSION).toBe(pkg.version);
    const dist = join(src, '../dist');
    expect(((await import(join(dist, 'index.js'))) as typeof node).VERSION).toBe(pkg.version);
    expect((createRequire(import.meta.url)(join(dist, 'index.cjs')) as typeof node).VERSION).toBe(
      pkg.version,
    );
  });
});

describe('CommonJS', () => {
  type Callable = typeof node.AIgateway & ((options: node.ClientOptions) => node.AIgateway);
  it.each(['index.cjs', 'index.edge.cjs'])(
    '%s: require() gives a constructor, as openai’s does, with every named export on it',
    async (file) => {
      const { createRequire } = await import('node:module');
      const sdk = createRequire(import.meta.url)(join(src, '../dist', file)) as Callable &
        Record<string, unknown>;
      const client = new sdk({ apiKey: 'sk-aig-cjs-test-0001', baseURL: 'http://127.0.0.1:9/v1' });
      expect(client).toBeInstanceOf(sdk.AIgateway);
      expect(sdk({ apiKey: 'sk-aig-cjs-test-0002' })).toBeInstanceOf(sdk.AIgateway);
      expect(sdk.default).toBe(sdk.AIgateway);
      expect(Object.keys(sdk).sort()).toEqual(Object.keys(node).sort());
      expect(sdk.__esModule).toBe(true);
    },
  );
});

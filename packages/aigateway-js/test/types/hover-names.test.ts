// What an editor shows on hover over a call's result: the compiler's own rendering of the type,
// which must be a name (`ChatCompletion`), not the 40-line object literal an alias of an indexed
// access type (`type ChatCompletion = Schemas['ChatCompletion']`) renders as.
import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const index = join(dirname(fileURLToPath(import.meta.url)), '../../src/index.js');

const CALLS = {
  chat: `client.chat.completions.create({ model: 'openai/gpt-5.4', messages: [] })`,
  embeddings: `client.embeddings.create({ model: 'm', input: 'x' })`,
  images: `client.images.generate({ model: 'm', prompt: 'x' })`,
  moderations: `client.moderations.create({ input: 'x' })`,
  models: 'client.models.list()',
  model: `client.models.retrieve('openai/gpt-5.4')`,
  rerank: `client.rerank.create({ model: 'm', query: 'q', documents: ['d'] })`,
  replay: `client.replays.create({ source_request_id: 'req_1', target_model: 'm' })`,
  usage: 'client.usage.byTag()',
  subAccount: `client.subAccounts.retrieve('sa_1')`,
  deleted: `client.subAccounts.delete('sa_1')`,
  evalRun: `client.evals.retrieve('eval_1')`,
  job: `client.jobs.retrieve('job_1')`,
  signedUrl: `client.files.createSignedUrl({ path: 'a/b.mp4' })`,
};

// What every result carries besides its own type (openai-node shows the same).
const REQUEST_ID = ' & { readonly _request_id?: string | undefined; }';

describe('hovers show named types', () => {
  it('every resource result renders as a name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aig-hover-'));
    const file = join(dir, 'hover.ts');
    const lines = Object.entries(CALLS).map(([name, call]) => `  const ${name} = await ${call};`);
    writeFileSync(
      file,
      [
        `import { AIgateway } from ${JSON.stringify(index)};`,
        'const client = new AIgateway();',
        'export async function f() {',
        ...lines,
        '}',
      ].join('\n'),
    );
    const program = ts.createProgram([file], {
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    });
    const checker = program.getTypeChecker();
    const shown: Record<string, string> = {};
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text in CALLS)
        shown[node.name.text] = checker.typeToString(checker.getTypeAtLocation(node.name));
      ts.forEachChild(node, visit);
    };
    visit(program.getSourceFile(file) as ts.SourceFile);
    const withoutRequestId = Object.fromEntries(
      Object.entries(shown).map(([name, type]) => [name, type.replace(REQUEST_ID, '')]),
    );
    expect(withoutRequestId).toEqual({
      chat: 'ChatCompletion',
      embeddings: 'CreateEmbeddingResponse<number[]>',
      images: 'ImagesResponse',
      moderations: 'ModerationCreateResponse',
      models: 'ModelList',
      model: 'Model',
      rerank: 'RerankResponse',
      replay: 'Replay',
      usage: 'UsageByTag',
      subAccount: 'SubAccount',
      deleted: 'SubAccountDeleted',
      evalRun: 'EvalRun',
      job: 'Job',
      signedUrl: 'SignedUrl',
    });
  }, 60_000);
});

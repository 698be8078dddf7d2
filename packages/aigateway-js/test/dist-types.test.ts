// The published declarations, type-checked the way a consumer's project does with
// `skipLibCheck: false`: they must be self-contained (no third-party types, e.g. ofetch's need DOM
// globals and an `undici` module) under `nodenext` without the DOM lib and under `bundler`.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const typesNode = dirname(require.resolve('@types/node/package.json'));

const ESM_CONSUMER = `
import AIgateway, {
  BudgetExceededError,
  type ChatCompletionStream,
  type Job,
  type JobCompletedEvent,
  type JobFailedEvent,
  type WebhookEvent,
  verifyWebhookAsync,
} from 'aigateway-js';
import { verifyWebhook } from 'aigateway-js/webhooks';

const client = new AIgateway({ apiKey: 'sk-aig-test', tag: 'types' });
export async function main(): Promise<string | undefined> {
  const stream: ChatCompletionStream = await client.chat.completions.create({
    model: 'openai/gpt-5.4',
    messages: [{ role: 'user', content: 'hi' }],
    stream: true,
  });
  for await (const chunk of stream) console.log(chunk.choices[0]?.delta.content);
  const job: Job = await (await client.videos.generate({ model: 'runwayml/gen-4', prompt: 'p' })).wait();
  const audio: Response = await client.audio.speech.create({ model: 'm', input: 'hi', voice: 'v' });
  console.log(job.status, audio.status);
  try {
    await client.models.list();
  } catch (err) {
    if (err instanceof BudgetExceededError) return err.resetsAt?.toISOString();
  }
  return undefined;
}
export function handle(body: string, headers: Headers): JobCompletedEvent | JobFailedEvent {
  const event: WebhookEvent = verifyWebhook(body, headers, 'whsec_test');
  return event.data;
}
export const verifyAsync = verifyWebhookAsync;
`;

const CJS_CONSUMER = `
import sdk = require('aigateway-js');
import webhooks = require('aigateway-js/webhooks');
export const client = new sdk.AIgateway({ apiKey: 'sk-aig-test' });
export const verify: typeof webhooks.verifyWebhook = webhooks.verifyWebhook;
`;

interface Project {
  compilerOptions: Record<string, unknown>;
  files: Record<string, string>;
}

const PROJECTS: Record<string, Project> = {
  // A Node-only app: Node's globals (fetch, Response, Blob, ReadableStream) from @types/node, no DOM.
  nodenext: {
    compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2023'], types: ['node'] },
    files: { 'esm.ts': ESM_CONSUMER, 'cjs.cts': CJS_CONSUMER },
  },
  // A bundled web or edge app: the DOM lib, no @types/node.
  bundler: {
    compilerOptions: {
      module: 'esnext',
      moduleResolution: 'bundler',
      lib: ['es2023', 'dom', 'dom.iterable'],
      types: [],
    },
    files: { 'esm.ts': ESM_CONSUMER },
  },
};

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** Builds the package when dist is missing or older than src (CI builds before testing). */
async function ensureBuilt(): Promise<void> {
  const built = await stat(join(packageRoot, 'dist/index.d.ts')).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (built > (await newestMtime(join(packageRoot, 'src')))) return;
  await run(process.execPath, [require.resolve('tsup/dist/cli-default.js')], { cwd: packageRoot });
}

async function typecheck(dir: string, project: Project): Promise<string> {
  await mkdir(dir, { recursive: true });
  await mkdir(join(dir, 'node_modules/@types'), { recursive: true });
  await symlink(packageRoot, join(dir, 'node_modules/aigateway-js'), 'dir');
  await symlink(typesNode, join(dir, 'node_modules/@types/node'), 'dir');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  for (const [name, text] of Object.entries(project.files)) await writeFile(join(dir, name), text);
  const compilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    target: 'es2022',
    ...project.compilerOptions,
  };
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions, files: Object.keys(project.files) }),
  );
  try {
    await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: dir });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe('the published declarations (dist/*.d.ts) with skipLibCheck: false', () => {
  let root: string;
  const results: Record<string, Promise<string>> = {};
  beforeAll(async () => {
    await ensureBuilt();
    root = await mkdtemp(join(tmpdir(), 'aigateway-js-consumer-'));
    // Both compilers run at once; each test awaits its own.
    for (const [name, project] of Object.entries(PROJECTS))
      results[name] = typecheck(join(root, name), project);
    await Promise.allSettled(Object.values(results));
  }, 180_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('import no third-party types', async () => {
    const declarations = (await readdir(join(packageRoot, 'dist'))).filter((f) => /\.d\.c?ts$/.test(f));
    expect(declarations.length).toBeGreaterThan(0);
    for (const file of declarations) {
      const text = await readFile(join(packageRoot, 'dist', file), 'utf8');
      const imports = [...text.matchAll(/^(?:import|export) (?:.* from )?['"]([^'"]+)['"]/gm)].map(
        (m) => m[1],
      );
      // The MCP entry's types are the MCP SDK's (an optional peer dependency); nothing else is imported.
      const allowed = (spec = '') =>
        spec.startsWith('./') || (file.startsWith('mcp.') && spec.startsWith('@modelcontextprotocol/sdk/'));
      expect(
        imports.filter((spec) => !allowed(spec)),
        file,
      ).toEqual([]);
    }
  });

  it.each(Object.keys(PROJECTS))('type-check in a %s consumer project', async (name) => {
    expect(await results[name]).toBe('');
  });
});

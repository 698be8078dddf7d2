// Every TypeScript snippet of the SDK README (and of the root README's SDK section) is type-checked
// against the SDK's sources, and its option, error and webhook-reason tables against the real types:
// no snippet or table may use an API that does not exist. Names a snippet takes from its
// surroundings (`client`, `messages`, an Express `app`…) come from the ambient preamble below.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractSnippets, parseTable, type Snippet } from './helpers/markdown.js';
import * as sdk from '../src/index.js';
import { README_GLOBALS } from './helpers/readme-globals.js';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(packageRoot, '../..');
const sdkReadme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
const rootReadme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

const snippets: Snippet[] = [
  ...extractSnippets(sdkReadme, 'packages/aigateway-js/README.md'),
  ...extractSnippets(rootReadme, 'README.md', 'The SDK in 30 seconds'),
];

const codeName = (cell = '') => /^`([^`:]+)/.exec(cell.trim())?.[1] ?? '';
const union = (names: string[]) => names.map((n) => JSON.stringify(n)).join(' | ');

/** Type assertions generated from the README's tables (each row is checked against the real types). */
function tableChecks(): string {
  const options = parseTable(sdkReadme, ['option', 'default', 'what it does']).map((row) => codeName(row[0]));
  const reasons = parseTable(sdkReadme, ['`reason`', 'what happened']).map((row) => codeName(row[0]));
  const errors = parseTable(sdkReadme, ['class', 'when', 'extra fields']);
  const lines = [
    "import type * as SDK from 'aigateway-js';",
    // Types a row may spell out (`job: Job | EvalRun | undefined`), by their public names.
    "import type { EvalRun, FailedEvalRun, FailedJob, Job, PartialStream } from 'aigateway-js';",
    'type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;',
    'function assert<T extends true>(): void {}',
    `assert<Equal<${union(options)}, keyof SDK.ClientOptions>>(); // the options table lists every option`,
    `assert<Equal<${union(reasons)}, SDK.WebhookVerificationErrorReason>>(); // every webhook reason`,
  ];
  for (const [cls = '', , extra = ''] of errors) {
    const name = codeName(cls);
    lines.push(`type _${name} = [typeof SDK.${name}, SDK.${name}]; // exported as a class`);
    // As the README says, all but the webhooks module's error are statics of the client.
    if (name !== 'WebhookVerificationError') {
      lines.push(`assert<Equal<typeof SDK.AIgateway.${name}, typeof SDK.${name}>>();`);
    }
    for (const field of extra.match(/`[^`]+`/g) ?? []) {
      const [key = '', type] = field
        .slice(1, -1)
        .split(/:(.*)/s)
        .map((s) => s.trim());
      lines.push(
        type
          ? `assert<Equal<SDK.${name}[${JSON.stringify(key)}], ${type}>>();`
          : `type _${name}_${key} = SDK.${name}[${JSON.stringify(key)}];`,
      );
    }
  }
  return `${lines.join('\n')}\nexport {};\n`;
}

/**
 * A type a snippet spells out (e.g. `type WebhookEvent = …`) documents the SDK's type of that name:
 * each must be assignable to the other.
 */
function documentedTypeChecks(code: string): string {
  return [...code.matchAll(/^(?:type|interface) (\w+)/gm)]
    .map(([, name]) => {
      const real = `import('aigateway-js').${name}`;
      return `declare const doc${name}: ${name};\ndeclare const real${name}: ${real};\nexport const check${name}: [${real}, ${name}] = [doc${name}, real${name}];\n`;
    })
    .join('');
}

interface Checked {
  snippet: Snippet;
  errors: string[];
}

/** Type-checks every snippet as its own module in one program; the SDK resolves to its sources. */
function typecheck(all: Snippet[]): Checked[] {
  const dir = join(packageRoot, 'test/.readme-snippets');
  const files = new Map<string, string>([[join(dir, 'globals.d.ts'), README_GLOBALS]]);
  const paths = all.map((snippet, i) => {
    const path = join(dir, `snippet-${i}.ts`);
    const checks = snippet.file.endsWith('(tables)') ? '' : documentedTypeChecks(snippet.code);
    files.set(path, `${snippet.code}\n${checks}export {};\n`);
    return path;
  });
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    moduleDetection: ts.ModuleDetectionKind.Force,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: ['node'],
    paths: {
      'aigateway-js': [join(packageRoot, 'src/index.ts')],
      'aigateway-js/webhooks': [join(packageRoot, 'src/webhooks/index.ts')],
      'aigateway-js/mcp': [join(packageRoot, 'src/mcp/index.ts')],
    },
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => files.has(file) || fileExists.call(host, file);
  host.readFile = (file) => files.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = files.get(file);
    return text === undefined
      ? getSourceFile.call(host, file, language, ...rest)
      : ts.createSourceFile(file, text, language, true);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const globals = program.getSourceFile(join(dir, 'globals.d.ts'));
  const preambleErrors = globals ? ts.getPreEmitDiagnostics(program, globals) : [];
  if (preambleErrors.length > 0)
    throw new Error(`The README preamble does not compile: ${format(preambleErrors[0])}`);
  return all.map((snippet, i) => {
    const source = program.getSourceFile(paths[i] ?? '');
    const diagnostics = source ? ts.getPreEmitDiagnostics(program, source) : [];
    return {
      snippet,
      errors: diagnostics.map((d) => {
        const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
        const text = d.file?.text.split('\n')[line]?.trim() ?? '';
        return `${snippet.file}:${snippet.line + line}: ${format(d)}\n    in: ${text}`;
      }),
    };
  });
}

function format(diagnostic: ts.Diagnostic | undefined): string {
  return diagnostic ? ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n') : '';
}

describe('README code samples and tables', () => {
  let results: Checked[];
  beforeAll(() => {
    const tables: Snippet = {
      file: 'packages/aigateway-js/README.md (tables)',
      line: 0,
      code: tableChecks(),
    };
    results = typecheck([...snippets, tables]);
  }, 120_000);

  it('finds the snippets', () => {
    expect(snippets.filter((s) => s.file === 'README.md').length).toBe(2);
    expect(snippets.length).toBeGreaterThan(30);
  });

  it('the errors table lists every error class the SDK exports', () => {
    const documented = parseTable(sdkReadme, ['class', 'when', 'extra fields']).map((row) =>
      codeName(row[0] ?? ''),
    );
    const exported = Object.keys(sdk).filter((name) => name.endsWith('Error'));
    // The two base classes are described in the paragraph above the table.
    expect([...documented, 'AIgatewayError', 'APIError'].sort()).toEqual(exported.sort());
    const classes = sdk as unknown as Record<string, abstract new (...args: never[]) => Error>;
    for (const name of documented) {
      const cls = classes[name];
      const isClientError = cls?.prototype instanceof sdk.AIgatewayError;
      expect(isClientError, `${name} extends AIgatewayError`).toBe(name !== 'WebhookVerificationError');
    }
  });

  it('every snippet type-checks against the SDK', () => {
    expect(results.flatMap((r) => r.errors)).toEqual([]);
  });
});

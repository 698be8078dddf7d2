// What each SDK call takes from the contract (the generated wire facts of `aigateway-contract`,
// bundled into the build): its path, and the input check of its body or query, derived from the
// operation's request schema. Nothing here restates a limit: change the contract, regenerate,
// and the checks follow. What runs locally and what is left to the gateway: README § Input checks.
import { API_PREFIX, type Operation, type OperationId, operations, patterns, schemas } from 'aigateway-contract';
import { type Check, type Schema, SchemaCompiler } from './checks.js';

let compiler: SchemaCompiler | undefined;
const compile = (schema: Schema): Check => {
  compiler ??= new SchemaCompiler(schemas);
  return compiler.compile(schema).check;
};

/** A check compiled on its first use, so that importing the SDK compiles nothing. */
function lazy(schema: () => Schema): Check {
  let check: Check | undefined;
  return (value, path, issues) => {
    check ??= compile(schema());
    check(value, path, issues);
  };
}

/** The operation's request body, checked against everything its schema states. */
function body(id: OperationId): Check {
  return lazy(() => {
    const name = operations[id].requestSchema;
    if (name === null) throw new Error(`aigateway-js: ${id} has no request body in the contract`);
    return schemas[name as keyof typeof schemas];
  });
}

/** The operation's query parameters; calling without any is fine when none is required. */
function query(id: OperationId): Check {
  const check = lazy(() => {
    const params: Operation['query'] = operations[id].query;
    return {
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
      required: params.filter((p) => p.required).map((p) => p.name),
    };
  });
  return (value, path, issues) => {
    if (value !== undefined) check(value, path, issues);
  };
}

/** Each operation's path under the base URL (which ends in the API prefix, `/v1`): `/videos/generations`. */
export const paths = Object.fromEntries(
  Object.entries(operations)
    .filter(([, op]) => op.path.startsWith(`${API_PREFIX}/`))
    .map(([id, op]) => [id, op.path.slice(API_PREFIX.length)]),
) as { readonly [K in OperationId]: string };

/**
 * The operation's path with its parameters filled in, each percent-encoded. A parameter may hold
 * `/` only where the contract says it is a path of several segments (`{model}`: `provider/name`;
 * `{path}` of a file), and then each segment is encoded on its own. `.` and `..` segments are
 * refused by the call's input check (`idParam`, `modelParam`, `filePathParam`) before anything is sent, so
 * that no value can climb out of its endpoint.
 */
export function pathTo(id: OperationId, params: { readonly [name: string]: string }): string {
  return paths[id].replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = String(params[name]);
    return MULTI_SEGMENT.has(name)
      ? value.split('/').map(encodeURIComponent).join('/')
      : encodeURIComponent(value);
  });
}

// openapi/README.md: `{model}` contains a `/` (sent unescaped), `{path}` is a relative file path.
const MULTI_SEGMENT = new Set(['model', 'path']);

const DOT_SEGMENT = /^\.{1,2}$/;

/** A path parameter of one segment (an id): a non-empty string other than `.` and `..`. */
function segment(name: string): Check {
  return (value, _, issues) => {
    if (typeof value !== 'string' || value === '') {
      issues.push({
        path: name,
        message: `must be a non-empty string, got ${JSON.stringify(value) ?? 'undefined'}`,
      });
    } else if (DOT_SEGMENT.test(value)) {
      issues.push({ path: name, message: `must not be "${value}": an id is never a relative path segment` });
    }
  };
}

/** The `{id}` of a job, sub-account or eval run. */
export const idParam: Check = segment('id');

/** `{model}`: a slug of several segments (`provider/name`), none empty, `.` or `..`. */
export const modelParam: Check = (value, path, issues) => {
  if (typeof value !== 'string' || value === '') segment('model')(value, path, issues);
  else if (value.split('/').some((part) => part === '' || DOT_SEGMENT.test(part))) {
    issues.push({
      path: 'model',
      message: `must not have empty, "." or ".." segments, got ${JSON.stringify(value)}`,
    });
  }
};

/** A file's URL (`files.download`): without a `user:password@` part, which fetch would quote in its errors. */
export const fileURL: Check = (value, _, issues) => {
  if (/^[a-z][a-z\d+.-]*:\/\/[^/?#]*@/i.test(String(value))) {
    issues.push({ path: 'url', message: 'must not hold a user name or password (`user:password@`)' });
  }
};

/** `{path}` of a stored file (`jobs/job_abc/video.mp4`): the contract's `FilePath` (no `.`/`..` segments). */
export const filePathParam: Check = (value, _, issues) => filePath(value, 'path', issues);
const filePath: Check = lazy(() => ({ type: 'string', pattern: patterns.filePath, maxLength: 1024 }));

export const chatSchema: Check = body('createChatCompletion');
export const embeddingSchema: Check = body('createEmbedding');
export const imageSchema: Check = body('createImage');
export const speechSchema: Check = body('createSpeech');
export const transcriptionSchema: Check = body('createTranscription');
export const moderationSchema: Check = body('createModeration');
export const translationSchema: Check = body('createTranslation');
export const classificationSchema: Check = body('createClassification');
export const ocrSchema: Check = body('createOcr');
export const detectionSchema: Check = body('createDetection');
export const rerankSchema: Check = body('createRerank');
export const videoSchema: Check = body('createVideoGeneration');
export const musicSchema: Check = body('createMusicGeneration');
export const threeDSchema: Check = body('createThreeDGeneration');
export const subAccountCreateSchema: Check = body('createSubAccount');
export const subAccountUpdateSchema: Check = body('updateSubAccount');
export const subAccountListSchema: Check = query('listSubAccounts');
export const evalCreateSchema: Check = body('createEval');
export const evalListSchema: Check = query('listEvals');
export const replaySchema: Check = body('createReplay');
export const usageSchema: Check = query('retrieveUsageByTag');
export const signedUrlSchema: Check = body('createSignedUrl');

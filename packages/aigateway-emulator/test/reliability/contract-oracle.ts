// An oracle built from the contract alone, independent of the emulator's own validation code:
// ajv set up as openapi/README.md describes ("Using the contract from code"), request schemas and
// declared responses looked up by JSON pointer.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import contractJson from '../../src/generated/contract.json';
import type { Schema } from './schema-arbitrary.js';

type Node = { [key: string]: unknown };
const contract = contractJson as unknown as Node & { paths: Record<string, Record<string, Node>> };

const ajv = new Ajv2020({ strict: true, strictRequired: false, strictTypes: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('binary', true);
ajv.addVocabulary([
  'discriminator',
  'example',
  'openapi',
  'info',
  'servers',
  'security',
  'tags',
  'paths',
  'webhooks',
  'components',
  'x-aig-status',
]);
ajv.addSchema({ ...contract, $id: 'aigateway' });

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** The contract node at a JSON pointer, following `$ref`s at the end, and the pointer it ends at. */
function locate(pointer: string): { node: Node; pointer: string } {
  let node: unknown = contract;
  for (const raw of pointer.replace(/^#\//, '').split('/')) {
    node = (node as Node | undefined)?.[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  const ref = (node as Node | undefined)?.$ref;
  return typeof ref === 'string' ? locate(ref) : { node: node as Node, pointer };
}

const validators = new Map<string, ValidateFunction>();
function validator(pointer: string): ValidateFunction {
  let fn = validators.get(pointer);
  if (!fn) {
    fn = ajv.getSchema(`aigateway${pointer}`);
    if (!fn) throw new Error(`no schema at ${pointer}`);
    validators.set(pointer, fn);
  }
  return fn;
}

/** An operation of the contract with a JSON request body. */
export interface JsonOperation {
  method: string;
  path: string;
  /** JSON pointer of the request body schema. */
  pointer: string;
  schema: Schema;
}

export function jsonOperations(): JsonOperation[] {
  const out: JsonOperation[] = [];
  for (const [path, item] of Object.entries(contract.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation.requestBody) continue;
      const body = locate(`#/paths/${escapePointer(path)}/${method}/requestBody`);
      const content = body.node.content as Record<string, Node> | undefined;
      if (!content?.['application/json']) continue;
      const pointer = `${body.pointer}/content/application~1json/schema`;
      out.push({ method: method.toUpperCase(), path, pointer, schema: locate(pointer).node as Schema });
    }
  }
  return out;
}

/** Whether `body` satisfies the operation's request schema. */
export function isValidRequest(operation: JsonOperation, body: unknown): boolean {
  return validator(operation.pointer)(body) as boolean;
}

/**
 * Checks a response against what the contract declares for the operation: the status is declared,
 * the media type too, and a JSON body validates. Returns the problem, or undefined.
 */
export function checkDeclared(
  operation: Pick<JsonOperation, 'method' | 'path'>,
  status: number,
  contentType: string,
  body: unknown,
): string | undefined {
  const base = `#/paths/${escapePointer(operation.path)}/${operation.method.toLowerCase()}/responses`;
  const responses = locate(base).node;
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
  if (!key) return `status ${status} is not declared`;
  const declared = locate(`${base}/${key}`);
  const content = declared.node.content as Record<string, Node> | undefined;
  if (!content) return contentType === '' ? undefined : `status ${status} declares no body`;
  if (!content[contentType]) return `${contentType || 'no content type'} is not declared for ${status}`;
  if (contentType !== 'application/json') return undefined;
  const validate = validator(`${declared.pointer}/content/${escapePointer(contentType)}/schema`);
  return validate(body) ? undefined : ajv.errorsText(validate.errors);
}

/** The schema at a JSON pointer (e.g. `#/components/schemas/ChatMessage`), `$ref`s followed. */
export const schemaAt = (pointer: string): Schema => locate(pointer).node as Schema;

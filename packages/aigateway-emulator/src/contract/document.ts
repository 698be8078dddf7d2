import contractJson from '../generated/contract.json';

/** The parts of the OpenAPI document the emulator reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** `openapi/aigateway.yaml` as JSON, written by `pnpm generate`. */
export const contract: OpenApiDocument = contractJson;

export const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** Follows `$ref`s between OpenAPI objects (request bodies, responses); returns the object and its JSON pointer. */
export function resolve(pointer: string): { value: Record<string, unknown> | undefined; pointer: string } {
  let current = pointer;
  for (let hops = 0; hops < 8; hops++) {
    let value: unknown = contract;
    for (const raw of current.replace(/^#\//, '').split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
    if (value && typeof value === 'object' && typeof (value as { $ref?: unknown }).$ref === 'string') {
      current = (value as { $ref: string }).$ref;
      continue;
    }
    return { value: value as Record<string, unknown> | undefined, pointer: current };
  }
  return { value: undefined, pointer: current };
}

/** JSON pointer of an operation's request body schema for `contentType`, if the contract has one. */
export function requestSchemaPointer(method: string, path: string, contentType: string): string | undefined {
  const body = resolve(`#/paths/${escapePointer(path)}/${method}/requestBody`);
  const content = body.value?.content as Record<string, unknown> | undefined;
  if (!content?.[contentType]) return undefined;
  return `${body.pointer}/content/${escapePointer(contentType)}/schema`;
}

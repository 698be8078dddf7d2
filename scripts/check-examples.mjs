#!/usr/bin/env node
// Checks what Redocly does not (run by `pnpm lint:spec` after `redocly lint`):
// - every `example` / `examples` in openapi/aigateway.yaml validates against its schema with
//   ajv (JSON Schema 2020-12, strict) and uses only documented properties;
// - a `text/event-stream` example is one parsed event (`event`, `data`) and validates against the
//   media type's per-event schema, its JSON `data` included (`contentMediaType:
//   application/json` + `contentSchema`, checked here as Schemathesis checks a live stream);
// - an MCP tool error in an example (a JSON-RPC `result` with `isError: true`) carries an
//   `ErrorEnvelope` in `structuredContent`, as the /mcp description promises;
// - the contract's conventions hold: every operation has an example, every /v1 POST takes
//   `Idempotency-Key`, every response in `paths` declares `X-Request-Id`, every component is
//   reachable from `paths` or `webhooks` (except the Known*Model enums, which exist for the SDK).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// ajv is a dependency of the emulator (which validates requests against the contract); borrow
// it from there rather than adding a second copy to the workspace root.
const require = createRequire(join(root, 'packages/aigateway-emulator/package.json'));
const Ajv2020 = require('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats').default;

const file = process.argv[2] ?? join(root, 'openapi/aigateway.yaml');
const doc = parse(await readFile(file, 'utf8'));
const base = 'https://api.aigateway.sh/openapi.json';
const ajv = new Ajv2020({ strict: true, strictRequired: false, strictTypes: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('binary', true);
ajv.addVocabulary(['discriminator', 'example', 'xml', 'externalDocs', 'x-aig-status']);
// The document itself is registered as a schema so that `#/components/...` refs resolve; its
// top-level OpenAPI fields are inert keywords, compiled only where a `$ref` points into them.
ajv.addVocabulary(['openapi', 'info', 'servers', 'security', 'tags', 'paths', 'webhooks', 'components']);
ajv.addSchema({ ...doc, $id: base });

/** The schema with its document-relative `$ref`s made absolute, to compile it on its own. */
const rebase = (node) =>
  Array.isArray(node)
    ? node.map(rebase)
    : node && typeof node === 'object'
      ? Object.fromEntries(
          Object.entries(node).map(([k, v]) => [
            k,
            k === '$ref' && v.startsWith('#') ? `${base}${v}` : rebase(v),
          ]),
        )
      : node;
// Ajv treats JSON Schema's content keywords as annotations. The event-stream schemas carry their
// payload's schema in `contentSchema` (with `contentMediaType: application/json`), so check it.
ajv.removeKeyword('contentSchema');
ajv.addKeyword({
  keyword: 'contentSchema',
  schemaType: ['object', 'boolean'],
  errors: true,
  compile(schema, parent) {
    if (parent.contentMediaType !== 'application/json') return () => true;
    const inner = ajv.compile(rebase(schema));
    const check = (data) => {
      let value;
      try {
        value = JSON.parse(data);
      } catch (error) {
        check.errors = [{ keyword: 'contentSchema', message: `is not JSON (${error.message})`, params: {} }];
        return false;
      }
      if (inner(value)) return true;
      check.errors = inner.errors.map((e) => ({
        ...e,
        message: `(JSON content ${e.instancePath || '/'}) ${e.message}`,
      }));
      return false;
    };
    return check;
  },
});

const problems = [];
const pointer = (path) =>
  `#/${path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
const at = (ref) =>
  ref
    .slice(2)
    .split('/')
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((node, key) => node?.[key], doc);

function validate(value, schemaRef, where) {
  const check = ajv.getSchema(`${base}${schemaRef}`) ?? ajv.compile({ $ref: `${base}${schemaRef}` });
  if (!check(value)) {
    for (const e of check.errors ?? []) problems.push(`${where}: ${e.instancePath || '(root)'} ${e.message}`);
    return;
  }
  for (const extra of undocumented(value, [at(schemaRef)], ''))
    problems.push(`${where}: undocumented ${extra}`);
}

/** Flattens $ref / allOf / anyOf / oneOf into the plain schemas a value may be checked against. */
function branches(schemas) {
  const out = [];
  for (let s of schemas) {
    if (!s || typeof s !== 'object') continue;
    if (s.$ref) s = at(s.$ref);
    out.push(s);
    out.push(...branches([...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])]));
  }
  return out;
}

/** Property paths present in `value` that no schema branch documents (free-form maps excepted). */
function undocumented(value, schemas, path) {
  const all = branches(schemas);
  if (Array.isArray(value)) {
    return value.flatMap((item, i) =>
      undocumented(
        item,
        all.map((s) => s.items),
        `${path}[${i}]`,
      ),
    );
  }
  if (value === null || typeof value !== 'object') return [];
  const objects = all.filter((s) => s.properties || s.additionalProperties);
  // `additionalProperties: true` or a schema marks a free-form map (a JSON Schema, a replayed body).
  const freeForm = (s) => s.additionalProperties === true || typeof s.additionalProperties === 'object';
  if (objects.length === 0 || objects.some(freeForm)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const childSchemas = objects.map((s) => s.properties?.[key]).filter(Boolean);
    const here = path ? `${path}.${key}` : key;
    return childSchemas.length === 0 ? [here] : undocumented(child, childSchemas, here);
  });
}

/** `result` of a JSON-RPC message is free-form in the schema; a tool error's envelope is not. */
function checkToolErrors(value, where) {
  for (const message of Array.isArray(value) ? value : [value]) {
    if (message?.jsonrpc !== '2.0' || message.result?.isError !== true) continue;
    validate(message.result.structuredContent, '#/components/schemas/ErrorEnvelope', `${where} (tool error)`);
  }
}

/** Walks the whole document; anything with a `schema` and examples, or a schema with `examples`. */
function walk(node, path) {
  if (!node || typeof node !== 'object') return;
  if (node.schema && (node.example !== undefined || node.examples)) {
    const schemaRef = node.schema.$ref ?? pointer([...path, 'schema']);
    const samples = node.example !== undefined ? { example: { value: node.example } } : node.examples;
    for (const [name, sample] of Object.entries(samples)) {
      const example = sample.$ref ? at(sample.$ref) : sample;
      const where = `${pointer(path)} example "${name}"`;
      validate(example.value, schemaRef, where);
      checkToolErrors(example.value, where);
      // An event-stream example is one parsed event; its `data` may be a JSON-RPC message.
      const data = path.at(-1) === 'text/event-stream' ? example.value?.data : undefined;
      if (typeof data === 'string' && data.startsWith('{')) checkToolErrors(JSON.parse(data), where);
    }
  }
  if (Array.isArray(node.examples) && (node.type || node.$ref || node.anyOf || node.oneOf || node.allOf)) {
    for (const [i, value] of node.examples.entries()) {
      validate(value, pointer(path), `${pointer(path)} examples[${i}]`);
    }
  }
  for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
}
walk(doc, []);

const methods = ['get', 'put', 'post', 'patch', 'delete'];
const operations = [doc.paths, doc.webhooks].flatMap((items) =>
  Object.entries(items).flatMap(([route, item]) =>
    methods.filter((m) => item[m]).map((m) => ({ route, method: m, op: item[m], item })),
  ),
);
for (const { route, method, op, item } of operations) {
  const name = `${method.toUpperCase()} ${route}`;
  const params = [...(item.parameters ?? []), ...(op.parameters ?? [])];
  if (
    !JSON.stringify([op.requestBody, op.responses, params.map((p) => (p.$ref ? at(p.$ref) : p))]).includes(
      '"example',
    )
  ) {
    problems.push(`${name}: no example`);
  }
  const refs = params.map((p) => p.$ref);
  if (
    method === 'post' &&
    route.startsWith('/v1/') &&
    !refs.includes('#/components/parameters/IdempotencyKey')
  ) {
    problems.push(`${name}: missing Idempotency-Key`);
  }
  if (!doc.paths[route]) continue;
  for (const [status, response] of Object.entries(op.responses)) {
    const resolved = response.$ref ? at(response.$ref) : response;
    if (!resolved.headers?.['X-Request-Id']) problems.push(`${name} ${status}: missing X-Request-Id`);
  }
}

// A component is used when a `$ref` chain from `paths` or `webhooks` reaches it (one referenced only
// by an unused component is unused too).
const refs = new Set();
const reach = (node) => {
  if (!node || typeof node !== 'object') return;
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/components/') && !refs.has(node.$ref)) {
    refs.add(node.$ref);
    reach(at(node.$ref));
  }
  for (const child of Object.values(node)) reach(child);
};
reach([doc.paths, doc.webhooks]);
for (const [kind, entries] of Object.entries(doc.components)) {
  if (kind === 'securitySchemes') continue;
  for (const key of Object.keys(entries)) {
    const unused = !refs.has(`#/components/${kind}/${key}`);
    if (unused && !(kind === 'schemas' && key.startsWith('Known')))
      problems.push(`components.${kind}.${key} is unused`);
  }
}

if (problems.length > 0) {
  console.error(`${file}: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`${file}: ${operations.length} operations; every example validates.`);

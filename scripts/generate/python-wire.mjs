// Emits packages/aigateway-py/src/aigateway/_wire.py from the contract's wire facts (the same
// facts as packages/aigateway-contract/generated/wire.json, from scripts/generate/wire-facts.mjs):
// the Python SDK reads paths, the error table, header rules and request limits from here, never
// from a literal typed again in the package.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { extractWireFacts } from './wire-facts.mjs';

// Any JSON value as a Python literal (JSON strings and numbers are valid Python).
const py = (value) => {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value)) return `[${value.map(py).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${py(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
};

const LIMIT_KEYS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'pattern',
  'enum',
  'maxProperties',
  'uniqueItems',
];

// The limits of a request field: its JSON types and every constraint the contract states. A field
// that is one of several shapes (anyOf / oneOf) keeps each alternative, checked as a whole.
function limitsOf(schema, defs, depth = 0) {
  let s = schema;
  while (s?.$ref) s = defs[s.$ref.split('/').pop()];
  if (!s || typeof s !== 'object') return {};
  const out = {};
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) {
    const resolved = alternatives.map((alt) => (alt.$ref ? defs[alt.$ref.split('/').pop()] : alt));
    const real = resolved.filter((alt) => alt?.type !== 'null');
    if (real.length !== resolved.length) out.nullable = true;
    if (real.length === 1) return { ...limitsOf(real[0], defs, depth), ...out };
    out.anyOf = real.map((alt) => limitsOf(alt, defs, depth));
    return out;
  }
  for (const k of LIMIT_KEYS) if (s[k] !== undefined) out[k] = s[k];
  if (s.const !== undefined) out.enum = [s.const];
  const types = [s.type ?? []].flat();
  if (types.includes('null')) out.nullable = true;
  if (types.some((t) => t !== 'null')) out.types = types.filter((t) => t !== 'null');
  if (s.propertyNames?.maxLength !== undefined) out.maxKeyLength = s.propertyNames.maxLength;
  if (s.items && depth < 1) out.items = limitsOf(s.items, defs, depth + 1);
  if (s.additionalProperties && typeof s.additionalProperties === 'object' && depth < 1)
    out.values = limitsOf(s.additionalProperties, defs, depth + 1);
  return out;
}

export function pythonWire(root, header) {
  const contract = parse(readFileSync(join(root, 'openapi/aigateway.yaml'), 'utf8'));
  const facts = extractWireFacts(contract);
  const prefix = facts.apiPrefix;
  const lines = [
    header,
    '"""Wire facts from the API contract (packages/aigateway-contract), read by the SDK core and resources."""',
    '',
    'from __future__ import annotations',
    '',
    'from typing import Final',
    '',
    `CONTRACT_VERSION: Final = ${py(facts.contractVersion)}`,
    `DEFAULT_BASE_URL: Final = ${py(facts.defaultBaseUrl)}`,
    '"""The hosted API root."""',
    `MCP_PATH: Final = ${py(facts.mcpPath)}`,
    '',
    'OPERATIONS: Final[dict[str, tuple[str, str]]] = {',
    '    # operationId: (method, path under the base URL; `{name}` is a path parameter)',
  ];
  for (const [id, op] of Object.entries(facts.operations)) {
    if (op.path.startsWith(`${prefix}/`))
      lines.push(`    ${py(id)}: (${py(op.method)}, ${py(op.path.slice(prefix.length))}),`);
  }
  lines.push('}', '');
  lines.push(
    `ASYNC_OPERATIONS: Final = frozenset(${py(Object.keys(facts.operations).filter((id) => facts.operations[id].async))})`,
  );
  lines.push('"""Operations answered 202 with a job."""', '');
  lines.push('ERROR_CODES: Final[dict[str, tuple[int, str]]] = {');
  lines.push('    # envelope code: (HTTP status, envelope type)');
  for (const [code, e] of Object.entries(facts.errors.codes))
    lines.push(`    ${py(code)}: (${e.status}, ${py(e.type)}),`);
  lines.push('}', '');
  lines.push('STATUS_BY_ERROR_TYPE: Final[dict[str, int]] = {');
  lines.push('    # the status an envelope type stands for, for errors sent mid-stream (after a 200)');
  for (const [type, e] of Object.entries(facts.errors.types))
    lines.push(`    ${py(type)}: ${e.statuses[0]},`);
  lines.push('}', '');
  const h = facts.headers;
  lines.push(`TAG_HEADER: Final = ${py(h.tag.name)}`);
  lines.push(`TAG_PATTERN: Final = ${py(h.tag.pattern)}`);
  lines.push(`BYOK_HEADER_PREFIX: Final = ${py(h.byok.prefix)}`);
  lines.push(`BYOK_PROVIDER_PATTERN: Final = ${py(h.byok.providerPattern)}`);
  lines.push(`IDEMPOTENCY_KEY_HEADER: Final = ${py(h.idempotencyKey.name)}`);
  lines.push(`IDEMPOTENCY_KEY_PATTERN: Final = ${py(h.idempotencyKey.pattern)}`);
  lines.push(`IDEMPOTENCY_KEY_MIN_LENGTH: Final = ${h.idempotencyKey.minLength}`);
  lines.push(`IDEMPOTENCY_KEY_MAX_LENGTH: Final = ${h.idempotencyKey.maxLength}`);
  lines.push(`REQUEST_ID_HEADER: Final = ${py(h.requestId.name.toLowerCase())}`);
  lines.push(`DEPRECATION_HEADER: Final = ${py(h.deprecation.name.toLowerCase())}`);
  lines.push(`SUNSET_HEADER: Final = ${py(h.sunset.name.toLowerCase())}`);
  lines.push(`LINK_HEADER: Final = ${py(h.successorLink.name.toLowerCase())}`);
  lines.push(`SUCCESSOR_REL: Final = ${py(h.successorLink.rel)}`);
  lines.push(`MODEL_SLUG_PATTERN: Final = ${py(facts.patterns.modelSlug)}`);
  lines.push(`FILE_PATH_PATTERN: Final = ${py(facts.patterns.filePath)}`);
  lines.push(`WEBHOOK_EVENTS: Final = ${py(facts.webhookEvents)}`, '');
  lines.push('REQUEST_LIMITS: Final[dict[str, dict[str, object]]] = {');
  lines.push(
    '    # operationId: {"required": [...], "fields": {name: JSON Schema limits of the top-level field}}',
  );
  for (const [id, op] of Object.entries(facts.operations)) {
    const schema = op.requestSchema ? facts.schemas[op.requestSchema] : undefined;
    const fields = {};
    for (const [name, prop] of Object.entries(schema?.properties ?? {}))
      fields[name] = limitsOf(prop, facts.schemas);
    for (const q of op.query ?? []) if (q.schema) fields[q.name] = limitsOf(q.schema, facts.schemas);
    if (Object.keys(fields).length)
      lines.push(`    ${py(id)}: ${py({ required: schema?.required ?? [], fields })},`);
  }
  lines.push('}', '');
  lines.push(`MCP_TOOLS: Final = ${py(facts.mcpTools.map((t) => t.name))}`, '');
  // Ranges of a job snapshot's fields, checked on verified webhook payloads (the response models
  // are lenient; an authentic payload out of range is still refused, as aigateway-js does).
  const schemas = contract.components.schemas;
  const job = {};
  for (const [name, prop] of Object.entries(schemas.Job.properties)) job[name] = limitsOf(prop, schemas, 0);
  for (const [name, prop] of Object.entries(schemas.JobResult.properties))
    job[`result.${name}`] = limitsOf(prop, schemas, 0);
  const numeric = Object.fromEntries(
    Object.entries(job)
      .map(([k, v]) => [
        k,
        Object.fromEntries(Object.entries(v).filter(([key]) => ['minimum', 'maximum'].includes(key))),
      ])
      .filter(([, v]) => Object.keys(v).length),
  );
  lines.push(`JOB_FIELD_RANGES: Final[dict[str, dict[str, float]]] = ${py(numeric)}`, '');
  return lines.join('\n');
}

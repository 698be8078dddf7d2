// Emits packages/aigateway-py/src/aigateway/_wire.py: the wire facts the Python SDK reads (never a
// literal typed again in the package). Facts come from openapi/aigateway.yaml.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const py = (value) => JSON.stringify(value); // JSON strings and numbers are valid Python literals
// Any JSON value as a Python literal.
const pyValue = (value) => {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value)) return `[${value.map(pyValue).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${py(k)}: ${pyValue(v)}`)
      .join(', ')}}`;
  return py(value);
};

function facts(root) {
  const spec = parse(readFileSync(join(root, 'openapi/aigateway.yaml'), 'utf8'));
  const server = spec.servers[0].url.replace(/\/+$/, '');
  const operations = [];
  const errors = new Map(); // status -> { type, codes:Set }
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !op.operationId) continue;
      const ok = Object.keys(op.responses ?? {}).find((s) => /^2/.test(s));
      const okContent = Object.keys(op.responses?.[ok]?.content ?? {});
      const reqContent = Object.keys(op.requestBody?.content ?? {});
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path: path.startsWith('/v1/') ? path.slice(3) : path,
        versioned: path.startsWith('/v1/'),
        async: ok === '202',
        requestContentTypes: reqContent,
        responseContentTypes: okContent,
      });
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (Number(status) < 400) continue;
        const ref = response.$ref?.split('/').pop();
        const resolved = ref ? spec.components.responses[ref] : response;
        for (const media of Object.values(resolved?.content ?? {})) {
          for (const ex of Object.values(media.examples ?? {})) {
            const err = ex.value?.error;
            if (!err?.type || typeof err.code !== 'string') continue;
            const entry = errors.get(Number(status)) ?? { types: new Set(), codes: new Set() };
            entry.types.add(err.type);
            entry.codes.add(err.code);
            errors.set(Number(status), entry);
          }
        }
      }
    }
  }
  const limits = {};
  const resolve = (schema) => (schema?.$ref ? spec.components.schemas[schema.$ref.split('/').pop()] : schema);
  const KEYS = [
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
  ];
  const limitsOf = (schema) => {
    const merged = {};
    const walk = (s) => {
      s = resolve(s);
      if (!s || typeof s !== 'object') return;
      for (const k of KEYS) if (s[k] !== undefined && merged[k] === undefined) merged[k] = s[k];
      if (s.type && merged.type === undefined) merged.type = s.type;
      for (const alt of s.anyOf ?? s.oneOf ?? []) if (resolve(alt)?.type !== 'null') walk(alt);
      if (s.items && merged.items === undefined) merged.items = limitsOf(s.items);
      if (s.additionalProperties && typeof s.additionalProperties === 'object')
        merged.values = limitsOf(s.additionalProperties);
    };
    walk(schema);
    return merged;
  };
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const op of Object.values(item)) {
      if (!op?.operationId || !path.startsWith('/v1/')) continue;
      const fields = {};
      const required = [];
      const media =
        op.requestBody?.content?.['application/json'] ?? op.requestBody?.content?.['multipart/form-data'];
      const body = resolve(media?.schema);
      for (const [name, prop] of Object.entries(body?.properties ?? {})) fields[name] = limitsOf(prop);
      required.push(...(body?.required ?? []));
      for (const param of op.parameters ?? []) {
        const p = param.$ref ? spec.components.parameters[param.$ref.split('/').pop()] : param;
        if (p.in === 'query') fields[p.name] = limitsOf(p.schema);
      }
      for (const f of Object.values(fields))
        for (const k of Object.keys(f)) if (f[k] === undefined) delete f[k];
      if (Object.keys(fields).length) limits[op.operationId] = { required, fields };
    }
  }
  const params = spec.components.parameters;
  const idem = params.IdempotencyKey.schema;
  const tag = spec.components.schemas.Tag;
  return { server, operations, errors, idem, tag, limits };
}

export function pythonWire(root, header) {
  const { server, operations, errors, idem, tag, limits } = facts(root);
  const lines = [
    header,
    '"""Wire facts from the API contract, read by the SDK core and resources."""',
    '',
    'from __future__ import annotations',
    '',
    'from typing import Final',
    '',
  ];
  lines.push(`DEFAULT_BASE_URL: Final = ${py(`${server}/v1`)}`);
  lines.push('"""The hosted API root."""', '');
  lines.push('OPERATIONS: Final[dict[str, tuple[str, str]]] = {');
  lines.push('    # operationId: (method, path under the base URL; `{name}` is a path parameter)');
  for (const op of operations.filter((o) => o.versioned))
    lines.push(`    ${py(op.operationId)}: (${py(op.method)}, ${py(op.path)}),`);
  lines.push('}', '');
  lines.push('ASYNC_OPERATIONS: Final[frozenset[str]] = frozenset({');
  for (const op of operations.filter((o) => o.async)) lines.push(`    ${py(op.operationId)},`);
  lines.push('})', '"""Operations answered 202 with a job."""', '');
  lines.push(
    'MCP_PATH: Final = ' + py(operations.find((o) => o.operationId === 'postMcpMessage')?.path ?? '/mcp'),
    '',
  );
  lines.push('ERRORS: Final[dict[int, tuple[tuple[str, ...], tuple[str, ...]]]] = {');
  lines.push('    # status: (envelope types, codes)');
  for (const status of [...errors.keys()].sort((a, b) => a - b)) {
    const { types, codes } = errors.get(status);
    lines.push(
      `    ${status}: ((${[...types].sort().map(py).join(', ')},), (${[...codes].sort().map(py).join(', ')},)),`,
    );
  }
  lines.push('}', '');
  const statusByType = new Map();
  for (const status of [...errors.keys()].sort((a, b) => a - b)) {
    for (const type of errors.get(status).types) if (!statusByType.has(type)) statusByType.set(type, status);
  }
  lines.push('STATUS_BY_ERROR_TYPE: Final[dict[str, int]] = {');
  lines.push('    # the status an envelope type stands for, for errors sent mid-stream (after a 200)');
  for (const [type, status] of statusByType) lines.push(`    ${py(type)}: ${status},`);
  lines.push('}', '');
  lines.push(`TAG_PATTERN: Final = ${py(tag.pattern)}`);
  lines.push('"""`x-aig-tag`: 1–64 characters of `A-Z a-z 0-9 . _ : -`."""');
  lines.push(`TAG_HEADER: Final = "x-aig-tag"`);
  lines.push(`BYOK_HEADER_PREFIX: Final = "x-byok-"`);
  lines.push(`IDEMPOTENCY_KEY_HEADER: Final = "Idempotency-Key"`);
  lines.push(`IDEMPOTENCY_KEY_MIN_LENGTH: Final = ${idem.minLength}`);
  lines.push(`IDEMPOTENCY_KEY_MAX_LENGTH: Final = ${idem.maxLength}`);
  lines.push(`REQUEST_ID_HEADER: Final = "x-request-id"`, '');
  lines.push('REQUEST_LIMITS: Final[dict[str, dict[str, object]]] = {');
  lines.push(
    '    # operationId: {"required": [...], "fields": {name: JSON Schema limits of the top-level field}}',
  );
  for (const [id, entry] of Object.entries(limits)) lines.push(`    ${py(id)}: ${pyValue(entry)},`);
  lines.push('}');
  lines.push('');
  return `${lines.join('\n')}`;
}

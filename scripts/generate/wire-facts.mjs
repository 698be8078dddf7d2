// Extracts the wire facts every package needs from the parsed contract (openapi/aigateway.yaml)
// into one language-neutral object: operations, the error table, header rules, patterns, the
// request schemas' limits, MCP tools and the default base URL. Emitters (emit-ts.mjs, and one
// per other language) render this object; nothing here knows about a target language.

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'];
// Keywords a client needs to check a value; descriptions and examples are documentation.
const SCHEMA_KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'items',
  'prefixItems',
  'required',
  'properties',
  'additionalProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  '$ref',
  'default',
  'contentMediaType',
]);

/** `#/components/x/Name` → the object it points at. */
function resolvePointer(doc, ref) {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported: ${ref}`);
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = node?.[key];
    if (node === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  }
  return node;
}

const deref = (doc, node) =>
  node && typeof node.$ref === 'string' ? deref(doc, resolvePointer(doc, node.$ref)) : node;
const schemaName = (ref) => {
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  if (!match) throw new Error(`Schema $refs must point into components/schemas: ${ref}`);
  return match[1];
};

/**
 * A schema reduced to its checkable keywords, with `$ref`s rewritten to `#/$defs/<Name>` and
 * every referenced schema collected into `defs` (so the result is one self-contained document).
 */
function compact(doc, schema, defs) {
  if (Array.isArray(schema)) return schema.map((s) => compact(doc, s, defs));
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!SCHEMA_KEYWORDS.has(key)) continue;
    if (key === '$ref') {
      const name = schemaName(value);
      collect(doc, name, defs);
      out.$ref = `#/$defs/${name}`;
    } else if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([prop, sub]) => [prop, compact(doc, sub, defs)]),
      );
    } else if (
      ['items', 'additionalProperties', 'propertyNames', 'not', 'if', 'then', 'else'].includes(key)
    ) {
      out[key] = typeof value === 'object' ? compact(doc, value, defs) : value;
    } else if (['anyOf', 'oneOf', 'allOf', 'prefixItems'].includes(key)) {
      out[key] = value.map((sub) => compact(doc, sub, defs));
    } else {
      out[key] = value;
    }
  }
  return out;
}

function collect(doc, name, defs) {
  if (name in defs) return;
  defs[name] = null; // reserve first: schemas may be recursive
  defs[name] = compact(doc, doc.components.schemas[name], defs);
}

/** The schema, with every `$ref` inlined (for MCP inputSchema, which must be self-contained). */
function inline(doc, schema) {
  if (Array.isArray(schema)) return schema.map((s) => inline(doc, s));
  if (schema === null || typeof schema !== 'object') return schema;
  if (typeof schema.$ref === 'string') return inline(doc, resolvePointer(doc, schema.$ref));
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'examples' || key === 'example' || key.startsWith('x-')) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value).map(([p, s]) => [p, inline(doc, s)]));
    } else out[key] = typeof value === 'object' ? inline(doc, value) : value;
  }
  return out;
}

function parameterFacts(doc, params = []) {
  return params.map((p) => deref(doc, p));
}

function operationFacts(doc, path, method, op, pathItem, defs) {
  const params = parameterFacts(doc, [...(pathItem.parameters ?? []), ...(op.parameters ?? [])]);
  const body = deref(doc, op.requestBody);
  const requestContentTypes = body ? Object.keys(body.content) : [];
  const bodySchemas = [
    ...new Set(
      requestContentTypes
        .map((type) => body.content[type].schema?.$ref)
        .filter(Boolean)
        .map(schemaName),
    ),
  ];
  for (const name of bodySchemas) collect(doc, name, defs);
  const statuses = Object.keys(op.responses ?? {})
    .map(Number)
    .sort((a, b) => a - b);
  const success = statuses.filter((s) => s >= 200 && s < 300);
  const successStatus = success[0] ?? null;
  const successResponse = successStatus ? deref(doc, op.responses[String(successStatus)]) : undefined;
  const responseContentTypes = Object.keys(successResponse?.content ?? {});
  const responseSchemaRef = responseContentTypes
    .map((type) => successResponse.content[type].schema?.$ref)
    .find((ref) => typeof ref === 'string');
  const paramFacts = (where) =>
    params
      .filter((p) => p.in === where)
      .map((p) => ({
        name: p.name,
        required: p.required === true,
        schema: compact(doc, p.schema ?? {}, defs),
      }));
  return {
    method: method.toUpperCase(),
    path,
    pathParams: paramFacts('path').map((p) => p.name),
    query: paramFacts('query'),
    headers: params.filter((p) => p.in === 'header').map((p) => p.name),
    requestContentTypes,
    requestSchema: bodySchemas[0] ?? null,
    requestBodyRequired: body?.required === true,
    successStatus,
    responseContentTypes,
    responseSchema: responseSchemaRef ? schemaName(responseSchemaRef) : null,
    errorStatuses: statuses.filter((s) => s >= 400),
    async: successStatus === 202 && responseSchemaRef === '#/components/schemas/Job',
    modality: op['x-aig-modality'] ?? null,
    tags: op.tags ?? [],
    security: (op.security ?? doc.security ?? []).flatMap((requirement) => Object.keys(requirement)),
  };
}

function errorFacts(doc) {
  const codeSchema = doc.components.schemas.ErrorCode;
  const status = codeSchema['x-aig-status'];
  if (!status) throw new Error('components.schemas.ErrorCode needs x-aig-status (code → HTTP status).');
  const types = doc.components.schemas.ErrorType.enum;
  // Each <Type>Error schema narrows `type` to one ErrorType and `code` to its codes.
  const typeOfCode = {};
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    const narrowed = schema.allOf?.find((part) => part.properties?.type?.const);
    if (!narrowed || schema.allOf[0]?.$ref !== '#/components/schemas/Error') continue;
    const type = narrowed.properties.type.const;
    const codes =
      narrowed.properties.code.const !== undefined
        ? [narrowed.properties.code.const]
        : narrowed.properties.code.enum;
    for (const code of codes) typeOfCode[code] = { type, schema: name };
  }
  const codes = {};
  for (const code of codeSchema.enum) {
    if (!(code in status)) throw new Error(`ErrorCode ${code} has no x-aig-status.`);
    if (!typeOfCode[code]) throw new Error(`ErrorCode ${code} belongs to no <Type>Error schema.`);
    codes[code] = { status: status[code], type: typeOfCode[code].type };
  }
  const byType = {};
  for (const type of types) {
    const mine = Object.entries(codes).filter(([, c]) => c.type === type);
    byType[type] = {
      statuses: [...new Set(mine.map(([, c]) => c.status))].sort((a, b) => a - b),
      codes: mine.map(([code]) => code),
    };
  }
  const byStatus = {};
  for (const [code, { status: s, type }] of Object.entries(codes)) {
    byStatus[s] ??= { type, codes: [] };
    byStatus[s].codes.push(code);
  }
  return { codes, types: byType, statuses: byStatus };
}

function stringRule(doc, schema) {
  const s = deref(doc, schema);
  const rule = {};
  for (const key of ['pattern', 'minLength', 'maxLength']) if (s[key] !== undefined) rule[key] = s[key];
  return rule;
}

/** The link relation a `Link` header's example carries (`rel="successor-version"`). */
function successorRel(header) {
  const rel = /rel="?([a-z-]+)"?/.exec(String(header.example ?? ''))?.[1];
  if (!rel) throw new Error('components.headers.SuccessorLink needs an example with rel="…".');
  return rel;
}

function headerFacts(doc) {
  const params = Object.values(doc.components.parameters).filter((p) => p.in === 'header');
  const named = (name) => {
    const p = params.find((param) => param.name.toLowerCase() === name.toLowerCase());
    if (!p) throw new Error(`No header parameter ${name} in components.parameters.`);
    return p;
  };
  const byok = params.filter((p) => p.name.startsWith('x-byok-'));
  const s = doc.components.schemas;
  const responseHeader = (key) => {
    const h = doc.components.headers[key];
    if (!h) throw new Error(`No components.headers.${key}.`);
    return h;
  };
  /** A documented response header's name (`components.headers.<key>` must exist). */
  const responseName = (key, name = key) => {
    responseHeader(key);
    return name;
  };
  return {
    tag: { name: named('x-aig-tag').name, ...stringRule(doc, named('x-aig-tag').schema) },
    byok: {
      prefix: 'x-byok-',
      providerPattern: s.ProviderSlug.pattern,
      ...stringRule(doc, byok[0].schema),
      documented: byok.map((p) => p.name),
    },
    idempotencyKey: {
      name: named('Idempotency-Key').name,
      ...stringRule(doc, named('Idempotency-Key').schema),
    },
    mcpSessionId: { name: named('Mcp-Session-Id').name },
    requestId: { name: 'X-Request-Id', ...stringRule(doc, responseHeader('XRequestId').schema) },
    retryAfter: { name: 'Retry-After' },
    idempotentReplayed: { name: 'Idempotent-Replayed' },
    // A deprecated model's responses (RFC 9745, RFC 8594, RFC 5829's successor-version relation).
    deprecation: { name: responseName('Deprecation'), pattern: responseHeader('Deprecation').schema.pattern },
    sunset: { name: responseName('Sunset') },
    successorLink: { name: responseName('SuccessorLink', 'Link'), rel: successorRel(responseHeader('SuccessorLink')) },
    webhook: Object.fromEntries(
      params
        .filter((p) => p.name.startsWith('x-aig-') && p.name !== 'x-aig-tag')
        .map((p) => [p.name, stringRule(doc, p.schema)]),
    ),
  };
}

function mcpFacts(doc) {
  const mcp = doc.paths['/mcp'];
  const tools = mcp?.['x-aig-mcp-tools'];
  if (!Array.isArray(tools)) throw new Error('paths./mcp needs x-aig-mcp-tools.');
  return tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    operationId: tool.operationId,
    inputSchema: inline(doc, tool.arguments),
  }));
}

/** Every wire fact of the contract, as plain JSON (sorted where order carries no meaning). */
export function extractWireFacts(doc) {
  const defs = {};
  const operations = {};
  for (const [path, pathItem] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = pathItem[method];
      if (!op) continue;
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId.`);
      operations[op.operationId] = operationFacts(doc, path, method, op, pathItem, defs);
    }
  }
  const modalities = {};
  for (const [id, op] of Object.entries(operations)) {
    if (!op.modality) continue;
    if (modalities[op.modality]) throw new Error(`Two operations for modality ${op.modality}.`);
    modalities[op.modality] = id;
  }
  const missing = doc.components.schemas.Modality.enum.filter((m) => !modalities[m]);
  if (missing.length) throw new Error(`No x-aig-modality operation for: ${missing.join(', ')}`);
  const server = doc.servers?.[0]?.url;
  const prefixes = new Set(
    Object.keys(doc.paths)
      .filter((p) => p.startsWith('/v'))
      .map((p) => p.split('/')[1]),
  );
  if (!server || prefixes.size !== 1) throw new Error('Expected one server URL and one /v<N> API prefix.');
  const apiPrefix = `/${[...prefixes][0]}`;
  const s = doc.components.schemas;
  for (const name of ['ApiKey', 'ModelSlug', 'ProviderSlug', 'Tag', 'RequestId']) collect(doc, name, defs);
  return {
    contractVersion: doc.info.version,
    defaultBaseUrl: `${server}${apiPrefix}`,
    apiPrefix,
    mcpPath: '/mcp',
    operations,
    modalities,
    errors: errorFacts(doc),
    headers: headerFacts(doc),
    patterns: {
      apiKey: s.ApiKey.pattern,
      modelSlug: s.ModelSlug.pattern,
      provider: s.ProviderSlug.pattern,
      tag: s.Tag.pattern,
      requestId: s.RequestId.pattern,
      jobId: s.JobId.pattern,
      filePath: s.FilePath.pattern,
    },
    webhookEvents: s.WebhookEventType.enum,
    mcpTools: mcpFacts(doc),
    schemas: Object.fromEntries(
      Object.keys(defs)
        .sort()
        .map((name) => [name, defs[name]]),
    ),
  };
}

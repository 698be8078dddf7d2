// Renders the capability map served as /llms.txt (https://llmstxt.org) from the contract and its
// wire facts: what a coding agent needs before writing a line — base URL, auth, one line per
// endpoint with an example model, the MCP tools, the error table and the headers. URLs use the
// contract's server; a server of its own (the emulator) swaps that origin for its own.

const METHODS = ['get', 'post', 'patch', 'put', 'delete'];

/** The `model` of an operation's first request example, if it has one. */
function exampleModel(op) {
  const content = op.requestBody?.content ?? {};
  for (const media of Object.values(content)) {
    const examples = [media.example, ...Object.values(media.examples ?? {}).map((e) => e?.value)];
    const model = examples.find((e) => e && typeof e.model === 'string')?.model;
    if (model) return model;
  }
  return undefined;
}

const firstSentence = (text) => (text ?? '').trim().split(/\n\n/)[0].replace(/\s+/g, ' ');

/**
 * @param {object} contract the parsed openapi/aigateway.yaml
 * @param {object} facts its wire facts (scripts/generate/wire-facts.mjs)
 * @returns {string} the llms.txt document
 */
export function renderLlmsTxt(contract, facts) {
  const origin = contract.servers[0].url;
  const base = facts.defaultBaseUrl;
  const lines = [];
  lines.push(`# ${contract.info.title}`, '', `> ${contract.info.summary}`, '');
  lines.push(
    firstSentence(contract.info.description),
    '',
    `- Base URL: ${base}`,
    '- Auth: `Authorization: Bearer sk-aig-...` (sub-account keys `sk-aig-sub-...` work everywhere but sub-account management)',
    `- OpenAPI contract: ${origin}/openapi.json (read it before asking the user)`,
    `- Model catalog: ${base}/models`,
    `- MCP: ${origin}${facts.mcpPath} (Streamable HTTP), ${origin}${facts.mcpPath}/sse (legacy SSE)`,
    `- Errors: \`{"error": {"type", "code", "message", "request_id"}}\`; the message says what to do; quote \`X-Request-Id\` to support`,
    '',
  );

  const tagOrder = new Map((contract.tags ?? []).map((t, i) => [t.name, i]));
  const byTag = new Map();
  for (const [path, item] of Object.entries(contract.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op?.operationId || path.startsWith(facts.mcpPath)) continue;
      const tag = op.tags?.[0] ?? 'Other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ method: method.toUpperCase(), path, op });
    }
  }
  const tags = [...byTag.keys()].sort((a, b) => (tagOrder.get(a) ?? 99) - (tagOrder.get(b) ?? 99));
  lines.push('## Endpoints', '');
  for (const tag of tags) {
    for (const { method, path, op } of byTag.get(tag)) {
      const model = exampleModel(op);
      const fact = facts.operations[op.operationId];
      const notes = [
        fact?.async ? '202 with a job; poll GET /v1/jobs/{id} or pass webhook_url' : undefined,
        model ? `e.g. \`${model}\`` : undefined,
      ].filter(Boolean);
      const modality = fact?.modality ? ` [${fact.modality}]` : '';
      lines.push(
        `- ${method} ${path}${modality}: ${op.summary}${notes.length ? `; ${notes.join('; ')}` : ''}`,
      );
    }
  }
  lines.push('');

  lines.push(
    '## MCP tools',
    '',
    `One tool per capability at ${origin}${facts.mcpPath}, same bearer key:`,
    '',
  );
  for (const tool of facts.mcpTools) lines.push(`- \`${tool.name}\`: ${tool.description}`);
  lines.push('');

  lines.push('## Headers', '');
  lines.push(
    `- \`${facts.headers.tag.name}\`: cost tag per feature (\`${facts.headers.tag.pattern}\`); spend per tag at GET /v1/usage/by-tag`,
    `- \`${facts.headers.byok.prefix}<provider>\`: your own provider key for this request (metered at 5%)`,
    `- \`${facts.headers.idempotencyKey.name}\`: on any POST, replays the stored response for 24 h`,
    `- \`${facts.headers.requestId.name}\` (response): on every response; quote it to support`,
    `- Webhooks: \`x-aig-signature: t=<unix>,v1=<hex>\`, HMAC-SHA256 over \`\${t}.\${raw_body}\` with your webhook secret; events ${facts.webhookEvents.map((e) => `\`${e}\``).join(', ')}`,
    '',
  );

  lines.push('## Errors', '');
  const byStatus = new Map();
  for (const [code, { status, type }] of Object.entries(facts.errors.codes)) {
    const key = `${status} ${type}`;
    if (!byStatus.has(key)) byStatus.set(key, []);
    byStatus.get(key).push(code);
  }
  for (const [key, codes] of byStatus) lines.push(`- ${key}: ${codes.map((c) => `\`${c}\``).join(', ')}`);
  lines.push('');

  lines.push(
    '## Optional',
    '',
    `- [Reference](${contract.info.contact?.url ?? origin}): the full documentation`,
    `- [OpenAPI contract](${origin}/openapi.json): every field, limit and error`,
    '',
  );
  return lines.join('\n');
}

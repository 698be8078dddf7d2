// The gateway's error messages say what to do in HTTP terms ("raise it with PATCH /v1/sub-accounts/sa_…",
// "See GET /v1/models"), written for API users. The CLI's users act with aig commands, so advice naming an
// endpoint is rewritten to the command that does it, and messages the CLI builds itself name flags.
import { type Operation, type OperationId, operations } from 'aigateway-contract';

/** The aig command that does what an operation does; `id` is its path parameter when the message names one. */
type Command = (id: string, flag: string) => string;

const COMMAND_OF_OPERATION: Partial<Record<OperationId, Command>> = {
  updateSubAccount: (id, flag) => `aig sub-account update ${id || '<id>'}${flag}`,
  retrieveSubAccount: (id) => `aig sub-account get ${id || '<id>'}`,
  deleteSubAccount: (id) => `aig sub-account delete ${id || '<id>'}`,
  createSubAccount: () => 'aig sub-account create',
  listSubAccounts: () => 'aig sub-account list',
  retrieveModel: (id) => `aig models (model ${id || '<id>'})`,
  listModels: () => 'aig models',
  retrieveJob: (id) => `aig jobs get ${id || '<id>'}`,
  retrieveEval: (id) => `aig eval get ${id || '<id>'}`,
  createEval: () => 'aig eval run',
  createReplay: () => 'aig replay',
  retrieveUsageByTag: () => 'aig usage',
};

// A model slug holds / . : - and ends in a word character; other ids are word characters.
const ID_SHAPE: Readonly<Record<string, string>> = { model: '[A-Za-z0-9_./:-]+[A-Za-z0-9_]' };

/** `GET /v1/models/{model}` as it appears in prose: the placeholder (`{model}`, `:id`, …) or a real id, captured. */
function mentionOf(op: Operation): RegExp {
  const path = op.path
    .split(/\{(\w+)\}/)
    .map((part, i) =>
      i % 2 === 1
        ? `(?::${part}|:id|\\{${part}\\}|\\{id\\}|(${ID_SHAPE[part] ?? '[A-Za-z0-9_]+'}))`
        : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`\\b${op.method} ${path}${op.pathParams.length ? '' : '\\b()'}`, 'g');
}

/** Each endpoint mention and its command; operations with an id first, so `GET /v1/models/x` is not `GET /v1/models`. */
const COMMAND_OF_ENDPOINT = (Object.entries(COMMAND_OF_OPERATION) as [OperationId, Command][])
  .map(([id, command]) => [operations[id], command] as const)
  .sort(([a], [b]) => b.pathParams.length - a.pathParams.length)
  .map(([op, command]) => [mentionOf(op), command] as const);

/** The flag a type of error is about, added to `aig sub-account update` advice. */
function updateFlag(type: string | undefined, code: string | undefined): string {
  if (type === 'budget_exceeded' || code === 'budget_exceeded') return ' --spend-cap-cents <cents>';
  if (type === 'rate_limit_error' || code === 'rate_limit_exceeded') return ' --rpm <n>';
  return '';
}

/** `message` with every endpoint it names replaced by the aig command that does the same. */
export function inAigTerms(message: string, type?: string, code?: string): string {
  const flag = updateFlag(type, code);
  let out = message
    // "raise rate_limit_rpm with PATCH …" reads oddly once the field is a flag.
    .replace(/\braise (?:rate_limit_rpm|spend_cap_cents) with\b/g, 'raise it with');
  for (const [pattern, command] of COMMAND_OF_ENDPOINT)
    out = out.replace(pattern, (_match, id: string | undefined) => command(id ?? '', flag));
  return out;
}

// Request fields the CLI sets from a flag: a gateway `param` or an SDK input issue names the field.
const FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  max_tokens: '--max-tokens',
  temperature: '--temperature',
  duration: '--duration',
  top_n: '--top-n',
  threshold: '--threshold',
  target_language: '--to',
  source_language: '--from',
  language: '--from',
  labels: '--labels',
  documents: '--doc or --documents',
  voice: '--voice',
  image: '--image',
  webhook_url: '--webhook-url',
  spend_cap_cents: '--spend-cap-cents',
  rate_limit_rpm: '--rpm',
  default_tag: '--default-tag',
  metadata: '--metadata',
  name: '--name',
  candidate_models: '--candidates',
  dataset: '--dataset',
  metric: '--metric',
  target_model: '--target-model',
  month: '--month',
  file: '--file',
  format: '--out (its extension)',
  response_format: '--out (its extension)',
};

/** The flag that sets a request field (`messages[0].content`, `dataset.3.input` → its first segment). */
export function flagForField(param: string | undefined): string | undefined {
  const field = param?.split(/[.[]/)[0];
  return field ? FLAG_OF_FIELD[field] : undefined;
}

/**
 * What an HTML or other non-JSON error page says, in one short line: its `<title>` (or first heading), else
 * its text without tags. Proxies and load balancers answer 502/503 with such pages, not with the envelope.
 */
export function summariseBody(body: string): string {
  const title =
    /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(body)?.[1];
  const text = (title ?? body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' '))
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

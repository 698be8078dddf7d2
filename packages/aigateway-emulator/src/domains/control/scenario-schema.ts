import { z } from 'zod';
import { resolve } from '../../contract/document.js';
import { operations } from '../../contract/operations.js';
import type { components } from '../../generated/control.js';
import { models } from '../catalog/models.js';
import { textPattern } from './text-match.js';

export type ScenarioRuleInput = components['schemas']['ScenarioRuleInput'];
export type ScenarioReply = components['schemas']['ScenarioReply'];
export type ScenarioMatch = components['schemas']['ScenarioMatch'];

/** The contract's status for each error code (`ErrorCode`'s `x-aig-status`). */
export const statusOfCode = (resolve('#/components/schemas/ErrorCode').value?.['x-aig-status'] ??
  {}) as Record<string, number>;

const PATHS = new Set(operations.map((o) => o.path));
const MODALITIES = new Set(models.map((m) => m.modality as string));

const endpoint = z.string().refine((e) => PATHS.has(e) || MODALITIES.has(e), {
  message: `must be a contract path (/v1/chat/completions, /v1/jobs/{id}) or a modality (${[...MODALITIES].join(', ')})`,
});
const prompt = z.string().superRefine((p, ctx) => {
  try {
    textPattern(p, 'prompt');
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message.replace(/^prompt '.*?' /, '') });
  }
});

const match = z.strictObject({
  endpoint: endpoint.optional(),
  method: z.string().optional(),
  model: z.string().optional(),
  tag: z.string().optional(),
  key: z.enum(['top_level', 'sub_account']).optional(),
  sub_account: z.string().optional(),
  prompt: prompt.optional(),
}) satisfies z.ZodType<ScenarioMatch>;

const error = z
  .strictObject({
    code: z.string().min(1),
    message: z.string().optional(),
    status: z.number().int().min(400).max(599).optional(),
    type: z.string().optional(),
    param: z.string().optional(),
    retry_after: z.number().int().min(0).optional(),
    provider: z.string().optional(),
  })
  .refine((e) => e.status !== undefined || e.code in statusOfCode, {
    message: `needs a status (400-599) for a code the contract does not define (it defines ${Object.keys(statusOfCode).join(', ')})`,
  });

const reply = z
  .strictObject({
    content: z.string().optional(),
    tool_calls: z
      .array(
        z.strictObject({
          id: z.string().optional(),
          name: z.string().min(1),
          arguments: z.unknown().optional(),
        }),
      )
      .min(1)
      .optional(),
    finish_reason: z.enum(['stop', 'length', 'tool_calls', 'content_filter']).optional(),
    usage: z
      .strictObject({
        prompt_tokens: z.number().int().min(0).optional(),
        completion_tokens: z.number().int().min(0).optional(),
      })
      .optional(),
    stream: z
      .strictObject({
        chunks: z.array(z.string()).min(1).optional(),
        chunk_size: z.number().int().min(1).optional(),
        chunk_delay_ms: z.number().min(0).optional(),
      })
      .optional(),
    error: error.optional(),
    latency_ms: z.number().min(0).max(600_000).optional(),
    job: z
      .strictObject({
        outcome: z.enum(['completed', 'failed']).optional(),
        duration_s: z.number().positive().optional(),
        error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
      })
      .optional(),
    body: z.unknown().optional(),
    status: z.number().int().min(200).max(299).optional(),
  })
  .refine((r) => Object.keys(r).length > 0, {
    message: 'needs at least one field (content, error, latency_ms…)',
  })
  .refine((r) => r.status === undefined || r.body !== undefined, { message: 'status goes with body' });

const rule = z.strictObject({
  name: z.string().optional(),
  match: match.optional(),
  reply,
  times: z.number().int().min(1).optional(),
}) satisfies z.ZodType<ScenarioRuleInput>;

/** One line per bad rule: `scenarios[1].reply.error.status: …`. */
export class ScenarioValidationError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'ScenarioValidationError';
  }
}

const where = (path: PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');

/**
 * Checks scenario rules: one rule, or `{ "scenarios": [...] }` (a file's content). Throws a
 * `ScenarioValidationError` with one line per bad rule, naming the field and what it needs.
 */
export function parseScenarios(value: unknown): ScenarioRuleInput[] {
  const batch = value && typeof value === 'object' && 'scenarios' in value;
  const list = batch ? (value as { scenarios: unknown }).scenarios : [value];
  if (!Array.isArray(list))
    throw new ScenarioValidationError([
      'scenarios must be a list of rules ({ "match": {…}, "reply": {…} }).',
    ]);
  const rules: ScenarioRuleInput[] = [];
  const lines: string[] = [];
  list.forEach((raw, i) => {
    const parsed = rule.safeParse(raw);
    if (parsed.success) {
      rules.push(parsed.data as ScenarioRuleInput);
      return;
    }
    const issue = parsed.error.issues[0]!;
    const at =
      where([...(batch ? ['scenarios', i] : []), ...issue.path]) || (batch ? `scenarios[${i}]` : 'rule');
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((k) => `'${k}'`).join(', ')}`
        : issue.message;
    lines.push(`${at}: ${message}.`.replace(/\.\.$/, '.'));
  });
  if (lines.length > 0) throw new ScenarioValidationError(lines);
  return rules;
}

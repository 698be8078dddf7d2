import type { Model } from 'aigateway-js/client';
import { CliError, usageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { MODEL_SLUG } from './templates.js';

// Offered first when the catalog has it: a strong, pinned (non-floating) general chat model.
const PREFERRED = ['anthropic/claude-sonnet-4.6', 'openai/gpt-5.4', 'anthropic/claude-opus-4.7'];

/**
 * Chat models worth offering: not deprecated, with an id that is a model slug (it goes into a starter's
 * source); pinned versions before floating names.
 */
export function chatModels(models: readonly Model[]): Model[] {
  const chat = models.filter((m) => m.modality === 'chat' && !m.deprecated && MODEL_SLUG.test(m.id));
  return [...chat.filter((m) => !m.floating), ...chat.filter((m) => m.floating)];
}

/** The model `init` suggests: a preferred one when present, else the first pinned chat model. */
export function defaultChatModel(chat: readonly Model[]): string {
  const ids = new Set(chat.map((m) => m.id));
  const preferred = PREFERRED.find((id) => ids.has(id));
  const first = chat[0]?.id;
  if (preferred) return preferred;
  if (first) return first;
  throw new CliError('The catalog lists no chat model, so init cannot pick one. Pass --model.', {
    code: 'no_chat_model',
    exitCode: ExitCode.NotFound,
  });
}

/** Checks `--model` against the live catalog: it must exist and be a chat model. */
export function checkChatModel(id: string, models: readonly Model[]): string {
  const model = models.find((m) => m.id === id);
  if (!model) {
    const name = id.split('/').pop() ?? id;
    const close = models
      .filter(
        (m) => m.modality === 'chat' && (m.id.includes(name) || name.includes(m.id.split('/').pop() ?? '')),
      )
      .map((m) => m.id)
      .slice(0, 3);
    const hint = close.length
      ? ` Did you mean ${close.join(' or ')}?`
      : ' Run `aig models --modality chat` to list them.';
    throw new CliError(`Model "${id}" is not in the catalog.${hint}`, {
      code: 'model_not_found',
      exitCode: ExitCode.NotFound,
    });
  }
  if (model.modality !== 'chat') {
    throw usageError(
      `--model ${id} is a ${model.modality} model; the starter needs a chat model (aig models --modality chat).`,
    );
  }
  return id;
}

/** A short pricing hint for the model prompt, e.g. "$3.00 / $15.00 per 1M tokens". */
export function priceHint(model: Model): string | undefined {
  const p = model.pricing;
  if (!p) return undefined;
  const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
  const unit = p.unit === '1m_tokens' ? '1M tokens' : p.unit;
  return p.output_cents === undefined || p.output_cents === null
    ? `${dollars(p.input_cents)} per ${unit}`
    : `${dollars(p.input_cents)} in / ${dollars(p.output_cents)} out per ${unit}`;
}

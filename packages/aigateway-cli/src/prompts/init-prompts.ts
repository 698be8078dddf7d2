import { intro, log, outro, password, select } from '@clack/prompts';
import { looksLikeApiKey } from '../core/credentials.js';
import { LANGUAGES, type Language } from '../init/languages.js';
import { answered, type PromptStreams } from './streams.js';

/** A chat model offered by the model prompt. */
export interface ModelChoice {
  id: string;
  hint?: string;
}

export function beginInit(streams: PromptStreams): void {
  intro('aig init: AIgateway in this project', streams);
}

export function finishInit(streams: PromptStreams, message: string): void {
  outro(message, streams);
}

/** Shows a fact (e.g. where the key came from) in the session's guide. */
export function noteInit(streams: PromptStreams, message: string): void {
  log.info(message, streams);
}

/** Shows a problem (e.g. a rejected key) without ending the session. */
export function warnInit(streams: PromptStreams, message: string): void {
  log.warn(message, streams);
}

/** Asks for the API key, masked; checks its shape before accepting it. */
export async function askApiKey(streams: PromptStreams): Promise<string> {
  const value = await password({
    ...streams,
    message: 'Your AIgateway API key (from the dashboard; starts with sk-aig-)',
    mask: '•',
    validate: (input) =>
      looksLikeApiKey((input ?? '').trim())
        ? undefined
        : 'That does not look like a key: it should start with sk-aig-.',
  });
  return answered(value).trim();
}

export async function askLanguage(streams: PromptStreams, initial: Language): Promise<Language> {
  const value = await select<Language>({
    ...streams,
    message: 'Language of the starter file',
    options: LANGUAGES.map((l) => ({ value: l.value, label: l.label })),
    initialValue: initial,
  });
  return answered(value);
}

export async function askModel(
  streams: PromptStreams,
  models: readonly ModelChoice[],
  initial: string,
): Promise<string> {
  const value = await select<string>({
    ...streams,
    message: 'Default chat model (saved as AIG_MODEL; change it any time)',
    options: models.map((m) => ({ value: m.id, label: m.id, ...(m.hint ? { hint: m.hint } : {}) })),
    initialValue: initial,
    maxItems: 10,
  });
  return answered(value);
}

import { looksLikeApiKey } from '../core/credentials.js';
import { LANGUAGES, type Language } from '../init/languages.js';
import { answered, type Clack, loadClack, type PromptStreams } from './streams.js';

/** A chat model offered by the model prompt. */
export interface ModelChoice {
  id: string;
  hint?: string;
}

/** The prompts of `aig init`, once clack has loaded. */
export type InitPrompts = ReturnType<typeof initPrompts>;

/** Loads clack and returns the prompts of `aig init`. */
export async function loadInitPrompts(): Promise<InitPrompts> {
  return initPrompts(await loadClack());
}

function initPrompts(clack: Clack) {
  function beginInit(streams: PromptStreams): void {
    clack.intro('aig init: AIgateway in this project', streams);
  }

  function finishInit(streams: PromptStreams, message: string): void {
    clack.outro(message, streams);
  }

  /** Shows a fact (e.g. where the key came from) in the session's guide. */
  function noteInit(streams: PromptStreams, message: string): void {
    clack.log.info(message, streams);
  }

  /** Shows a problem (e.g. a rejected key) without ending the session. */
  function warnInit(streams: PromptStreams, message: string): void {
    clack.log.warn(message, streams);
  }

  /** Asks for the API key, masked; checks its shape before accepting it. */
  async function askApiKey(streams: PromptStreams): Promise<string> {
    const value = await clack.password({
      ...streams,
      message: 'Your AIgateway API key (from the dashboard; starts with sk-aig-)',
      mask: '•',
      validate: (input) =>
        looksLikeApiKey((input ?? '').trim())
          ? undefined
          : 'That does not look like a key: it should start with sk-aig-.',
    });
    return answered(clack, value).trim();
  }

  async function askLanguage(streams: PromptStreams, initial: Language): Promise<Language> {
    const value = await clack.select<Language>({
      ...streams,
      message: 'Language of the starter file',
      options: LANGUAGES.map((l) => ({ value: l.value, label: l.label })),
      initialValue: initial,
    });
    return answered(clack, value);
  }

  async function askModel(
    streams: PromptStreams,
    models: readonly ModelChoice[],
    initial: string,
  ): Promise<string> {
    const value = await clack.select<string>({
      ...streams,
      message: 'Default chat model (saved as AIG_MODEL; change it any time)',
      options: models.map((m) => ({ value: m.id, label: m.id, ...(m.hint ? { hint: m.hint } : {}) })),
      initialValue: initial,
      maxItems: 10,
    });
    return answered(clack, value);
  }

  return { beginInit, finishInit, noteInit, warnInit, askApiKey, askLanguage, askModel };
}

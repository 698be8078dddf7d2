/** Everything the example needs, read from the environment (never hard-coded models). */
export interface DropinConfig {
  apiKey: string;
  baseURL: string;
  /** Sent as `x-aig-tag` on every request, so the spend shows up per feature. */
  tag: string;
  models: {
    chat: string;
    embedding: string;
    image: string;
    speech: string;
    transcription: string;
  };
  voice: string;
}

export type Env = Record<string, string | undefined>;

const HOSTED_BASE_URL = 'https://api.aigateway.sh/v1';

const MODEL_VARS = {
  chat: 'AIG_MODEL',
  embedding: 'AIG_EMBEDDING_MODEL',
  image: 'AIG_IMAGE_MODEL',
  speech: 'AIG_SPEECH_MODEL',
  transcription: 'AIG_TRANSCRIPTION_MODEL',
} as const;

/** Reads the configuration; one error lists every missing or wrong variable. */
export function loadConfig(env: Env): DropinConfig {
  const problems: string[] = [];
  const read = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is not set`);
    return value ?? '';
  };

  const apiKey = read('AIGATEWAY_API_KEY');
  const baseURL = (env.AIGATEWAY_BASE_URL?.trim() || HOSTED_BASE_URL).replace(/\/+$/, '');
  // The most common mistake (see the FAQ): the base URL is the API root, not an endpoint.
  if (!/^https?:\/\/.+\/v1$/.test(baseURL)) {
    problems.push(`AIGATEWAY_BASE_URL must be an http(s) URL ending in /v1 (e.g. ${HOSTED_BASE_URL})`);
  }
  const models = {
    chat: read(MODEL_VARS.chat),
    embedding: read(MODEL_VARS.embedding),
    image: read(MODEL_VARS.image),
    speech: read(MODEL_VARS.speech),
    transcription: read(MODEL_VARS.transcription),
  };
  if (problems.length > 0) {
    throw new Error(
      `Configuration: ${problems.join('; ')}. Copy .env.example to .env and fill it in, or export the variables.`,
    );
  }
  return {
    apiKey,
    baseURL,
    tag: env.AIG_TAG?.trim() || 'openai-sdk-dropin',
    models,
    voice: env.AIG_VOICE?.trim() || 'asteria',
  };
}

import { patterns } from 'aigateway-contract';
import { DEFAULT_BASE_URL } from '../core/credentials.js';
import { usageError } from '../errors.js';
import type { Language } from './languages.js';

/**
 * The contract's model slug: `provider/name` (names may hold `.`, `_`, `:` and `-`). Whatever goes into a
 * starter's source must match it: the catalog comes from a server.
 */
export const MODEL_SLUG = new RegExp(patterns.modelSlug);

/** Throws unless `model` is a model slug, so a hostile catalog cannot write code into a starter. */
export function checkModelSlug(model: string, origin: string): string {
  if (!MODEL_SLUG.test(model)) {
    throw usageError(
      `${origin} ${JSON.stringify(model)} is not a model slug (provider/name of letters, digits and . _ : -), so ` +
        'aig will not write it into your project. Pass --model with a slug from aig models --modality chat.',
      'invalid_model',
    );
  }
  return model;
}

// String literals for generated source. JSON's string syntax is valid in both JavaScript and Python (\", \\,
// \n, \uXXXX …), so a value — already checked against MODEL_SLUG — can never end the literal early.
const jsString = (value: string): string => JSON.stringify(value);
const pyString = (value: string): string => JSON.stringify(value);

/** A starter file and how to run it. */
export interface Starter {
  file: string;
  content: string;
  /** Commands to install the dependency and run the starter, in order. */
  steps: string[];
}

const PROMPT = 'Say hello from AIgateway in one short sentence.';
/** The model of the Python starter's job example (aigateway-py). */
const MUSIC_MODEL = 'suno/v5';

// The starters follow the docs: the official OpenAI SDK with AIgateway's base URL, the model read from
// AIG_MODEL (never hard-coded across a codebase) and an x-aig-tag header for spend per feature.
function node(lang: 'ts' | 'js', model: string): string {
  const failure = lang === 'ts' ? '(error: unknown)' : '(error)';
  const message = lang === 'ts' ? 'error instanceof Error ? error.message : error' : 'error.message';
  return `// AIgateway starter: the official OpenAI SDK, pointed at AIgateway. Written by \`aig init\`.
import OpenAI from 'openai';

// AIGATEWAY_API_KEY, AIGATEWAY_BASE_URL and AIG_MODEL come from .env (the environment wins).
try {
  process.loadEnvFile();
} catch {
  // No .env here: use the environment only.
}

const client = new OpenAI({
  apiKey: process.env.AIGATEWAY_API_KEY,
  baseURL: process.env.AIGATEWAY_BASE_URL ?? '${DEFAULT_BASE_URL}',
  // Tag requests with the feature they serve; \`aig usage\` then shows spend per feature.
  defaultHeaders: { 'x-aig-tag': 'starter' },
});

// Swap models in .env, not in code.
const model = process.env.AIG_MODEL ?? ${jsString(model)};

async function main() {
  const completion = await client.chat.completions.create({
    model,
    messages: [{ role: 'user', content: '${PROMPT}' }],
  });
  console.log(completion.choices[0]?.message.content);
}

main().catch(${failure} => {
  console.error(${message});
  process.exit(1);
});
`;
}

function python(model: string): string {
  return `"""AIgateway starter: the official OpenAI SDK, pointed at AIgateway; aigateway-py for a job
(\`python aigateway_starter.py --job\`). Written by \`aig init\`."""
import os
import sys

from openai import OpenAI


def load_env(path: str = ".env") -> None:
    """Reads AIGATEWAY_API_KEY, AIGATEWAY_BASE_URL and AIG_MODEL from .env (the environment wins)."""
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as env_file:
        for line in env_file:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.removeprefix("export ").split("=", 1)
                os.environ.setdefault(key.strip(), value.strip().strip("\\"'"))


load_env()

client = OpenAI(
    api_key=os.environ.get("AIGATEWAY_API_KEY"),
    base_url=os.environ.get("AIGATEWAY_BASE_URL", "${DEFAULT_BASE_URL}"),
    # Tag requests with the feature they serve; \`aig usage\` then shows spend per feature.
    default_headers={"x-aig-tag": "starter"},
)

# Swap models in .env, not in code.
model = os.environ.get("AIG_MODEL", ${pyString(model)})

completion = client.chat.completions.create(
    model=model,
    messages=[{"role": "user", "content": "${PROMPT}"}],
)
print(completion.choices[0].message.content)


def generate_music() -> None:
    """Async jobs (video, music, 3D), sub-accounts, evals and webhook verification are AIgateway
    primitives the OpenAI SDK does not model: use aigateway-py (\`pip install aigateway-py\`)."""
    from aigateway import AIgateway

    aig = AIgateway(tag="starter")  # AIGATEWAY_API_KEY and AIGATEWAY_BASE_URL, as above
    job = aig.audio.music.generate(
        model=os.environ.get("AIG_MUSIC_MODEL", "${MUSIC_MODEL}"), prompt="a short lo-fi loop", duration=5
    )
    done = job.wait(on_progress=lambda j: print(f"{j.status} {j.progress}%"))
    print(done.result_url)


if __name__ == "__main__" and "--job" in sys.argv:
    generate_music()
`;
}

/** The starter for `lang`, falling back to `model` when AIG_MODEL is unset. */
export function starterFor(lang: Language, model: string): Starter {
  checkModelSlug(model, 'The model');
  switch (lang) {
    case 'ts':
      return {
        file: 'aigateway-starter.ts',
        content: node('ts', model),
        steps: ['npm install openai', 'npx tsx aigateway-starter.ts'],
      };
    case 'js':
      return {
        file: 'aigateway-starter.mjs',
        content: node('js', model),
        steps: ['npm install openai', 'node aigateway-starter.mjs'],
      };
    case 'python':
      return {
        file: 'aigateway_starter.py',
        content: python(model),
        steps: [
          'pip install openai aigateway-py',
          'python aigateway_starter.py',
          'python aigateway_starter.py --job',
        ],
      };
  }
}

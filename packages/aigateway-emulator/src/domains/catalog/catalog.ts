import type { components } from 'aigateway-contract/types';
import { ApiError } from '../../http/errors.js';
import { levenshtein } from '../../util/text.js';
import { endpointOf, floating, type Modality, type ModelSpec, models } from './models.js';

/** A model as the contract returns it from `GET /v1/models`. */
export type ModelObject = components['schemas']['Model'];

/** The model object of `id` (a floating name when `resolvesTo` is set), before its lifecycle (`ModelLifecycles`). */
export function toObject(id: string, spec: ModelSpec, resolvesTo: string | null): ModelObject {
  const [provider = '', name = ''] = id.split('/');
  return {
    id,
    object: 'model',
    created: spec.created,
    owned_by: provider,
    provider,
    name,
    modality: spec.modality,
    endpoint: endpointOf[spec.modality],
    capabilities: spec.capabilities,
    pricing: {
      unit: spec.unit,
      input_cents: spec.input_cents,
      ...(spec.output_cents === undefined ? {} : { output_cents: spec.output_cents }),
    },
    context_window: spec.context_window ?? null,
    dimensions: spec.dimensions ?? null,
    deprecated: false,
    deprecation_date: null,
    sunset_date: null,
    replacement: null,
    floating: resolvesTo !== null,
    resolves_to: resolvesTo,
  };
}

const specs = new Map(models.map((m) => [m.id, m]));
const objects = new Map<string, ModelObject>(models.map((m) => [m.id, toObject(m.id, m, null)]));
for (const [alias, target] of Object.entries(floating)) {
  objects.set(alias, toObject(alias, specs.get(target)!, target));
}
const allSlugs = [...objects.keys()];

export function modelObject(slug: string): ModelObject | undefined {
  return objects.get(slug);
}

export function modelSpec(slug: string): ModelSpec | undefined {
  return specs.get(floating[slug] ?? slug);
}

/** Closest known slugs to `input`, best first (`gpt-5.4` → `openai/gpt-5.4`). */
export function suggest(input: string, modality?: Modality): string[] {
  const needle = input.trim().toLowerCase();
  const scored = allSlugs.map((slug) => {
    const name = slug.slice(slug.indexOf('/') + 1);
    let score = Math.min(levenshtein(needle, slug), levenshtein(needle, name) + 1);
    if (needle === name || needle === slug) score = 0;
    else if (needle.length >= 3 && (slug.includes(needle) || needle.includes(name)))
      score = Math.min(score, 1.5);
    if (modality && objects.get(slug)?.modality !== modality) score += 2;
    if (objects.get(slug)?.floating) score += 0.25;
    return { slug, score };
  });
  const limit = Math.max(3, needle.length / 2.5);
  return scored
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.slug.localeCompare(b.slug))
    .slice(0, 3)
    .map((s) => s.slug);
}

export function modelNotFound(slug: string, modality?: Modality): ApiError {
  const suggestions = suggest(slug, modality);
  const hint =
    suggestions.length > 0
      ? `Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}? `
      : 'Model ids use the provider/name format (e.g. openai/gpt-5.4). ';
  return new ApiError(
    404,
    'model_not_found',
    `The model '${slug}' does not exist. ${hint}See GET /v1/models for the catalog.`,
    { param: 'model', suggestions },
  );
}

/** "an embedding model", "an ocr model", "a 3d model": every modality starting with a vowel is read with one. */
const aModel = (modality: Modality) => `${/^[aeiou]/.test(modality) ? 'an' : 'a'} ${modality} model`;

/**
 * Resolves a request's `model` for an endpoint serving `modality`: floating names map to their
 * pinned version; unknown slugs are 404 with suggestions; a model of another modality is a 400
 * naming the endpoint that serves it.
 */
export function resolveModel(slug: string, modality: Modality): ModelSpec {
  const spec = modelSpec(slug);
  if (!spec) throw modelNotFound(slug, modality);
  if (spec.modality !== modality) {
    throw new ApiError(
      400,
      'wrong_endpoint',
      `'${slug}' is ${aModel(spec.modality)}, served by POST ${endpointOf[spec.modality]}, not by POST ${endpointOf[modality]}. Send it there, or pick ${aModel(modality)} from GET /v1/models.`,
      { param: 'model' },
    );
  }
  return spec;
}

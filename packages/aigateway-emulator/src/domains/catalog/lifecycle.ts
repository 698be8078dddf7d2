import { ApiError } from '../../http/errors.js';
import type { Clock } from '../../runtime/clock.js';
import type { StatePart } from '../../runtime/state.js';
import { type ModelObject, modelObject, modelSpec, resolveModel, toObject } from './catalog.js';
import { floating, type Modality, type ModelSpec, models } from './models.js';

/**
 * Where a model is in its life: deprecated from `deprecated_at`, pruned from `sunset_at` (Unix
 * seconds, on the emulator clock), replaced by `successor`.
 */
export interface Lifecycle {
  deprecated_at: number;
  sunset_at: number | null;
  successor: string | null;
}

/** What a deprecated model's responses say: `Deprecation`, `Sunset` and a successor `Link`. */
export interface DeprecationNotice extends Lifecycle {
  model: string;
}

/** `POST /_emulator/models/lifecycle`'s answer. */
export interface LifecycleView {
  object: 'model.lifecycle';
  model: string;
  status: 'current' | 'deprecated' | 'pruned';
  deprecated_at: number | null;
  sunset_at: number | null;
  successor: string | null;
}

type SavedLifecycles = { model_lifecycles: ({ model: string } & Lifecycle)[] };

const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
const startOfDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

/** The catalog's own lifecycles (dates are days, UTC). */
const catalogLifecycles = new Map<string, Lifecycle>(
  models
    .filter((m) => m.lifecycle)
    .map((m) => [
      m.id,
      {
        deprecated_at: startOfDay(m.lifecycle!.deprecated),
        sunset_at: m.lifecycle!.sunset ? startOfDay(m.lifecycle!.sunset) : null,
        successor: m.lifecycle!.successor,
      },
    ]),
);

/**
 * The response headers of a deprecated model: `Deprecation` (RFC 9745, a structured-field date),
 * `Sunset` (RFC 8594, an HTTP-date) and `Link` to the successor (`rel="successor-version"`, RFC 5829).
 */
export function deprecationHeaders(notice: DeprecationNotice): Record<string, string> {
  const headers: Record<string, string> = { deprecation: `@${notice.deprecated_at}` };
  if (notice.sunset_at !== null) headers.sunset = new Date(notice.sunset_at * 1000).toUTCString();
  if (notice.successor) headers.link = `</v1/models/${notice.successor}>; rel="successor-version"`;
  return headers;
}

/**
 * The catalog as time moves: labs deprecate models, AIgateway prunes them at their sunset, and
 * floating names move to the successor (the FAQ: "pin to a full version tag" for stability). The
 * control API moves a model through its lifecycle for tests; those changes are emulator state.
 */
export class ModelLifecycles implements StatePart<SavedLifecycles> {
  private readonly overrides = new Map<string, Lifecycle>();
  private version = 0;
  private cached: { key: string; json: string } | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly changed: () => void,
  ) {}

  /** Sets a model's lifecycle (`null` makes it current again); the model must be a pinned catalog slug. */
  set(model: string, lifecycle: Lifecycle | null): void {
    if (!modelSpec(model) || floating[model]) {
      throw new ApiError(
        400,
        'invalid_value',
        `'${model}' is not a pinned model of the catalog; pass a full version slug from GET /v1/models (floating names follow their target).`,
        { param: 'model' },
      );
    }
    if (lifecycle?.successor && (!modelSpec(lifecycle.successor) || lifecycle.successor === model)) {
      throw new ApiError(
        400,
        'invalid_value',
        `successor '${lifecycle.successor}' must be another model of the catalog (see GET /v1/models).`,
        { param: 'successor' },
      );
    }
    this.overrides.set(
      model,
      lifecycle ?? { deprecated_at: Number.POSITIVE_INFINITY, sunset_at: null, successor: null },
    );
    this.version += 1;
    this.changed();
  }

  /** The control API's view of a model's lifecycle, as of now. */
  view(model: string): LifecycleView {
    const l = this.of(model);
    return {
      object: 'model.lifecycle',
      model,
      status: this.phase(model, this.clock.now()),
      deprecated_at: l?.deprecated_at ?? null,
      sunset_at: l?.sunset_at ?? null,
      successor: l?.successor ?? null,
    };
  }

  /** The model's lifecycle, or undefined when it has none (or was made current again). */
  of(model: string): Lifecycle | undefined {
    const lifecycle = this.overrides.get(model) ?? catalogLifecycles.get(model);
    return lifecycle && Number.isFinite(lifecycle.deprecated_at) ? lifecycle : undefined;
  }

  /**
   * Resolves a request's `model` for `modality`: a floating name to its target's newest successor,
   * a pruned model to 404 naming its successor; a deprecated one comes with its notice.
   */
  resolve(slug: string, modality: Modality): { spec: ModelSpec; notice?: DeprecationNotice } {
    const id = this.target(slug);
    const notice = this.check(id, slug);
    const spec = resolveModel(id, modality);
    return notice ? { spec, notice } : { spec };
  }

  /** `GET /v1/models/{model}`: the object as of now, and the notice of a deprecated model. */
  retrieve(slug: string): { object: ModelObject; notice?: DeprecationNotice } | undefined {
    const target = floating[slug];
    if (target) {
      const id = this.target(slug);
      return { object: toObject(slug, modelSpec(id)!, id) };
    }
    const base = modelObject(slug);
    if (!base) return undefined;
    const notice = this.check(slug, slug);
    return { object: this.withLifecycle(base), ...(notice ? { notice } : {}) };
  }

  /** `GET /v1/models` as of now: pruned models left out, deprecations and floating targets current. */
  listJson(): string {
    const now = this.clock.now();
    const ids = new Set([...catalogLifecycles.keys(), ...this.overrides.keys()]);
    // Only a phase change or a control change alters the list, so it is serialized once per state.
    const key = `${this.version}:${[...ids].map((id) => this.phase(id, now)).join('')}`;
    if (this.cached?.key !== key) {
      const data: ModelObject[] = [];
      for (const spec of models) {
        if (this.phase(spec.id, now) !== 'pruned') data.push(this.withLifecycle(modelObject(spec.id)!));
      }
      for (const alias of Object.keys(floating)) {
        const id = this.target(alias);
        if (this.phase(id, now) !== 'pruned') data.push(toObject(alias, modelSpec(id)!, id));
      }
      this.cached = { key, json: JSON.stringify({ object: 'list', data }) };
    }
    return this.cached.json;
  }

  save(): SavedLifecycles {
    const saved = [...this.overrides].map(([model, l]) => ({
      model,
      ...l,
      deprecated_at: Number.isFinite(l.deprecated_at) ? l.deprecated_at : -1,
    }));
    return { model_lifecycles: saved };
  }

  load(saved: Partial<SavedLifecycles>): void {
    for (const { model, ...l } of saved.model_lifecycles ?? []) {
      this.overrides.set(model, {
        ...l,
        deprecated_at: l.deprecated_at < 0 ? Number.POSITIVE_INFINITY : l.deprecated_at,
      });
    }
    this.version += 1;
  }

  clear(): void {
    this.overrides.clear();
    this.version += 1;
  }

  private phase(id: string, now: number): 'current' | 'deprecated' | 'pruned' {
    const l = this.of(id);
    if (!l || now < l.deprecated_at) return 'current';
    return l.sunset_at !== null && now >= l.sunset_at ? 'pruned' : 'deprecated';
  }

  /** A floating name's pinned model: its target, moved along successors while deprecated. */
  private target(slug: string): string {
    let id = floating[slug];
    if (!id) return slug;
    const now = this.clock.now();
    for (let hops = 0; hops < 8; hops++) {
      const l = this.of(id);
      if (!l?.successor || this.phase(id, now) === 'current') break;
      id = l.successor;
    }
    return id;
  }

  /** The notice of a deprecated model; 404 naming the successor once it is pruned. */
  private check(id: string, requested: string): DeprecationNotice | undefined {
    const l = this.of(id);
    const phase = this.phase(id, this.clock.now());
    if (!l || phase === 'current') return undefined;
    if (phase === 'deprecated') return { model: id, ...l };
    const successor = l.successor ? this.current(l.successor) : undefined;
    const instead = successor
      ? `Use its successor '${successor}' instead`
      : 'Pick another model from GET /v1/models';
    throw new ApiError(
      404,
      'model_not_found',
      `The model '${requested}' was retired on ${day(l.sunset_at!)} (deprecated since ${day(l.deprecated_at)}). ${instead}; pin a full version tag and watch the Deprecation and Sunset headers to move before a model is retired.`,
      { param: 'model', suggestions: successor ? [successor] : [] },
    );
  }

  /** The newest successor of `id` that is not pruned. */
  private current(id: string): string {
    const now = this.clock.now();
    for (let hops = 0; hops < 8 && this.phase(id, now) === 'pruned'; hops++) {
      const next = this.of(id)?.successor;
      if (!next) break;
      id = next;
    }
    return id;
  }

  private withLifecycle(base: ModelObject): ModelObject {
    const l = this.of(base.id);
    if (!l)
      return { ...base, deprecated: false, deprecation_date: null, sunset_date: null, replacement: null };
    return {
      ...base,
      deprecated: this.phase(base.id, this.clock.now()) !== 'current',
      deprecation_date: day(l.deprecated_at),
      sunset_date: l.sunset_at === null ? null : day(l.sunset_at),
      replacement: l.successor,
    };
  }
}

// Type helpers shared by resources; every wire type comes from the generated contract.
import type { components, operations } from '../generated/openapi.js';

/** The contract's schemas (`components['schemas']`). */
export type Schemas = components['schemas'];

/** The query parameters of an operation. */
export type QueryOf<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;

/**
 * A model slug: the contract's known slugs autocomplete, and any other string (a newer model, a
 * floating name, `eval:<run_id>`) is accepted.
 */
export type ModelId<Known extends string> = Known | (string & {});

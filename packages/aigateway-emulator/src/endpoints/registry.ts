import type { Endpoint } from '../domains/inference.js';
import * as all from './index.js';

/** Every inference endpoint, by contract path. */
export const endpoints: Endpoint[] = Object.values(all);
export const endpointByPath = new Map(endpoints.map((e) => [e.path, e]));

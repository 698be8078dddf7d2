import { operation } from '../../../contract/operations.js';
import type { Endpoint } from '../endpoint.js';
import * as all from './index.js';

/** Every inference endpoint. */
export const endpoints: Endpoint[] = Object.values(all);

/** Endpoints by their contract path (the request log keeps the path a request was sent to). */
export const endpointByPath = new Map(endpoints.map((e) => [operation(e.operationId).path, e]));

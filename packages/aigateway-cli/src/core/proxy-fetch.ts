import { ProxyAgent } from 'undici';
import type { Fetch } from '../transport/node-fetch.js';
import { type Env, proxyFor } from './proxy.js';

/**
 * A fetch through the proxies `env` names (the global fetch, with undici's ProxyAgent as its dispatcher; a
 * NO_PROXY host directly).
 */
export function proxyFetch(env: Env): Fetch {
  const agents = new Map<string, InstanceType<typeof ProxyAgent>>();
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const proxy = proxyFor(url, env);
    if (proxy === undefined) return fetch(input, init);
    let dispatcher = agents.get(proxy);
    if (!dispatcher) {
      // proxyTunnel: false sends http:// requests in absolute form (GET http://host/…), as curl does; many
      // proxies allow CONNECT to port 443 only. https:// is always tunnelled.
      dispatcher = new ProxyAgent({ uri: proxy, proxyTunnel: false });
      agents.set(proxy, dispatcher);
    }
    // `dispatcher` is undici's extension of RequestInit, which Node's fetch honours.
    return fetch(input, { ...init, dispatcher } as RequestInit);
  };
}

// Requests through an HTTP(S) proxy over node:http, sent as curl sends them: an http:// URL in absolute form
// (`GET http://host/path`) to the proxy, which forwards it; an https:// URL through a CONNECT tunnel, with TLS to
// the gateway inside it, so the proxy sees neither the key nor the body. (undici's ProxyAgent did this before:
// bundled, it was 720 KB of the 6.5 MB install for what fits here.)
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { nodeRequire } from '../core/node-require.js';

/** Sends one request: node:http's `request` bound to its target, or the proxied equivalent. */
export type Send = (options: RequestOptions, onResponse: (res: IncomingMessage) => void) => ClientRequest;

/**
 * The proxy cannot be used: its scheme is not http(s), or it answered the CONNECT with something other than 200
 * (a 403 from a policy, a 407 for credentials). The message says which, for "Cannot reach …: <message>".
 */
export class ProxyError extends Error {
  override readonly name = 'ProxyError';
}

/** A proxy variable's value as a URL; like curl, a value without a scheme is an http:// proxy. */
export function proxyURL(raw: string): URL {
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProxyError(
      `the proxy's scheme ${url.protocol}// is not supported (use an http:// or https:// proxy)`,
    );
  }
  return url;
}

/** `Basic …` for a proxy URL with a user name (and password), else undefined. */
function authorization(proxy: URL): Record<string, string> {
  if (!proxy.username && !proxy.password) return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/** Host and port to connect to (node wants an IPv6 address without its brackets). */
function endpoint(url: URL): { host: string; port: number } {
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
  };
}

/** How to send requests for `target` through `proxy`. */
export async function sendThroughProxy(target: URL, proxy: URL): Promise<Send> {
  const toProxy = (
    nodeRequire(proxy.protocol === 'https:' ? 'node:https' : 'node:http') as typeof import('node:http')
  ).request;
  const auth = authorization(proxy);
  if (target.protocol === 'http:') {
    return (options, onResponse) =>
      toProxy(
        {
          ...options,
          ...endpoint(proxy),
          path: target.href,
          headers: { ...(options.headers as Record<string, string>), host: target.host, ...auth },
        },
        onResponse,
      );
  }
  const { request } = nodeRequire('node:https') as typeof import('node:https');
  const { connect } = nodeRequire('node:tls') as typeof import('node:tls');
  const { isIP } = nodeRequire('node:net') as typeof import('node:net');
  const { host, port } = endpoint(target);
  const authority = `${target.hostname}:${port}`;
  return (options, onResponse) => {
    let pending: ClientRequest | undefined;
    const createConnection: RequestOptions['createConnection'] = (_, done) => {
      const fail = done as (error: Error) => void;
      pending = toProxy({
        ...endpoint(proxy),
        method: 'CONNECT',
        path: authority,
        headers: { host: authority, ...auth },
        agent: false,
      });
      pending.once('connect', (res: IncomingMessage, socket: Socket) => {
        pending = undefined;
        if (res.statusCode !== 200) {
          socket.destroy();
          const status = `${res.statusCode}${res.statusMessage ? ` ${res.statusMessage}` : ''}`;
          fail(new ProxyError(`the proxy answered CONNECT ${authority} with ${status}`));
          return;
        }
        // The certificate is checked against the gateway's name, as without a proxy.
        done(null, connect({ socket, ...(isIP(host) ? { host } : { servername: host }) }) as Duplex);
      });
      pending.once('error', fail);
      pending.end();
      // node:http takes the socket from `done` once the tunnel is up.
      return undefined;
    };
    const req = request(target, { ...options, createConnection }, onResponse);
    // Given up (aborted, timed out) before the tunnel was up: stop opening it.
    req.once('close', () => pending?.destroy());
    return req;
  };
}

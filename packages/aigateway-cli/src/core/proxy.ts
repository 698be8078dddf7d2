// HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY, read as curl reads them. Node's fetch ignores them (before
// Node 24's NODE_USE_ENV_PROXY), so when one is set the CLI's node:http transport sends each request through the
// proxy itself (transport/proxy-connect.ts), and hands the same fetch to the MCP client. undici's
// EnvHttpProxyAgent would do this lookup too, but it prints an "experimental" process warning (which would break
// --json's empty stderr) and sends https:// through HTTP_PROXY, which curl does not.

export type Env = Readonly<Record<string, string | undefined>>;

/** A variable by its lower-case name first, as curl reads it, then upper-case. */
function variable(env: Env, name: string): string | undefined {
  return env[name] || env[name.toUpperCase()] || undefined;
}

/** Whether any proxy variable is set. */
export function proxyConfigured(env: Env): boolean {
  return ['http_proxy', 'https_proxy', 'all_proxy'].some((name) => variable(env, name) !== undefined);
}

/** Whether NO_PROXY exempts `url`: `*`, a host (and its subdomains), an IP, optionally with `:port`. */
function exempt(url: URL, env: Env): boolean {
  const entries = (variable(env, 'no_proxy') ?? '').split(/[\s,]+/).filter(Boolean);
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return entries.some((raw) => {
    if (raw === '*') return true;
    const entry = raw.toLowerCase();
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    const colon = entry.lastIndexOf(':');
    const [name, entryPort] = bracketed
      ? [bracketed[1] ?? '', bracketed[2]]
      : colon > 0 && !entry.slice(0, colon).includes(':')
        ? [entry.slice(0, colon), entry.slice(colon + 1)]
        : [entry, undefined];
    if (entryPort !== undefined && entryPort !== port) return false;
    const domain = name.replace(/^\*?\./, '');
    return host === domain || host.endsWith(`.${domain}`);
  });
}

/** The proxy a request to `url` goes through, or undefined for a direct connection. */
export function proxyFor(url: string, env: Env): string | undefined {
  if (!proxyConfigured(env)) return undefined;
  const parsed = new URL(url);
  if (exempt(parsed, env)) return undefined;
  const scheme = parsed.protocol === 'https:' ? 'https_proxy' : 'http_proxy';
  return variable(env, scheme) ?? variable(env, 'all_proxy');
}

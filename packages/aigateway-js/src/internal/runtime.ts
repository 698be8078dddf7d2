// Which JavaScript runtime the SDK runs on, for the User-Agent: `node/20.20.2`, `bun/1.4.5`,
// `deno/2.9.6`, `edge-runtime/unknown` (Vercel), `workerd/unknown` (Cloudflare). Bun and Deno
// also expose `process.versions.node`, so they are asked first. Browsers get no User-Agent from
// the SDK (they send their own, and a custom one would need a CORS preflight allowance).
interface RuntimeGlobals {
  Bun?: { version?: string };
  Deno?: { version?: { deno?: string } };
  EdgeRuntime?: unknown;
  navigator?: { userAgent?: string };
  process?: { versions?: { node?: string } };
  window?: unknown;
  document?: unknown;
}

/** `<runtime>/<version>`, or `undefined` in a browser. */
export function runtimeToken(): string | undefined {
  const g = globalThis as RuntimeGlobals;
  if (typeof g.Bun?.version === 'string') return `bun/${g.Bun.version}`;
  if (typeof g.Deno?.version?.deno === 'string') return `deno/${g.Deno.version.deno}`;
  if (typeof g.EdgeRuntime === 'string') return 'edge-runtime/unknown';
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd/unknown';
  if (typeof g.process?.versions?.node === 'string') return `node/${g.process.versions.node}`;
  if (g.window !== undefined && g.document !== undefined) return undefined;
  return 'unknown/unknown';
}

import { hostname as machineName, networkInterfaces } from 'node:os';

/** Host names that always mean this machine. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
/** Browser origins allowed by default besides the emulator's own: pages served from this machine. */
const LOOPBACK_ORIGINS = [
  'http://localhost:*',
  'http://127.0.0.1:*',
  'http://[::1]:*',
  'https://localhost:*',
];
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '']);

/** `localhost`, `127.x.x.x`, `::1` (a `Host` header's name, brackets and case ignored). */
export function isLoopbackName(name: string): boolean {
  const host = bare(name);
  return LOOPBACK_NAMES.includes(host) || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host);
}

const bare = (name: string) => name.toLowerCase().replace(/^\[|\]$/g, '');

/** The name part of a `Host` header (`[::1]:4010` → `::1`); undefined when it is not a host at all. */
function hostName(header: string): string | undefined {
  try {
    return bare(new URL(`http://${header}`).hostname);
  } catch {
    return undefined;
  }
}

/** An `allowOrigins` entry: an exact origin, or `scheme://host:*` for any port. */
type OriginRule = { scheme: string; host: string; port: string | '*' };

function originRule(entry: string): OriginRule {
  const wild = /^(https?):\/\/([^/:]+|\[[^\]]+\]):\*$/i.exec(entry);
  if (wild) return { scheme: wild[1]!.toLowerCase(), host: bare(wild[2]!), port: '*' };
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw new TypeError(
      `'${entry}' is not an origin: give one like http://localhost:3000, https://app.example, or http://host:* for any port.`,
    );
  }
  if (url.origin === 'null' || url.origin !== entry.replace(/\/$/, ''))
    throw new TypeError(
      `'${entry}' is not an origin (scheme://host[:port], no path): e.g. http://localhost:3000 or http://host:*.`,
    );
  return { scheme: url.protocol.slice(0, -1), host: bare(url.hostname), port: url.port };
}

const matches = (rule: OriginRule, url: URL) =>
  rule.scheme === url.protocol.slice(0, -1) &&
  rule.host === bare(url.hostname) &&
  (rule.port === '*' || rule.port === url.port);

export interface ExposureOptions {
  /** Where clients reach the emulator; undefined until the server listens (`listening`). */
  publicOrigin?: string;
  /** Browser origins allowed besides the defaults (`--allow-origin`). */
  allowOrigins?: string[];
}

/**
 * Who may talk to the emulator, and under which name: the `Host` names it answers to (loopback and
 * the address it is bound to, against DNS rebinding), the browser origins it serves (its own and
 * this machine's pages, plus `allowOrigins`), and the public origin its signed URLs are built from
 * (configured, never taken from a request).
 */
export class Exposure {
  private origin: string | undefined;
  private readonly rules: OriginRule[];
  /** Names the `Host` header may carry; undefined: any (an in-process handler, where the host mounting it decides). */
  private hosts: Set<string> | undefined;

  constructor(options: ExposureOptions = {}) {
    this.origin = options.publicOrigin === undefined ? undefined : new URL(options.publicOrigin).origin;
    this.rules = [...LOOPBACK_ORIGINS, ...(options.allowOrigins ?? [])].map(originRule);
  }

  /** Checks `allowOrigins` entries, so a bad one fails at start with one line. */
  static validateOrigins(entries: string[]): void {
    for (const entry of entries) originRule(entry);
  }

  /**
   * The server is listening on `address:port`: it answers to loopback names and that address (on
   * a wildcard address, every address and the name of this machine), and unless a public origin
   * was configured, it is `http://<address>:<port>`.
   */
  listening(address: string, port: number, hostOption: string): void {
    const hosts = new Set([...LOOPBACK_NAMES, bare(address), bare(hostOption)]);
    if (WILDCARD_ADDRESSES.has(bare(hostOption)) || WILDCARD_ADDRESSES.has(bare(address))) {
      for (const list of Object.values(networkInterfaces()))
        for (const info of list ?? []) hosts.add(bare(info.address));
      hosts.add(machineName().toLowerCase());
    }
    if (this.origin) hosts.add(bare(new URL(this.origin).hostname));
    this.hosts = hosts;
    if (!this.origin) {
      const name = WILDCARD_ADDRESSES.has(bare(hostOption)) ? '127.0.0.1' : hostOption;
      this.origin = `http://${name.includes(':') ? `[${bare(name)}]` : name}:${port}`;
    }
  }

  /** The origin signed file URLs and MCP's internal calls use. */
  get publicOrigin(): string {
    return this.origin ?? 'http://localhost';
  }

  /** True when a `Host` header names this emulator (the port is not compared: relays and proxies change it). */
  hostAllowed(header: string | undefined): boolean {
    if (!this.hosts || header === undefined) return true;
    const name = hostName(header);
    return name !== undefined && (this.hosts.has(name) || isLoopbackName(name));
  }

  /** True when a browser page at `origin` may call the emulator. */
  originAllowed(origin: string): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (url.origin === 'null') return false;
    if (url.origin === this.publicOrigin) return true;
    return this.rules.some((rule) => matches(rule, url));
  }

  /**
   * True when `url` points at this emulator: its public origin, or (once listening) a name it
   * answers to on the same port.
   */
  isOwn(url: URL): boolean {
    if (url.origin === this.publicOrigin) return true;
    if (!this.hosts || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
    const own = new URL(this.publicOrigin);
    return url.port === own.port && (this.hosts.has(bare(url.hostname)) || isLoopbackName(url.hostname));
  }

  /** True when the server is reachable from other machines (bound beyond loopback). */
  static isPublicBind(host: string): boolean {
    return !isLoopbackName(host);
  }
}

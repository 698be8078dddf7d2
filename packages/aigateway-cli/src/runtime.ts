import type { AIgateway } from 'aigateway-js/client';
import type { Command } from 'commander';
import { requireCredentials, type ResolvedSettings, resolveSettings } from './core/credentials.js';
import {
  DEFAULT_REQUEST_TIMEOUT_S,
  DEFAULT_WAIT_TIMEOUT_S,
  type Deadline,
  Deadlines,
  parseTimeout,
} from './core/deadline.js';
import { readStream } from './core/files.js';
import { proxyFor } from './core/proxy.js';
import { checkTag } from './core/tags.js';
import type { CliIO } from './io.js';
import { Output } from './output.js';
import { createNodeFetch, type Fetch } from './transport/node-fetch.js';
import type { ClientFactory } from './sdk.js';

/** What the run knows about the gateway it talks to, for errors reported after a command failed. */
export interface RunState {
  /** The per-request deadlines, once a client exists: a fired one turns an abort into a timeout. */
  deadlines?: Deadlines;
  /** Where requests go and where that came from (for "no answer from …" and "cannot reach …"). */
  target?: { baseURL: string; origin: string; proxy: string | undefined; keyOrigin?: string | undefined };
}

/** What `createProgram` hands every command definition. */
export interface CommandContext {
  io: CliIO;
  clientFactory: ClientFactory;
  /** Secrets hidden from every line printed by any output of this program. */
  secrets: Set<string>;
  /** Defines every lazily loaded command (for `aig completion`, which needs the whole tree). */
  defineAll?: () => Promise<void>;
  /** Results still going through `--jq`; awaited after the command's action. */
  pending?: Promise<void>[];
  /** Shared with runCli, which reports errors after the command has ended. */
  state: RunState;
}

/** The global flags, as commander parses them. */
export interface GlobalOptions {
  key?: string;
  keyFile?: string;
  baseUrl?: string;
  tag?: string;
  timeout?: string;
  json?: boolean;
  jq?: string;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  input?: boolean;
}

// The SDK's retry log line: "↻ GET /v1/models 429 (rate limited); retry 1/2 in 2000 ms".
const RETRY_LINE = /^\u21bb (\S+ \S+) (.+?); retry (\d+)\/(\d+) in (\d+) ms$/;

/** Per-invocation services for a command action: output, settings, the SDK client, interactivity. */
export class Runtime {
  readonly io: CliIO;
  readonly globals: GlobalOptions;
  readonly out: Output;
  /** --timeout (else AIGATEWAY_TIMEOUT) in seconds; undefined for the defaults. */
  readonly timeoutSeconds: number | undefined;
  private readonly ctx: CommandContext;
  private settingsPromise: Promise<ResolvedSettings> | undefined;
  private fetchPromise: Promise<Fetch> | undefined;
  private readonly deadlines: Deadlines;

  constructor(ctx: CommandContext, command: Command) {
    this.ctx = ctx;
    this.io = ctx.io;
    this.globals = command.optsWithGlobals<GlobalOptions>();
    const json = this.globals.json === true || this.globals.jq !== undefined;
    const flags = {
      json,
      jq: this.globals.jq,
      // --json is for scripts: stdout holds the document and stderr an error line only, so notices ("Saved …"),
      // progress and warnings are off as with --quiet; --verbose diagnostics and the secret-leak alert still print.
      quiet: this.globals.quiet === true || json,
      verbose: this.globals.verbose === true && this.globals.quiet !== true,
      color: this.globals.color !== false,
    };
    this.out = new Output(ctx.io, flags, ctx.secrets, ctx.pending);
    this.out.redact(this.globals.key);
    if (this.globals.tag !== undefined) checkTag(this.globals.tag, '--tag');
    this.timeoutSeconds = parseTimeout(this.globals.timeout, this.io.env);
    this.deadlines = new Deadlines((this.timeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_S) * 1000, this.io.signal);
    ctx.state.deadlines = this.deadlines;
  }

  /** Prompts are allowed only with a TTY on stdin and stdout, CI unset and no --no-input. */
  get interactive(): boolean {
    const { stdin, stdout, env } = this.io;
    return stdin.isTTY === true && stdout.isTTY === true && !env.CI && this.globals.input !== false;
  }

  /**
   * For one request: fires on Ctrl-C, or when the request takes longer than --timeout (default 60 s). Each
   * read starts a new deadline.
   */
  get signal(): AbortSignal {
    return this.deadlines.next().signal;
  }

  /** A request deadline that can be ended early, e.g. once a stream has started (then only silence counts). */
  deadline(): Deadline {
    return this.deadlines.next();
  }

  /** Fires on Ctrl-C only: for waits, which have their own timeout. */
  get interruptSignal(): AbortSignal | undefined {
    return this.io.signal;
  }

  /** How long a wait (job, eval) may last, in seconds: --timeout, else AIGATEWAY_TIMEOUT, else 600. */
  get waitSeconds(): number {
    return this.timeoutSeconds ?? DEFAULT_WAIT_TIMEOUT_S;
  }

  /** Key and base URL from flags, environment and `.env`, resolved once. */
  settings(): Promise<ResolvedSettings> {
    this.settingsPromise ??= resolveSettings({
      flagKey: this.globals.key,
      flagKeyFile: this.globals.keyFile,
      flagBaseURL: this.globals.baseUrl,
      env: this.io.env,
      cwd: this.io.cwd,
      readStdin: async () =>
        (await readStream(this.io.stdin)).toString('utf8').split(/\r?\n/)[0]?.trim() ?? '',
    }).then((settings) => {
      this.out.redact(settings.apiKey);
      for (const warning of settings.warnings) this.out.warn(warning);
      return settings;
    });
    return this.settingsPromise;
  }

  /**
   * The fetch every request goes through: node:http (transport/node-fetch.ts), through the proxy that
   * HTTPS_PROXY/HTTP_PROXY/ALL_PROXY name unless NO_PROXY exempts the host.
   */
  fetch(): Promise<Fetch> {
    this.fetchPromise ??= Promise.resolve(createNodeFetch(this.io.env));
    return this.fetchPromise;
  }

  /** Records where requests go, for errors reported later ("no answer from …", "cannot reach …"). */
  target(baseURL: string, origin: string, keyOrigin?: string): void {
    const proxy = proxyFor(baseURL, this.io.env);
    // A proxy URL may carry a user name and password: messages show it without them.
    this.ctx.state.target = { baseURL, origin, proxy: proxy && redactURL(proxy), keyOrigin };
    if (proxy) this.out.debug(`through the proxy ${redactURL(proxy)}`);
  }

  /**
   * An SDK client with the resolved key and base URL; `overrides` replace them (init verifies a typed key,
   * against the base URL of its target folder, this way).
   */
  async client(
    overrides: { apiKey?: string; keyOrigin?: string; baseURL?: string; baseURLOrigin?: string } = {},
  ): Promise<AIgateway> {
    const settings = await this.settings();
    const resolved =
      overrides.apiKey !== undefined && overrides.baseURL !== undefined
        ? { apiKey: overrides.apiKey, baseURL: overrides.baseURL }
        : requireCredentials(settings);
    const key = overrides.apiKey ?? resolved.apiKey;
    const baseURL = overrides.baseURL ?? resolved.baseURL;
    this.out.redact(key);
    if (overrides.apiKey === undefined) this.out.debug(`API key from ${settings.keyOrigin}`);
    const origin = overrides.baseURLOrigin ?? settings.baseURLOrigin;
    this.out.debug(`base URL ${baseURL} (from ${origin})`);
    this.target(baseURL, origin, overrides.apiKey === undefined ? settings.keyOrigin : overrides.keyOrigin);
    if (this.globals.tag) this.out.debug(`tag ${this.globals.tag}`);
    const debug = (line: string) => this.out.debug(line.replace(/^\[aigateway\]\s*/, ''));
    const info = (line: string) => {
      debug(line);
      // A retry can wait long (a rate limit's Retry-After): say so, so a CI log does not go silent. The SDK's own
      // backoff (0.5-2 s for two retries) is too short to need a notice.
      const retry = RETRY_LINE.exec(line.replace(/^\[aigateway\]\s*/, ''));
      if (retry && !this.out.verbose && Number(retry[5]) >= 3000) {
        const [, what, why = '', n, of, ms] = retry;
        const status = /^(\d{3}) \(([^:)]+)/.exec(why);
        const reason = status ? `${status[1]} ${status[2]}` : 'the connection failed';
        this.out.info(
          `${what}: ${reason}; retrying in ${Math.ceil(Number(ms) / 1000)} s (retry ${n} of ${of}).`,
        );
      }
    };
    const warn = (line: string) => this.out.warn(line.replace(/^\[aigateway\]\s*/, ''));
    return this.ctx.clientFactory({
      fetch: await this.fetch(),
      apiKey: key,
      baseURL,
      tag: this.globals.tag,
      // The deadline (rt.signal) ends a request first; the SDK's own per-attempt timeout is the backstop.
      timeout: this.deadlines.ms + 1000,
      logLevel: 'info',
      logger: { debug, info, warn, error: warn },
    });
  }
}

/** A proxy URL without its user name and password, for messages. */
function redactURL(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return '(unparsable proxy URL)';
  }
}

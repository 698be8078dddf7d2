import type { AIgateway } from 'aigateway-js';
import type { Command } from 'commander';
import { requireApiKey, type ResolvedSettings, resolveSettings } from './core/credentials.js';
import { usageError } from './errors.js';
import type { CliIO } from './io.js';
import { Output } from './output.js';
import { createNodeFetch } from './transport/node-fetch.js';
import type { ClientFactory } from './sdk.js';

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
}

/** The global flags, as commander parses them. */
export interface GlobalOptions {
  key?: string;
  baseUrl?: string;
  tag?: string;
  json?: boolean;
  jq?: string;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  input?: boolean;
}

const TAG_SHAPE = /^[A-Za-z0-9._:-]{1,64}$/;

/** Per-invocation services for a command action: output, settings, the SDK client, interactivity. */
export class Runtime {
  readonly io: CliIO;
  readonly globals: GlobalOptions;
  readonly out: Output;
  private readonly ctx: CommandContext;
  private settingsPromise: Promise<ResolvedSettings> | undefined;

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
    if (this.globals.tag !== undefined && !TAG_SHAPE.test(this.globals.tag)) {
      throw usageError(
        `--tag "${this.globals.tag}" is not a valid tag: use 1-64 characters from A-Z a-z 0-9 . _ : -`,
        'invalid_tag',
      );
    }
  }

  /** Prompts are allowed only with a TTY on stdin and stdout, CI unset and no --no-input. */
  get interactive(): boolean {
    const { stdin, stdout, env } = this.io;
    return stdin.isTTY === true && stdout.isTTY === true && !env.CI && this.globals.input !== false;
  }

  /** Fires on Ctrl-C. */
  get signal(): AbortSignal | undefined {
    return this.io.signal;
  }

  /** Key and base URL from flags, environment and `.env`, resolved once. */
  settings(): Promise<ResolvedSettings> {
    this.settingsPromise ??= resolveSettings({
      flagKey: this.globals.key,
      flagBaseURL: this.globals.baseUrl,
      env: this.io.env,
      cwd: this.io.cwd,
    }).then((settings) => {
      this.out.redact(settings.apiKey);
      return settings;
    });
    return this.settingsPromise;
  }

  /**
   * An SDK client with the resolved key and base URL; `overrides` replace them (init verifies a typed key,
   * against the base URL of its target folder, this way).
   */
  async client(overrides: { apiKey?: string; baseURL?: string } = {}): Promise<AIgateway> {
    const settings = await this.settings();
    const key = overrides.apiKey ?? requireApiKey(settings);
    const baseURL = overrides.baseURL ?? settings.baseURL;
    this.out.redact(key);
    if (overrides.apiKey === undefined) this.out.debug(`API key from ${settings.keyOrigin}`);
    if (overrides.baseURL === undefined)
      this.out.debug(`base URL ${baseURL} (from ${settings.baseURLOrigin})`);
    if (this.globals.tag) this.out.debug(`tag ${this.globals.tag}`);
    const log = (line: string) => this.out.debug(line.replace(/^\[aigateway\]\s*/, ''));
    return this.ctx.clientFactory({
      fetch: createNodeFetch(this.io.env),
      apiKey: key,
      baseURL,
      tag: this.globals.tag,
      logLevel: this.out.verbose ? 'info' : 'off',
      logger: { debug: log, info: log, warn: log, error: log },
    });
  }
}

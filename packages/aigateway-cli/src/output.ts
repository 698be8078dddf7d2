import { stylesFor } from './core/color.js';
import type { DescribedError } from './core/describe-error.js';
import { describeDetails, ENVELOPE_KEYS, type ErrorDetails } from './core/error-details.js';
import { runJq } from './core/jq.js';
import { silentStatus, startStatusLine, type StatusLine } from './core/status-line.js';
import { type Column, renderTable } from './core/table.js';
import { CliError } from './errors.js';
import { type Styles, toTerminal } from './core/terminal.js';
import { ExitCode } from './exit-codes.js';
import type { CliIO, OutputStream } from './io.js';

/** The global flags that shape output. */
export interface OutputFlags {
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  color: boolean;
  /** `--jq`: a jq expression the --json output goes through. */
  jq?: string | undefined;
}

/**
 * Everything a command prints goes through here. stdout carries the result only (one JSON document with
 * `--json`); notices, progress and errors go to stderr. Secrets registered with `redact()` are replaced in
 * every line written, whatever the stream. Human output is terminal-safe: control characters in it (from
 * server-provided names, messages or model answers) are shown in caret notation, never sent to the terminal;
 * only the styles of `c` and `ce` produce escapes (see core/terminal.ts).
 */
export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** Styles for stdout (no-ops when colour is off for stdout). */
  readonly c: Styles;
  /** Styles for stderr (no-ops when colour is off for stderr). */
  readonly ce: Styles;
  private readonly stdout: OutputStream;
  private readonly stderr: OutputStream;
  private readonly secrets: Set<string>;
  private readonly jq: string | undefined;
  /** Results still going through jq; the program awaits them before it exits. */
  private readonly pending: Promise<void>[];
  private events: Promise<void> = Promise.resolve();

  /**
   * `secrets` may be shared between outputs so a key learnt by one is hidden by all; `pending` collects the
   * results still being filtered by --jq.
   */
  constructor(
    io: Pick<CliIO, 'stdout' | 'stderr' | 'env'>,
    flags: OutputFlags,
    secrets = new Set<string>(),
    pending: Promise<void>[] = [],
  ) {
    this.secrets = secrets;
    this.jq = flags.jq;
    this.pending = pending;
    this.stdout = io.stdout;
    this.stderr = io.stderr;
    this.json = flags.json;
    this.quiet = flags.quiet;
    this.verbose = flags.verbose;
    this.c = stylesFor(io.stdout, io.env, flags.color);
    this.ce = stylesFor(io.stderr, io.env, flags.color);
  }

  /** Never print `secret`, on any stream, from now on. */
  redact(secret: string | undefined): void {
    if (secret && secret.length >= 6) this.secrets.add(secret);
  }

  /** Print `value` after all: it was registered as a secret but is not one here (the emulator's own key). */
  reveal(value: string): void {
    this.secrets.delete(value);
  }

  private redacted(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    return out;
  }

  /**
   * What `--jq` prints (raw strings, like `jq -r`): data for scripts, so only redacted when piped; on a terminal,
   * control characters a server put in those strings are neutralised like any human output.
   */
  private jqText(text: string): string {
    return this.stdout.isTTY === true ? this.clean(text) : this.redacted(text);
  }

  /** Human text as the terminal gets it: secrets redacted, control characters neutralised, styles applied. */
  private clean(text: string): string {
    return toTerminal(this.redacted(text));
  }

  /** True when stdout is a terminal (tables, colour); false when piped. */
  get stdoutIsTTY(): boolean {
    return this.stdout.isTTY === true;
  }

  /** Writes `text` to stdout (streamed tokens), terminal-safe. */
  write(text: string): void {
    this.stdout.write(this.clean(text));
  }

  /** Writes `text` to stderr as is (a child tool's log), secrets redacted. */
  writeStderr(text: string): void {
    this.stderr.write(this.clean(text));
  }

  /** Writes raw bytes to stdout (binary results piped to a file). */
  writeBytes(bytes: Uint8Array): void {
    this.stdout.write(bytes);
  }

  /** One line of the human result on stdout. */
  line(text = ''): void {
    this.stdout.write(`${this.clean(text)}\n`);
  }

  /** The `--json` result: one pretty-printed document on stdout (or what `--jq` makes of it). */
  result(value: unknown): void {
    // JSON escapes every control character: the document is written as is (secrets redacted).
    const document = `${this.redacted(JSON.stringify(value, null, 2))}\n`;
    if (this.jq === undefined) {
      this.stdout.write(document);
      return;
    }
    const expression = this.jq;
    this.pending.push(
      runJq(value, expression).then(
        (text) => {
          this.stdout.write(this.jqText(text));
        },
        (error: Error) => {
          // Nothing is lost (the result of a create may be shown only once): the whole document instead.
          this.stdout.write(document);
          throw new CliError(
            `--jq: ${error.message}. The command ran; its whole --json document is printed instead.`,
            { code: 'jq_failed', exitCode: ExitCode.Usage },
          );
        },
      ),
    );
  }

  /** One JSON object on its own line (commands that print events); `--jq` filters each, in order. */
  event(value: Record<string, unknown>): void {
    const line = `${this.redacted(JSON.stringify(value))}\n`;
    if (this.jq === undefined) {
      this.stdout.write(line);
      return;
    }
    const expression = this.jq;
    this.events = this.events
      .then(() => runJq(value, expression))
      .then(
        (text) => {
          this.stdout.write(this.jqText(text));
        },
        () => {
          this.stdout.write(line);
        },
      );
  }

  /** An aligned table on stdout, header bold on a colour terminal. */
  table<Row>(columns: ReadonlyArray<Column<Row>>, rows: ReadonlyArray<Row>): void {
    this.line(renderTable(columns, rows, (h) => this.c.bold(h)));
  }

  private note(text: string): void {
    this.stderr.write(`${this.clean(text)}\n`);
  }

  /** A notice on stderr (hidden by --quiet). */
  info(text: string): void {
    if (!this.quiet) this.note(text);
  }

  /** A success notice on stderr (hidden by --quiet). */
  success(text: string): void {
    if (!this.quiet) this.note(`${this.ce.green('✔')} ${text}`);
  }

  /** A warning on stderr (hidden by --quiet). */
  warn(text: string): void {
    if (!this.quiet) this.note(`${this.ce.yellow('warning:')} ${text}`);
  }

  /** A warning on stderr that --quiet does not hide: a secret is about to leak. */
  alert(text: string): void {
    this.note(`${this.ce.yellow('warning:')} ${text}`);
  }

  /** Diagnostics on stderr, only with --verbose: key source, request ids, retries. */
  debug(text: string): void {
    if (this.verbose) this.note(this.ce.dim(`[aig] ${text}`));
  }

  /** A spinner on stderr when it is a terminal and --quiet is off; otherwise prints nothing. */
  status(text: string): StatusLine {
    if (this.quiet || this.stderr.isTTY !== true) return silentStatus;
    return startStatusLine(
      (s) => this.stderr.write(s),
      (s) => this.clean(s),
      text,
    );
  }

  /**
   * Reports an error: one line (or one JSON line with --json) on stderr, with the gateway's type-specific
   * fields (retry after, spend cap…); the stack only with --verbose, and never for Ctrl-C.
   */
  error(error: DescribedError): void {
    if (this.json) {
      const envelope = {
        error: {
          code: error.code,
          message: error.message,
          exit_code: error.exitCode,
          status: error.status ?? null,
          type: error.type ?? null,
          request_id: error.requestId ?? null,
          ...withoutEnvelopeKeys(error.details),
        },
      };
      this.stderr.write(`${this.redacted(JSON.stringify(envelope))}\n`);
    } else if (error.exitCode === ExitCode.Interrupted) {
      this.note(this.ce.dim(error.message));
    } else {
      const details = describeDetails(error.details, error.message);
      const extra = details ? ` (${details})` : '';
      const id = error.requestId ? this.ce.dim(` (X-Request-Id: ${error.requestId})`) : '';
      this.note(`${this.ce.red('error:')} ${error.message}${extra}${id}`);
    }
    // Ctrl-C is how `listen` and `dev` are meant to stop: no stack for it, even with --verbose.
    if (this.verbose && error.stack && error.exitCode !== ExitCode.Interrupted)
      this.note(this.ce.dim(error.stack));
  }
}

function withoutEnvelopeKeys(details: ErrorDetails | undefined): ErrorDetails {
  const rest: ErrorDetails = {};
  for (const [key, value] of Object.entries(details ?? {}))
    if (!ENVELOPE_KEYS.includes(key)) rest[key] = value;
  return rest;
}

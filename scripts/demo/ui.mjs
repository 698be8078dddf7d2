// How the demo prints: numbered step headings, indented output, ✓/✗ results and a summary table.
// Colour only on a terminal, never with NO_COLOR or TERM=dumb. Everything goes through `secrets`.

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

export function useColor(stream = process.stdout, env = process.env) {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export function seconds(ms) {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export class Ui {
  constructor({ stream = process.stdout, secrets, color = useColor(stream) }) {
    this.stream = stream;
    this.secrets = secrets;
    this.c = Object.fromEntries(
      Object.entries(CODES).map(([name, [open, close]]) => [
        name,
        (text) => (color ? `\u001b[${open}m${text}\u001b[${close}m` : String(text)),
      ]),
    );
  }

  write(text) {
    this.stream.write(this.secrets.redact(text));
  }

  line(text = '') {
    this.write(`${text}\n`);
  }

  heading(number, title, what) {
    this.line();
    this.line(this.c.bold(`${String(number).padStart(2)}. ${title}`));
    if (what) this.line(`    ${this.c.dim(what)}`);
  }

  /** A command as a user would type it; `env` names the variables that matter, values masked. */
  command(args, env = {}) {
    const quote = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`);
    const vars = Object.entries(env).map(([k, v]) => `${k}=${quote(v)} `);
    this.line(`    ${this.c.cyan('$')} ${vars.join('')}aig ${args.map(quote).join(' ')}`);
  }

  /** Output lines, indented under a bar. */
  output(text, { max = 12 } = {}) {
    const lines = String(text).replace(/\n+$/, '').split('\n');
    const shown = lines.length > max ? lines.slice(0, max) : lines;
    for (const l of shown) this.line(`    ${this.c.dim('│')}${l ? ` ${l}` : ''}`);
    if (lines.length > max) this.line(`    ${this.c.dim(`│ … ${lines.length - max} more lines`)}`);
  }

  /** Writes streamed output live, indenting each new line; returns { push, end }. */
  liveOutput() {
    let atLineStart = true;
    const redactor = this.secrets.streaming((text) => {
      let out = '';
      for (const ch of text) {
        if (atLineStart && ch !== '\n') out += `    ${this.c.dim('│')} `;
        out += ch;
        atLineStart = ch === '\n';
      }
      this.stream.write(out);
    });
    return {
      push: (chunk) => redactor.push(chunk),
      end: () => {
        redactor.flush();
        if (!atLineStart) this.stream.write('\n');
      },
    };
  }

  note(text) {
    this.line(`    ${text}`);
  }

  result(status, message, ms) {
    const mark = { ok: this.c.green('✓'), fail: this.c.red('✗'), skip: this.c.yellow('-') }[status];
    const paint = status === 'fail' ? this.c.red : (t) => t;
    this.line(`    ${mark} ${paint(message)} ${this.c.dim(`(${seconds(ms)})`)}`);
  }

  summary(results, totalMs) {
    const width = Math.max(...results.map((r) => r.title.length), 4);
    this.line();
    this.line(this.c.bold('Summary'));
    this.line(`  ${' #'}  ${'step'.padEnd(width)}  result  time`);
    for (const r of results) {
      const mark = { ok: this.c.green('✓ ok  '), fail: this.c.red('✗ FAIL'), skip: this.c.yellow('- skip') }[
        r.status
      ];
      this.line(
        `  ${String(r.number).padStart(2)}  ${r.title.padEnd(width)}  ${mark}  ${seconds(r.ms).padStart(7)}`,
      );
    }
    const failed = results.filter((r) => r.status !== 'ok');
    this.line();
    if (failed.length === 0) {
      this.line(this.c.green(`All ${results.length} steps passed in ${seconds(totalMs)}.`));
    } else {
      this.line(
        this.c.red(`${failed.length} of ${results.length} steps did not pass (${seconds(totalMs)}):`),
      );
      for (const r of failed) this.line(this.c.red(`  ${r.number}. ${r.title}: ${r.message}`));
    }
  }
}

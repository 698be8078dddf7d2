// Named checks printed as ✓/✗ with their duration; a failure prints its reason and the run goes on.
import { seconds, useColor } from '../demo/ui.mjs';

export class Report {
  results = [];

  constructor(stream = process.stdout) {
    this.stream = stream;
    const color = useColor(stream);
    const paint = (code) => (text) => (color ? `\u001b[${code}m${text}\u001b[39m` : text);
    this.green = paint(32);
    this.red = paint(31);
    this.yellow = paint(33);
  }

  line(text = '') {
    this.stream.write(`${text}\n`);
  }

  section(title) {
    this.line();
    this.line(title);
  }

  /** Runs `fn`; its resolved string is shown after the name. Returns its value, or undefined on failure. */
  async check(name, fn) {
    const started = performance.now();
    try {
      const detail = await fn();
      const ms = performance.now() - started;
      this.results.push({ name, ok: true });
      this.line(
        `  ${this.green('✓')} ${name}${typeof detail === 'string' ? `: ${detail}` : ''} (${seconds(ms)})`,
      );
      return detail ?? true;
    } catch (error) {
      const ms = performance.now() - started;
      this.results.push({ name, ok: false, reason: error?.message ?? String(error) });
      this.line(`  ${this.red('✗')} ${name} (${seconds(ms)})`);
      for (const l of String(error?.message ?? error).split('\n')) this.line(`      ${this.red(l)}`);
      return undefined;
    }
  }

  warn(message) {
    this.line(`  ${this.yellow('!')} ${message}`);
  }

  get failed() {
    return this.results.filter((r) => !r.ok);
  }

  summary(totalMs) {
    this.line();
    if (this.failed.length === 0) {
      this.line(this.green(`All ${this.results.length} checks passed (${seconds(totalMs)}).`));
    } else {
      this.line(
        this.red(`${this.failed.length} of ${this.results.length} checks failed (${seconds(totalMs)}):`),
      );
      for (const r of this.failed) this.line(this.red(`  ✗ ${r.name}`));
    }
  }
}

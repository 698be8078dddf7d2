import { relative } from 'node:path';
import { DEFAULT_BASE_URL } from '../core/credentials.js';
import type { Runtime } from '../runtime.js';
import type { Language } from './languages.js';
import type { InitPlan } from './plan.js';

export interface InitOutcome {
  plan: InitPlan;
  dir: string;
  model: string;
  lang: Language | undefined;
  baseURL: string;
  dryRun: boolean;
  scaffold: boolean;
  /** The modes the written files really have (after a real run). */
  modes?: Map<string, number> | undefined;
}

/** The flags-only command that repeats this setup without prompts (the key stays a placeholder). */
export function equivalentCommand(outcome: InitOutcome, cwd: string): string {
  const parts = ['AIGATEWAY_API_KEY=<your key>', 'aig init'];
  const dir = relative(cwd, outcome.dir);
  if (dir) parts.push('--dir', JSON.stringify(dir));
  if (outcome.baseURL !== DEFAULT_BASE_URL) parts.push('--base-url', outcome.baseURL);
  if (outcome.scaffold && outcome.lang) parts.push('--lang', outcome.lang);
  else parts.push('--no-scaffold');
  parts.push('--model', outcome.model, '--yes');
  return parts.join(' ');
}

const DONE = {
  create: 'created',
  update: 'updated',
  overwrite: 'overwritten',
  unchanged: 'unchanged',
} as const;
const WOULD = {
  create: 'would create',
  update: 'would update',
  overwrite: 'would overwrite',
  unchanged: 'unchanged',
} as const;

/** Prints what init wrote (or would write), the next steps and the equivalent flags-only command. */
export function reportInit(rt: Runtime, outcome: InitOutcome): void {
  const { out } = rt;
  const { plan, dryRun } = outcome;
  const command = equivalentCommand(outcome, rt.io.cwd);
  const cd = relative(rt.io.cwd, outcome.dir);
  const steps = [...(cd && plan.steps.length ? [`cd ${JSON.stringify(cd)}`] : []), ...plan.steps];
  if (out.json) {
    out.result({
      dry_run: dryRun,
      dir: outcome.dir,
      base_url: outcome.baseURL,
      model: outcome.model,
      lang: outcome.lang ?? null,
      files: plan.files.map((f) => {
        const mode = outcome.modes?.get(f.path) ?? f.mode;
        return {
          path: f.path,
          action: f.action,
          ...(mode === undefined ? {} : { mode: `0${mode.toString(8)}` }),
          ...(f.previousMode === undefined ? {} : { previous_mode: `0${f.previousMode.toString(8)}` }),
          ...(dryRun ? { content: f.content } : {}),
        };
      }),
      next_steps: steps,
      command,
    });
    return;
  }
  const { c } = out;
  for (const file of plan.files) {
    // The mode the file has (read back after writing), and what it was when init changed it.
    const actual = outcome.modes?.get(file.path) ?? file.mode;
    const was =
      file.previousMode === undefined
        ? ''
        : dryRun
          ? ` from ${file.previousMode.toString(8)}`
          : `, was ${file.previousMode.toString(8)}`;
    const mode = actual === undefined ? '' : c.dim(` (mode ${actual.toString(8)}${was})`);
    const verb = (dryRun ? WOULD : DONE)[file.action];
    out.line(
      `${file.action === 'unchanged' ? c.dim('•') : c.green('✔')} ${verb.padEnd(15)} ${file.display}${mode}`,
    );
    if (dryRun && file.action !== 'unchanged') {
      out.line(c.dim(file.content.replace(/^/gm, '    │ ').trimEnd()));
    }
  }
  for (const file of plan.files) {
    const actual = outcome.modes?.get(file.path);
    if (actual !== undefined && file.mode !== undefined && actual !== file.mode) {
      out.alert(
        `${file.display} is mode ${actual.toString(8)}, not ${file.mode.toString(8)}: this file system did not take the mode, so other users may read the key. Keep the folder private.`,
      );
    }
  }
  if (out.quiet) return;
  out.line('');
  out.line(`Model: ${outcome.model} (AIG_MODEL in .env; swap it there, not in code)`);
  if (steps.length) {
    out.line('Next steps:');
    for (const step of steps) out.line(`  ${c.cyan(step)}`);
  } else {
    out.line(`Next: ${c.cyan(`aig call ${outcome.model} "Hello"`)} or ${c.cyan('aig models')}`);
  }
  out.line('Next time, without prompts:');
  out.line(`  ${c.cyan(command)}`);
}

// First run in a project: `aig init` writes the key to .env; `aig models` shows what can be called.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { check, expectExit } from '../runner.mjs';

/** Models the later steps call: the catalog must have them. */
const USED_MODELS = [
  'anthropic/claude-sonnet-4.6',
  'anthropic/claude-opus-4.7',
  'moonshot/kimi-k2.6',
  'runwayml/gen-4',
];

function envValue(text, name) {
  const line = text.split('\n').find((l) => l.startsWith(`${name}=`));
  return line?.slice(name.length + 1).replace(/^"(.*)"$/, '$1');
}

export const init = {
  title: 'aig init',
  what: 'First run in a new project, no prompts (CI=true): check the key, write .env, git-ignore it.',
  async run({ aig, ui, gw, dir }) {
    const r = await aig(['init', '--no-scaffold']);
    expectExit(r, 0, 'aig init --no-scaffold');
    ui.output(`${r.stdout}${r.stderr}`.trim());
    const envFile = join(dir, '.env');
    const text = await readFile(envFile, 'utf8').catch(() => undefined);
    check(text !== undefined, 'aig init did not write .env');
    ui.note(`.env ${ui.c.dim('(key masked)')}`);
    ui.output(text);
    check(envValue(text, 'AIGATEWAY_API_KEY') === gw.apiKey, '.env does not hold the key given to aig init');
    check(envValue(text, 'AIGATEWAY_BASE_URL') === gw.url, ".env does not hold the emulator's base URL");
    const mode = (await stat(envFile)).mode & 0o777;
    check(mode === 0o600, `.env has mode ${mode.toString(8)}, expected 600 (it holds a key)`);
    const ignore = await readFile(join(dir, '.gitignore'), 'utf8').catch(() => '');
    check(/^\.env$/m.test(ignore), '.gitignore does not list .env');
    return '.env holds the key and base URL, mode 600, git-ignored';
  },
};

export const models = {
  title: 'aig models',
  what: 'The model catalog: one slug per model, any modality, behind one URL.',
  async run({ aig, ui }) {
    const r = await aig(['models']);
    expectExit(r, 0, 'aig models');
    ui.output(r.stdout, { max: 8 });
    const rows = r.stdout.trim().split('\n').slice(1);
    for (const slug of USED_MODELS) check(r.stdout.includes(slug), `aig models does not list ${slug}`);
    const modalities = new Set(rows.map((row) => row.trim().split(/\s+/)[1]));
    return `${rows.length} models in ${modalities.size} modalities`;
  },
};

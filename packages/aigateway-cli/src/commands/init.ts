import { join, relative, resolve } from 'node:path';
import type { Model } from 'aigateway-js';
import type { Command } from 'commander';
import type { DefineCommand } from '../command-manifest.js';
import { requireApiKey, resolveSettings } from '../core/credentials.js';
import { withExamples } from '../core/help.js';
import { missingInput } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { describeError } from '../core/describe-error.js';
import { applyPlan } from '../init/apply.js';
import { checkChatModel, chatModels, defaultChatModel, priceHint } from '../init/catalog.js';
import { trackedByGit } from '../init/git-tracked.js';
import { detectLanguage, type Language, parseLanguage } from '../init/languages.js';
import { planInit } from '../init/plan.js';
import { reportInit } from '../init/report.js';
import { withQuietTerminal } from '../prompts/quiet-terminal.js';
import { Runtime } from '../runtime.js';

interface InitOptions {
  lang?: string;
  model?: string;
  dir?: string;
  scaffold: boolean;
  yes?: boolean;
  force?: boolean;
  dryRun?: boolean;
}

async function run(rt: Runtime, options: InitOptions): Promise<void> {
  const dir = resolve(rt.io.cwd, options.dir ?? '.');
  const flagLang = options.lang === undefined ? undefined : parseLanguage(options.lang);
  // The key and base URL of the target folder: --key, env, then that folder's .env.
  const settings = await resolveSettings({
    flagKey: rt.globals.key,
    flagBaseURL: rt.globals.baseUrl,
    env: rt.io.env,
    cwd: dir,
  });
  const interactive = rt.interactive;
  const ask = !options.yes;
  const prompts = interactive ? await import('../prompts/init-prompts.js') : undefined;
  const streams = { input: rt.io.stdin, output: rt.out.json ? rt.io.stderr : rt.io.stdout };
  prompts?.beginInit(streams);

  let apiKey: string;
  let typed = false;
  if (settings.apiKey !== undefined) {
    apiKey = requireApiKey(settings);
    if (prompts) prompts.noteInit(streams, `Using the API key from ${settings.keyOrigin}.`);
    else rt.out.debug(`API key from ${settings.keyOrigin}`);
  } else if (prompts) {
    apiKey = await prompts.askApiKey(streams);
    typed = true;
  } else {
    throw missingInput('API key', '--key or set AIGATEWAY_API_KEY', true);
  }
  rt.out.redact(apiKey);

  // A live `models` call proves the key works and gives the catalog to pick the default model from.
  // On a terminal the call runs with echo off (a key typed meanwhile stays hidden) and Ctrl-C aborts it.
  const cancel = new AbortController();
  const signal = rt.signal ? AbortSignal.any([rt.signal, cancel.signal]) : cancel.signal;
  let models: Model[];
  for (;;) {
    const attempt = await withQuietTerminal(
      prompts ? rt.io.stdin : undefined,
      () => cancel.abort(),
      () =>
        listModels(rt, apiKey, settings.baseURL, signal).then(
          (list) => ({ list, error: undefined }),
          (error: unknown) => ({ list: undefined, error }),
        ),
    );
    if (attempt.list) {
      models = attempt.list;
      break;
    }
    if (!(prompts && typed && describeError(attempt.error).exitCode === ExitCode.Auth)) throw attempt.error;
    prompts.warnInit(streams, `The gateway rejected that key: ${describeError(attempt.error).message}`);
    apiKey = await prompts.askApiKey(streams);
    rt.out.redact(apiKey);
  }

  const chat = chatModels(models);
  let model: string;
  if (options.model !== undefined) model = checkChatModel(options.model, models);
  else if (prompts && ask && options.scaffold) {
    model = await prompts.askModel(
      streams,
      chat.map((m) => ({ id: m.id, hint: priceHint(m) })),
      defaultChatModel(chat),
    );
  } else model = defaultChatModel(chat);

  let lang: Language | undefined;
  if (options.scaffold) {
    const detected = await detectLanguage(dir);
    if (flagLang) lang = flagLang;
    else if (prompts && ask) lang = await prompts.askLanguage(streams, detected.lang);
    else {
      lang = detected.lang;
      rt.out.info(`Starter language: ${lang} (from ${detected.reason}; pass --lang to choose).`);
    }
  }

  const plan = await planInit(
    { dir, apiKey, baseURL: settings.baseURL, model, lang, force: options.force === true },
    rt.io.cwd,
  );
  if (!options.dryRun) await applyPlan(plan.files, rt.signal);
  prompts?.finishInit(streams, options.dryRun ? 'Dry run: nothing was written.' : 'Done.');
  reportInit(rt, {
    plan,
    dir,
    model,
    lang,
    baseURL: settings.baseURL,
    dryRun: options.dryRun === true,
    scaffold: options.scaffold,
  });
  await warnIfEnvTracked(rt, dir);
}

/** .gitignore does not stop git from committing a file it already tracks: say so, with the fix. */
async function warnIfEnvTracked(rt: Runtime, dir: string): Promise<void> {
  if (!(await trackedByGit(dir, '.env', rt.io.env))) return;
  const where = relative(rt.io.cwd, dir);
  const path = join(where, '.env');
  const untrack = where ? `git -C ${JSON.stringify(where)} rm --cached .env` : 'git rm --cached .env';
  rt.out.alert(
    `${path} is tracked by git, so the API key in it would be committed with your next commit. ` +
      `Untrack it with \`${untrack}\` and commit that (the file stays on disk; .gitignore then keeps it out). ` +
      'If a key was ever committed, rotate it.',
  );
}

async function listModels(
  rt: Runtime,
  apiKey: string,
  baseURL: string,
  signal: AbortSignal,
): Promise<Model[]> {
  const status = rt.out.status(`Checking the key with ${baseURL}`);
  try {
    const client = await rt.client({ apiKey, baseURL });
    const page = await client.models.list({ signal });
    return page.data;
  } finally {
    status.stop();
  }
}

export const define: DefineCommand = (command, ctx) => {
  command
    .description(
      'Set up AIgateway in a project: verify your key, save it in .env (mode 600, merged, git-ignored) and ' +
        'scaffold a starter that uses the official OpenAI SDK. Prompts on a terminal; flags everywhere.',
    )
    .option('--lang <lang>', 'starter language: ts, js or python (default: detected)')
    .option('--model <model>', 'default chat model saved as AIG_MODEL (default: picked from the catalog)')
    .option('--dir <dir>', 'project folder (default: the working directory)')
    .option('--no-scaffold', 'only write .env and .gitignore; no starter file, no prompts but the key')
    .option('-y, --yes', 'accept the defaults instead of prompting')
    .option('--force', 'overwrite an existing starter file or a different key in .env')
    .option('--dry-run', 'print what would be written (key hidden) and write nothing')
    .action(async (options: InitOptions, cmd: Command) => run(new Runtime(ctx, cmd), options));
  withExamples(command, [
    ['npx aigateway-cli init', 'interactive: key, language, model'],
    ['AIGATEWAY_API_KEY=sk-aig-... aig init --no-scaffold', 'CI: write .env only, no prompts'],
    ['aig init --key "$KEY" --lang python --model openai/gpt-5.4 --yes', 'fully scripted'],
    ['aig init --lang ts --dry-run', 'show the files without writing them'],
  ]);
};

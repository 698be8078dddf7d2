import { join, relative, resolve } from 'node:path';
import type { Model } from 'aigateway-js/client';
import type { Command } from 'commander';
import type { DefineCommand } from '../command-manifest.js';
import { findDotenv, requireCredentials, resolveSettings } from '../core/credentials.js';
import { readStream } from '../core/files.js';
import { withExamples } from '../core/help.js';
import { missingInput } from '../errors.js';
import { describeError } from '../core/describe-error.js';
import { actualModes, applyPlan } from '../init/apply.js';
import { checkChatModel, chatModels, defaultChatModel, priceHint } from '../init/catalog.js';
import { trackedByGit } from '../init/git-tracked.js';
import { detectLanguage, type Language, parseLanguage } from '../init/languages.js';
import { planInit } from '../init/plan.js';
import { reportInit } from '../init/report.js';
import { checkModelSlug } from '../init/templates.js';
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
  // The key and base URL of the target folder: --key/--key-file, env, then that folder's .env (only: init
  // writes that file, so a .env further up is not the one it updates).
  const settings = await resolveSettings({
    flagKey: rt.globals.key,
    flagKeyFile: rt.globals.keyFile,
    flagBaseURL: rt.globals.baseUrl,
    env: rt.io.env,
    cwd: dir,
    upward: false,
    readStdin: async () => (await readStream(rt.io.stdin)).toString('utf8').split(/\r?\n/)[0]?.trim() ?? '',
  });
  for (const warning of settings.warnings) rt.out.warn(warning);
  const saved = (await findDotenv(dir, false))?.values.AIG_MODEL;
  const interactive = rt.interactive;
  const ask = !options.yes;
  const prompts = interactive
    ? await (await import('../prompts/init-prompts.js')).loadInitPrompts()
    : undefined;
  const streams = { input: rt.io.stdin, output: rt.out.json ? rt.io.stderr : rt.io.stdout };
  prompts?.beginInit(streams);

  let apiKey: string;
  let typed = false;
  if (settings.apiKey !== undefined) {
    apiKey = requireCredentials(settings).apiKey;
    if (prompts) prompts.noteInit(streams, `Using the API key from ${settings.keyOrigin}.`);
    else rt.out.debug(`API key from ${settings.keyOrigin}`);
  } else if (prompts) {
    apiKey = await prompts.askApiKey(streams);
    typed = true;
  } else {
    throw missingInput('API key', 'AIGATEWAY_API_KEY=… or --key-file PATH', true);
  }
  rt.out.redact(apiKey);
  const keyOrigin = typed ? 'the key you typed' : (settings.keyOrigin ?? 'the key');
  // A typed key is not from the folder's .env: the same rule as for any other key applies to its base URL.
  if (typed) requireCredentials({ ...settings, apiKey, keySource: 'flag', keyOrigin });

  // A live `models` call proves the key works and gives the catalog to pick the default model from.
  // On a terminal the call runs with echo off (a key typed meanwhile stays hidden) and Ctrl-C aborts it.
  const cancel = new AbortController();
  let models: Model[];
  for (;;) {
    // Each check is bounded by --timeout (default 60 s): a gateway that never answers must not spin forever.
    const signal = AbortSignal.any([rt.signal, cancel.signal]);
    const attempt = await withQuietTerminal(
      prompts ? rt.io.stdin : undefined,
      () => cancel.abort(),
      () =>
        listModels(
          rt,
          { apiKey, keyOrigin, baseURL: settings.baseURL, baseURLOrigin: settings.baseURLOrigin },
          signal,
        ).then(
          (list) => ({ list, error: undefined }),
          (error: unknown) => ({ list: undefined, error }),
        ),
    );
    if (attempt.list) {
      models = attempt.list;
      break;
    }
    const { AuthenticationError, PermissionDeniedError } = await import('aigateway-js/client');
    const rejected =
      attempt.error instanceof AuthenticationError || attempt.error instanceof PermissionDeniedError;
    if (!(prompts && typed && rejected)) throw attempt.error;
    prompts.warnInit(
      streams,
      `The gateway rejected that key: ${(await describeError(attempt.error)).message}`,
    );
    apiKey = await prompts.askApiKey(streams);
    rt.out.redact(apiKey);
  }

  const chat = chatModels(models);
  // A model saved in .env stays unless --model (or the picker) changes it; the picker starts on it.
  const keep = saved !== undefined && saved !== '' ? checkSavedModel(rt, saved, chat) : undefined;
  let model: string;
  if (options.model !== undefined) model = checkChatModel(options.model, models);
  else if (prompts && ask && options.scaffold) {
    model = await prompts.askModel(
      streams,
      chat.map((m) => ({ id: m.id, hint: priceHint(m) })),
      keep !== undefined && chat.some((m) => m.id === keep) ? keep : defaultChatModel(chat),
    );
  } else model = keep ?? defaultChatModel(chat);

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
  if (!options.dryRun) await applyPlan(plan.files, rt.interruptSignal);
  const modes = options.dryRun ? undefined : await actualModes(plan.files);
  prompts?.finishInit(streams, options.dryRun ? 'Dry run: nothing was written.' : 'Done.');
  reportInit(rt, {
    modes,
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

/** A saved AIG_MODEL is kept (never replaced silently), if it is a slug; a warning when the catalog lacks it. */
function checkSavedModel(rt: Runtime, saved: string, chat: readonly Model[]): string {
  checkModelSlug(saved, 'AIG_MODEL in .env is');
  if (!chat.some((m) => m.id === saved)) {
    rt.out.warn(
      `AIG_MODEL ${saved} (saved in .env) is not a chat model in the catalog; keeping it. Pass --model to change it (aig models --modality chat).`,
    );
  }
  return saved;
}

async function listModels(
  rt: Runtime,
  target: { apiKey: string; keyOrigin: string; baseURL: string; baseURLOrigin: string },
  signal: AbortSignal,
): Promise<Model[]> {
  const status = rt.out.status(`Checking the key with ${target.baseURL}`);
  try {
    const client = await rt.client(target);
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
    ['aig init --key-file key.txt --lang python --model openai/gpt-5.4 --yes', 'fully scripted'],
    ['aig init --lang ts --dry-run', 'show the files without writing them'],
  ]);
};

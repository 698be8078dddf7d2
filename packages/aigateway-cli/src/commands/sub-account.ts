import { listSubAccountsOperation } from 'aigateway-contract';
import type { SubAccount, SubAccountList } from 'aigateway-js/client';
import type { Command } from 'commander';
import type { DefineCommand } from '../command-manifest.js';
import { dollars, isoTime } from '../core/format.js';
import { withExamples } from '../core/help.js';
import { parseInteger } from '../core/parse.js';
import { neutralise } from '../core/terminal.js';
import { interrupted, missingInput, usageError } from '../errors.js';
import { type FieldFlags, fields } from '../sub-account/fields.js';
import { Runtime } from '../runtime.js';

function describe(rt: Runtime, sub: SubAccount): void {
  const { c } = rt.out;
  rt.out.line(`${c.bold(sub.id)}  ${sub.name}`);
  rt.out.line(
    `  spend cap ${sub.spend_cap_cents === null ? 'none' : `${dollars(sub.spend_cap_cents)}/month`}` +
      `  spent ${dollars(sub.spent_cents)} this month (resets ${isoTime(sub.current_period_end)})`,
  );
  rt.out.line(
    `  rate limit ${sub.rate_limit_rpm === null ? 'account default' : `${sub.rate_limit_rpm} rpm`}` +
      `  default tag ${sub.default_tag ?? 'none'}  key ${sub.key_prefix}…`,
  );
}

/** The contract's `limit` of `GET /v1/sub-accounts`. */
const LIMIT = (() => {
  const schema = listSubAccountsOperation.query.find((q) => q.name === 'limit')?.schema;
  return { minimum: schema?.minimum ?? 1, maximum: schema?.maximum ?? 100, default: schema?.default ?? 20 };
})();

interface ListFlags {
  limit?: string;
  startingAfter?: string;
  all?: boolean;
}

/** Deleting kills a key at once: ask on a terminal, demand --yes elsewhere (and with --json). */
async function confirmDelete(
  r: Runtime,
  client: Awaited<ReturnType<Runtime['client']>>,
  id: string,
): Promise<void> {
  if (!r.interactive || r.out.json) {
    throw missingInput(`confirmation to delete ${id} (its key stops working at once)`, '--yes', !r.out.json);
  }
  const sub = await client.subAccounts.retrieve(id, { signal: r.signal });
  const { askConfirm } = await import('../prompts/confirm.js');
  const yes = await askConfirm(
    { input: r.io.stdin, output: r.io.stdout },
    `Delete ${sub.id} (${neutralise(sub.name)}, spent ${dollars(sub.spent_cents)} this month)? Its key stops working at once.`,
  );
  if (!yes) throw interrupted(`Kept ${id}: nothing was deleted.`);
}

function subcommand(parent: Command, name: string, description: string): Command {
  return parent.command(name).description(description);
}

export const define: DefineCommand = (command, ctx) => {
  command.description(
    'Per-customer keys with their own monthly spend cap, rate limit and usage. Needs the top-level key.',
  );
  const rt = (cmd: Command) => new Runtime(ctx, cmd);
  const fieldOptions = (cmd: Command, update: boolean) =>
    cmd
      .option('--name <name>', 'display name, e.g. your customer id')
      .option('--spend-cap-cents <cents>', `monthly cap in US cents${update ? ' ("none" removes it)' : ''}`)
      .option('--rpm <n>', `requests per minute${update ? ' ("none" removes it)' : ''}`)
      .option(
        '--default-tag <tag>',
        `x-aig-tag for requests without one${update ? ' ("none" removes it)' : ''}`,
      )
      .option('--metadata <json>', 'a JSON object stored with it');

  const create = fieldOptions(
    subcommand(command, 'create', 'Create a sub-account; prints its key once.'),
    false,
  ).action(async (flags: FieldFlags, cmd: Command) => {
    if (!flags.name) throw missingInput('name', '--name <name>');
    const r = rt(cmd);
    const client = await r.client();
    const body = { ...fields(flags, false), name: flags.name.trim() };
    const { data: sub, requestId } = await client.subAccounts
      .create(body, { signal: r.signal })
      .withResponse();
    r.out.debug(`request id ${requestId}`);
    if (r.out.json) return r.out.result(sub);
    describe(r, sub);
    r.out.line(`Key (shown once, store it now): ${sub.key}`);
  });
  withExamples(create, [
    [
      'aig sub-account create --name customer-123 --spend-cap-cents 10000 --default-tag customer-123',
      'with a $100 cap',
    ],
    ['KEY=$(aig sub-account create --name acme --json | jq -r .key)', 'capture the key in a script'],
  ]);

  const list = subcommand(
    command,
    'list',
    'List sub-accounts, newest first (20 at a time unless --limit or --all).',
  )
    .option(
      '--limit <n>',
      `how many to list per page, ${LIMIT.minimum}-${LIMIT.maximum} (default ${LIMIT.default})`,
    )
    .option(
      '--starting-after <id>',
      'list those after this sub-account id (the last one of the previous page)',
    )
    .option('--all', 'list every sub-account, page after page')
    .action(async (flags: ListFlags, cmd: Command) => {
      const r = rt(cmd);
      const limit =
        flags.limit === undefined
          ? undefined
          : parseInteger(flags.limit, '--limit', LIMIT.minimum, LIMIT.maximum);
      const client = await r.client();
      let page: SubAccountList | undefined;
      const all: SubAccount[] = [];
      let after = flags.startingAfter;
      do {
        const query = {
          ...(limit === undefined ? {} : { limit }),
          ...(after === undefined ? {} : { starting_after: after }),
        };
        const { data, requestId } = await client.subAccounts
          .list(Object.keys(query).length ? query : undefined, { signal: r.signal })
          .withResponse();
        r.out.debug(`request id ${requestId}`);
        page = data;
        all.push(...data.data);
        after = data.data.at(-1)?.id;
      } while (flags.all && page.has_more && after !== undefined);
      page = { ...page, data: all, has_more: flags.all ? false : page.has_more };
      if (r.out.json) return r.out.result(page);
      if (page.data.length === 0)
        return r.out.info('No sub-accounts yet. Create one with `aig sub-account create --name <name>`.');
      r.out.table(
        [
          { header: 'ID', value: (s: SubAccount) => s.id },
          { header: 'NAME', value: (s) => s.name },
          { header: 'SPENT', value: (s) => dollars(s.spent_cents), align: 'right' },
          {
            header: 'CAP',
            value: (s) => (s.spend_cap_cents === null ? '-' : dollars(s.spend_cap_cents)),
            align: 'right',
          },
          {
            header: 'RPM',
            value: (s) => (s.rate_limit_rpm === null ? '-' : String(s.rate_limit_rpm)),
            align: 'right',
          },
          { header: 'DEFAULT TAG', value: (s) => s.default_tag ?? '-' },
        ],
        page.data,
      );
      const last = page.data.at(-1)?.id;
      if (page.has_more && last)
        r.out.info(
          `More sub-accounts exist: aig sub-account list --starting-after ${last}${limit === undefined ? '' : ` --limit ${limit}`} (or --all).`,
        );
    });
  withExamples(list, [
    ['aig sub-account list', 'a table'],
    ['aig sub-account list --all --json', 'every one, for scripts'],
    ['aig sub-account list --limit 100 --starting-after sa_abc', 'the next page'],
  ]);

  const get = subcommand(command, 'get', "Show a sub-account and this month's spend.")
    .argument('<id>', 'sub-account id (sa_…)')
    .action(async (id: string, _f: object, cmd: Command) => {
      const r = rt(cmd);
      const client = await r.client();
      const sub = await client.subAccounts.retrieve(id, { signal: r.signal });
      if (r.out.json) return r.out.result(sub);
      describe(r, sub);
    });
  withExamples(get, [['aig sub-account get sa_abc', 'spend against the cap']]);

  const update = fieldOptions(
    subcommand(command, 'update', 'Change name, cap, rate limit, default tag or metadata.'),
    true,
  )
    .argument('<id>', 'sub-account id (sa_…)')
    .action(async (id: string, flags: FieldFlags, cmd: Command) => {
      const body = fields(flags, true);
      if (Object.keys(body).length === 0) {
        throw usageError(
          'Nothing to update: pass --name, --spend-cap-cents, --rpm, --default-tag or --metadata.',
        );
      }
      const r = rt(cmd);
      const client = await r.client();
      const sub = await client.subAccounts.update(id, body, { signal: r.signal });
      if (r.out.json) return r.out.result(sub);
      describe(r, sub);
    });
  withExamples(update, [
    ['aig sub-account update sa_abc --spend-cap-cents 20000', 'raise the cap after a 402'],
    ['aig sub-account update sa_abc --rpm none', 'back to the account limit'],
  ]);

  const del = subcommand(
    command,
    'delete',
    'Delete a sub-account; its key stops working at once (asks first).',
  )
    .argument('<id>', 'sub-account id (sa_…)')
    .option('-y, --yes', 'delete without asking (required without a terminal)')
    .action(async (id: string, flags: { yes?: boolean }, cmd: Command) => {
      const r = rt(cmd);
      const client = await r.client();
      if (!flags.yes) await confirmDelete(r, client, id);
      const deleted = await client.subAccounts.delete(id, { signal: r.signal });
      if (r.out.json) return r.out.result(deleted);
      r.out.line(`Deleted ${deleted.id}`);
    });
  withExamples(del, [
    ['aig sub-account delete sa_abc', 'revoke a customer (asks first)'],
    ['aig sub-account delete sa_abc --yes', 'in a script'],
  ]);

  withExamples(command, [
    ['aig sub-account create --name customer-123 --spend-cap-cents 10000', 'mint a capped key'],
    ['aig sub-account list', 'see spend per customer'],
  ]);
};

import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { API_PREFIX, MCP_PATH } from 'aigateway-contract';
import { requireApiKey } from '../core/credentials.js';
import { usageError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { CLIENT_SPECS, CLIENTS, type ClientName, KEY_VARIABLE, type Scope } from './clients.js';
import { planConfig, writePlan } from './config-file.js';

export interface InstallFlags {
  client?: string;
  name: string;
  scope?: string;
  dir?: string;
  force?: boolean;
  dryRun?: boolean;
  print?: boolean;
}

/** The gateway's MCP endpoint beside its REST base URL (`…/v1` → `…/mcp`), as `aig mcp tools` connects. */
function mcpURL(baseURL: string): string {
  const url = new URL(baseURL);
  const root = url.pathname.replace(/\/+$/, '');
  url.pathname = `${root.endsWith(API_PREFIX) ? root.slice(0, -API_PREFIX.length) : root}${MCP_PATH}`;
  return url.toString();
}

function parseClient(raw: string | undefined): ClientName {
  const client = CLIENTS.find((c) => c === raw?.trim().toLowerCase());
  if (client) return client;
  throw usageError(
    raw === undefined
      ? `Missing --client: pass one of ${CLIENTS.join(', ')}.`
      : `--client must be one of ${CLIENTS.join(', ')}, got "${raw}".`,
    raw === undefined ? 'missing_input' : 'invalid_input',
  );
}

export async function runInstall(rt: Runtime, flags: InstallFlags): Promise<void> {
  const client = parseClient(flags.client);
  const spec = CLIENT_SPECS[client];
  const scope = (flags.scope ?? spec.scopes[0]) as Scope;
  if (!spec.scopes.includes(scope)) {
    throw usageError(
      `--scope must be ${spec.scopes.join(' or ')} for ${client}${flags.scope === 'user' && client === 'claude-code' ? ' (its user-scope servers live in ~/.claude.json, which Claude Code rewrites itself: run `claude mcp add --scope user`)' : ''}, got "${flags.scope}".`,
    );
  }
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(flags.name)) {
    throw usageError(`--name must be 1-64 characters from A-Z a-z 0-9 _ . -, got "${flags.name}".`);
  }
  const settings = await rt.settings();
  const url = mcpURL(settings.baseURL);
  const literal = spec.key.kind === 'literal';
  // Only clients that cannot expand a variable need the key itself, and only when the file is really written.
  const writesKey = literal && !flags.print && !flags.dryRun;
  const bearer =
    spec.key.kind === 'variable' ? spec.key.text : writesKey ? requireApiKey(settings) : `<${KEY_VARIABLE}>`;
  const entry = spec.entry(url, bearer);
  const home = rt.io.env.HOME || rt.io.env.USERPROFILE || homedir();
  const place = {
    home,
    platform: process.platform,
    env: rt.io.env,
    dir: resolve(rt.io.cwd, flags.dir ?? '.'),
  };
  const path = spec.file(scope, place);
  const keyNote = literal
    ? `the key itself (${spec.label} does not expand variables), in a file only you can read`
    : `the ${KEY_VARIABLE} environment variable (${spec.label} expands it; set it where ${spec.label} starts)`;

  if (flags.print) {
    if (rt.out.json) return rt.out.result({ client, container: spec.container, name: flags.name, entry });
    rt.out.line(JSON.stringify({ [spec.container]: { [flags.name]: entry } }, null, 2));
    rt.out.info(
      `Add this to ${path} (${spec.docs}).${literal ? ` Put your key in place of <${KEY_VARIABLE}>.` : ''}`,
    );
    return;
  }
  const plan = await planConfig(path, spec.container, flags.name, entry, flags.force === true);
  const summary = {
    client,
    scope,
    path,
    name: flags.name,
    url,
    key: literal ? 'literal' : `env:${KEY_VARIABLE}`,
    action: plan.action,
    dry_run: flags.dryRun === true,
    docs: spec.docs,
  };
  if (flags.dryRun) {
    if (rt.out.json) return rt.out.result({ ...summary, content: plan.content });
    rt.out.info(
      `Would ${plan.action === 'unchanged' ? 'leave unchanged' : plan.action === 'create' ? 'create' : 'update'} ${path}:`,
    );
    rt.out.write(plan.content);
    return;
  }
  if (plan.action !== 'unchanged') await writePlan(plan, literal ? 0o600 : 0o644);
  if (rt.out.json) return rt.out.result(summary);
  const what = {
    create: `Created ${path}`,
    add: `Added "${flags.name}" to ${path}`,
    replace: `Replaced "${flags.name}" in ${path}`,
    unchanged: `${path} already has this "${flags.name}" entry`,
  }[plan.action];
  rt.out.line(`${what}: ${spec.label} → ${url}, key from ${keyNote}.`);
  rt.out.info(`Restart ${spec.label} (or reload its MCP servers) to use it. Format: ${spec.docs}`);
}

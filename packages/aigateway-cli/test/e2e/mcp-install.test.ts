import { lstat, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Gateway, json, startGateway, TEST_KEY } from '../helpers/gateway.js';

// `aig mcp install` through the built binary, in a temp HOME and a temp project folder.
let g: Gateway;
let home: string;
let project: string;
let mcpURL: string;

beforeAll(async () => {
  g = await startGateway();
  mcpURL = g.gw.url.replace(/\/v1$/, '/mcp');
});
afterAll(async () => {
  expect(g.transcript()).not.toContain(TEST_KEY);
  await g.close();
});
beforeEach(async () => {
  const root = await mkdtemp(join(tmpdir(), 'aig-mcp-install-'));
  home = join(root, 'home');
  project = join(root, 'project');
  await mkdir(home, { recursive: true });
  await mkdir(project, { recursive: true });
  return () => rm(root, { recursive: true, force: true });
});

const install = (...args: string[]) =>
  g.bin(['mcp', 'install', ...args], { cwd: project, env: { HOME: home, XDG_CONFIG_HOME: undefined } });
interface Entry {
  url?: string;
  serverUrl?: string;
  headers?: Record<string, string>;
  [field: string]: unknown;
}
type Config = { mcpServers: Record<string, Entry>; servers: Record<string, Entry>; theme?: string };
const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as Config;
const bearerVar = (syntax: string) => ({ Authorization: `Bearer ${syntax}` });
// The clients' own variable syntaxes, written literally into their configs.
// biome-ignore lint/suspicious/noTemplateCurlyInString: Claude Code's ${VAR}.
const CLAUDE_VAR = '${AIGATEWAY_API_KEY}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: ${env:VAR} of Cursor, VS Code and Windsurf.
const ENV_VAR = '${env:AIGATEWAY_API_KEY}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: mcp-remote's placeholder.
const REMOTE_HEADER = 'Authorization:${AIGATEWAY_AUTH_HEADER}';

describe('aig mcp install --client …: the entry each client reads, where it reads it', () => {
  it.each([
    [
      'claude-code',
      () => join(project, '.mcp.json'),
      'mcpServers',
      () => ({ type: 'http', url: mcpURL, headers: bearerVar(CLAUDE_VAR) }),
    ],
    [
      'cursor',
      () => join(project, '.cursor/mcp.json'),
      'mcpServers',
      () => ({ url: mcpURL, headers: bearerVar(ENV_VAR) }),
    ],
    [
      'vscode',
      () => join(project, '.vscode/mcp.json'),
      'servers',
      () => ({ type: 'http', url: mcpURL, headers: bearerVar(ENV_VAR) }),
    ],
    [
      'windsurf',
      () => join(home, '.codeium/windsurf/mcp_config.json'),
      'mcpServers',
      () => ({ serverUrl: mcpURL, headers: bearerVar(ENV_VAR) }),
    ],
  ] as const)(
    '%s: references the key as a variable, the file holds no key',
    async (client, file, container, entry) => {
      const r = await install('--client', client);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`Created ${file()}`);
      const config = await readJson(file());
      expect(config).toEqual({ [container]: { aigateway: entry() } });
      expect(await readFile(file(), 'utf8')).not.toContain(TEST_KEY);
    },
  );

  it.each([
    [
      'cline',
      () =>
        join(home, '.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json'),
      () => ({
        type: 'streamableHttp',
        url: mcpURL,
        headers: { Authorization: `Bearer ${TEST_KEY}` },
        disabled: false,
      }),
    ],
    [
      'claude-desktop',
      () => join(home, '.config/Claude/claude_desktop_config.json'),
      () => ({
        command: 'npx',
        args: ['-y', 'mcp-remote', mcpURL, '--header', REMOTE_HEADER],
        env: { AIGATEWAY_AUTH_HEADER: `Bearer ${TEST_KEY}` },
      }),
    ],
  ] as const)(
    '%s: writes the key itself, in a file only its owner can read (0600), never printing it',
    async (client, file, entry) => {
      const r = await install('--client', client);
      expect(r.code, r.stderr).toBe(0);
      expect((await readJson(file())).mcpServers).toEqual({ aigateway: entry() });
      expect((await stat(file())).mode & 0o777).toBe(0o600);
      expect(r.stdout + r.stderr).not.toContain(TEST_KEY);
    },
  );

  it('the Claude Code entry works: the official MCP client, with its headers (variable expanded), lists the tools', async () => {
    expect((await install('--client', 'claude-code')).code).toBe(0);
    const entry = (await readJson(join(project, '.mcp.json'))).mcpServers.aigateway;
    const expanded = Object.fromEntries(
      Object.entries(entry?.headers ?? {}).map(([k, v]) => [k, v.replace(CLAUDE_VAR, TEST_KEY)]),
    );
    const client = new Client({ name: 'mcp-install-test', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(entry?.url ?? ''), { requestInit: { headers: expanded } }),
    );
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('list_models');
    } finally {
      await client.close();
    }
  });
});

describe('merging: never clobbering, always atomic', () => {
  it('keeps other servers and settings; a second run changes nothing', async () => {
    const path = join(project, '.cursor/mcp.json');
    await mkdir(dirname(path), { recursive: true });
    const before = { theme: 'dark', mcpServers: { github: { url: 'https://example.com/mcp' } } };
    await writeFile(path, JSON.stringify(before));
    const r = await install('--client', 'cursor');
    expect(r.stdout).toContain(`Added "aigateway" to ${path}`);
    const after = await readJson(path);
    expect(after.theme).toBe('dark');
    expect(Object.keys(after.mcpServers)).toEqual(['github', 'aigateway']);
    const again = await install('--client', 'cursor', '--json');
    expect(json(again)).toMatchObject({ action: 'unchanged', path, key: 'env:AIGATEWAY_API_KEY' });
  });

  it('a different entry under the same name: exit 2 and left as is; --force replaces it; --name adds beside it', async () => {
    const path = join(project, '.mcp.json');
    const theirs = { mcpServers: { aigateway: { type: 'http', url: 'https://other.example/mcp' } } };
    await writeFile(path, JSON.stringify(theirs));
    const refused = await install('--client', 'claude-code');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /already has a different MCP server named "aigateway"; it was left as is\. Pass --force/,
    );
    expect(await readJson(path)).toEqual(theirs);
    expect((await install('--client', 'claude-code', '--name', 'aigateway-local')).code).toBe(0);
    expect(Object.keys((await readJson(path)).mcpServers)).toEqual(['aigateway', 'aigateway-local']);
    expect((await install('--client', 'claude-code', '--force')).code).toBe(0);
    expect((await readJson(path)).mcpServers.aigateway?.url).toBe(mcpURL);
  });

  it('a file that is not JSON (comments): exit 2, untouched', async () => {
    const path = join(project, '.vscode/mcp.json');
    await mkdir(dirname(path), { recursive: true });
    const text = '{\n  // my servers\n  "servers": {}\n}\n';
    await writeFile(path, text);
    const r = await install('--client', 'vscode');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a JSON object aig can edit .*--print/);
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('a symlinked config (dotfiles): the file it points to is updated, the link stays', async () => {
    const real = join(home, 'dotfiles/mcp_config.json');
    await mkdir(dirname(real), { recursive: true });
    await writeFile(real, '{"mcpServers":{}}');
    const link = join(home, '.codeium/windsurf/mcp_config.json');
    await mkdir(dirname(link), { recursive: true });
    await symlink(real, link);
    expect((await install('--client', 'windsurf')).code).toBe(0);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect((await readJson(real)).mcpServers.aigateway?.serverUrl).toBe(mcpURL);
  });

  it('--dry-run prints the file and writes nothing; --print prints the entry alone (no key, even for cline)', async () => {
    const dry = await install('--client', 'vscode', '--dry-run');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({
      servers: { aigateway: { type: 'http', url: mcpURL, headers: bearerVar(ENV_VAR) } },
    });
    await expect(stat(join(project, '.vscode/mcp.json'))).rejects.toThrow(/ENOENT/);
    const printed = await install('--client', 'cline', '--print');
    expect((JSON.parse(printed.stdout) as Config).mcpServers.aigateway?.headers).toEqual({
      Authorization: 'Bearer <AIGATEWAY_API_KEY>',
    });
    expect(printed.stdout + printed.stderr).not.toContain(TEST_KEY);
  });

  it('bad input: an unknown client, a scope the client lacks', async () => {
    const unknown = await install('--client', 'emacs');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /--client must be one of claude-code, cursor, vscode, windsurf, cline, claude-desktop/,
    );
    const scope = await install('--client', 'windsurf', '--scope', 'project');
    expect(scope.code).toBe(2);
    expect(scope.stderr).toMatch(/--scope must be user for windsurf/);
  });
});

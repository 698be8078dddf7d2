// Where each MCP client keeps its servers and what an entry for the gateway's Streamable HTTP endpoint looks like
// there. The key is referenced through the AIGATEWAY_API_KEY environment variable wherever the client expands
// variables in its config; the others get the key itself, in a file only its owner can read (0600).
import { join } from 'node:path';

/** The clients `aig mcp install --client` knows. */
export const CLIENTS = ['claude-code', 'cursor', 'vscode', 'windsurf', 'cline', 'claude-desktop'] as const;
export type ClientName = (typeof CLIENTS)[number];

/** A project's config (committed with it) or the user's (every project). */
export type Scope = 'project' | 'user';

/** The environment variable entries reference, the same one `aig` reads. */
export const KEY_VARIABLE = 'AIGATEWAY_API_KEY';

/** Where paths come from: the user's home and config folders, and the OS. */
export interface Place {
  home: string;
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** The project folder (project scope). */
  dir: string;
}

/** How an entry carries the key: a variable the client expands, or the key itself. */
export type KeyReference = { kind: 'variable'; text: string } | { kind: 'literal' };

export interface ClientSpec {
  label: string;
  /** Where the client documents this format (cited in `aig mcp install --help` too). */
  docs: string;
  scopes: readonly Scope[];
  /** The key in the config file that holds the servers, by name. */
  container: 'mcpServers' | 'servers';
  file(scope: Scope, place: Place): string;
  /** How `Bearer <key>` is written, given the key's text (a variable reference, or the key). */
  key: KeyReference;
  entry(url: string, bearer: string): Record<string, unknown>;
}

/** VS Code's user folder, where its user-level files (and extensions' global storage) live. */
function vscodeUserDir(place: Place): string {
  if (place.platform === 'darwin') return join(place.home, 'Library/Application Support/Code/User');
  if (place.platform === 'win32')
    return join(place.env.APPDATA ?? join(place.home, 'AppData/Roaming'), 'Code/User');
  return join(place.env.XDG_CONFIG_HOME || join(place.home, '.config'), 'Code/User');
}

export const CLIENT_SPECS: Record<ClientName, ClientSpec> = {
  // https://code.claude.com/docs/en/mcp — project scope is .mcp.json at the project root; "Environment variable
  // expansion in .mcp.json": ${VAR} is expanded in command, args, env, url and headers. (User scope lives in
  // ~/.claude.json, a file Claude Code rewrites itself; `claude mcp add --scope user` is the way there.)
  'claude-code': {
    label: 'Claude Code',
    docs: 'https://code.claude.com/docs/en/mcp',
    scopes: ['project'],
    container: 'mcpServers',
    file: (_scope, place) => join(place.dir, '.mcp.json'),
    key: { kind: 'variable', text: `\${${KEY_VARIABLE}}` },
    entry: (url, bearer) => ({ type: 'http', url, headers: { Authorization: `Bearer ${bearer}` } }),
  },
  // https://cursor.com/docs/mcp — .cursor/mcp.json in the project or ~/.cursor/mcp.json; a remote server is `url`
  // plus `headers`, and values may use ${env:NAME}.
  cursor: {
    label: 'Cursor',
    docs: 'https://cursor.com/docs/mcp',
    scopes: ['project', 'user'],
    container: 'mcpServers',
    file: (scope, place) => join(scope === 'project' ? place.dir : place.home, '.cursor/mcp.json'),
    key: { kind: 'variable', text: `\${env:${KEY_VARIABLE}}` },
    entry: (url, bearer) => ({ url, headers: { Authorization: `Bearer ${bearer}` } }),
  },
  // https://code.visualstudio.com/docs/copilot/reference/mcp-configuration — .vscode/mcp.json or mcp.json in the
  // user profile, servers under "servers"; an HTTP server is type "http" with url and headers; predefined
  // variables (${env:NAME} among them) are resolved in server configurations.
  vscode: {
    label: 'VS Code',
    docs: 'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration',
    scopes: ['project', 'user'],
    container: 'servers',
    file: (scope, place) =>
      scope === 'project' ? join(place.dir, '.vscode/mcp.json') : join(vscodeUserDir(place), 'mcp.json'),
    key: { kind: 'variable', text: `\${env:${KEY_VARIABLE}}` },
    entry: (url, bearer) => ({ type: 'http', url, headers: { Authorization: `Bearer ${bearer}` } }),
  },
  // https://docs.windsurf.com/windsurf/cascade/mcp — ~/.codeium/windsurf/mcp_config.json; a remote server is
  // `serverUrl` (not `url`) plus `headers`; config values support ${env:NAME} interpolation.
  windsurf: {
    label: 'Windsurf',
    docs: 'https://docs.windsurf.com/windsurf/cascade/mcp',
    scopes: ['user'],
    container: 'mcpServers',
    file: (_scope, place) => join(place.home, '.codeium/windsurf/mcp_config.json'),
    key: { kind: 'variable', text: `\${env:${KEY_VARIABLE}}` },
    entry: (url, bearer) => ({ serverUrl: url, headers: { Authorization: `Bearer ${bearer}` } }),
  },
  // https://docs.cline.bot/mcp/configuring-mcp-servers — every server is in cline_mcp_settings.json, in the
  // extension's global storage (saoudrizwan.claude-dev) under VS Code's user folder; a remote server is `url` with
  // `headers`, and "type": "streamableHttp" selects Streamable HTTP over the legacy SSE. Cline documents no
  // variable expansion, so the file holds the key (mode 0600).
  cline: {
    label: 'Cline',
    docs: 'https://docs.cline.bot/mcp/configuring-mcp-servers',
    scopes: ['user'],
    container: 'mcpServers',
    file: (_scope, place) =>
      join(vscodeUserDir(place), 'globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json'),
    key: { kind: 'literal' },
    entry: (url, bearer) => ({
      type: 'streamableHttp',
      url,
      headers: { Authorization: `Bearer ${bearer}` },
      disabled: false,
    }),
  },
  // https://support.claude.com/en/articles/11503834 — Claude Desktop does not connect to remote servers written
  // in claude_desktop_config.json (only through Settings > Connectors, with OAuth), so the entry runs the
  // mcp-remote bridge (https://github.com/geelen/mcp-remote) as a local stdio server: its --header takes
  // "Name:${VAR}" filled from the entry's env, where the key is (the app does not see your shell's variables).
  // Config file: https://modelcontextprotocol.io/quickstart/user.
  'claude-desktop': {
    label: 'Claude Desktop',
    docs: 'https://support.claude.com/en/articles/11503834',
    scopes: ['user'],
    container: 'mcpServers',
    file: (_scope, place) => {
      if (place.platform === 'darwin')
        return join(place.home, 'Library/Application Support/Claude/claude_desktop_config.json');
      if (place.platform === 'win32')
        return join(
          place.env.APPDATA ?? join(place.home, 'AppData/Roaming'),
          'Claude/claude_desktop_config.json',
        );
      return join(
        place.env.XDG_CONFIG_HOME || join(place.home, '.config'),
        'Claude/claude_desktop_config.json',
      );
    },
    key: { kind: 'literal' },
    entry: (url, bearer) => ({
      command: 'npx',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: mcp-remote's own placeholder, filled from `env`.
      args: ['-y', 'mcp-remote', url, '--header', 'Authorization:${AIGATEWAY_AUTH_HEADER}'],
      env: { AIGATEWAY_AUTH_HEADER: `Bearer ${bearer}` },
    }),
  },
};

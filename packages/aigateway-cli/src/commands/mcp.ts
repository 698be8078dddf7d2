import type { Command } from 'commander';
import type { DefineCommand } from '../command-manifest.js';
import { requireCredentials } from '../core/credentials.js';
import { withDocs, withExamples } from '../core/help.js';
import { proxyConfigured } from '../core/proxy.js';
import { requireOptional } from '../core/optional-package.js';
import { collect } from '../core/parse.js';
import { printToolResult, type ToolResult } from '../mcp/print-result.js';
import type { InstallFlags } from '../mcp-install/install.js';
import { type ToolArgFlags, toolArguments } from '../mcp/tool-args.js';
import { Runtime } from '../runtime.js';

interface TransportFlags {
  sse?: boolean;
}

/** Connects the official MCP SDK client (through aigateway-js/mcp) with the resolved key and base URL. */
async function connect(rt: Runtime, flags: TransportFlags, command: string) {
  // The official MCP SDK client is an optional package (it brings a server stack with it): say how to add it.
  requireOptional(
    '@modelcontextprotocol/sdk/client/index.js',
    '@modelcontextprotocol/sdk@1',
    `aig ${command}`,
    command,
  );
  const settings = await rt.settings();
  const { apiKey, baseURL } = requireCredentials(settings);
  rt.out.redact(apiKey);
  rt.out.debug(
    `API key from ${settings.keyOrigin}; MCP over ${flags.sse ? 'legacy SSE' : 'Streamable HTTP'} at ${baseURL}`,
  );
  rt.target(baseURL, settings.baseURLOrigin, settings.keyOrigin);
  const { connectMcp } = await import('aigateway-js/mcp');
  // The MCP SDK streams over the global fetch, which ignores proxy variables: with one set, over aig's transport.
  const fetch = proxyConfigured(rt.io.env) ? await rt.fetch() : undefined;
  return connectMcp({
    apiKey,
    baseURL,
    transport: flags.sse ? 'sse' : 'streamable-http',
    ...(fetch ? { fetch } : {}),
  });
}

async function tools(rt: Runtime, flags: TransportFlags): Promise<void> {
  const session = await connect(rt, flags, 'mcp tools');
  try {
    const list = await session.listTools();
    if (rt.out.json) return rt.out.result({ tools: list });
    rt.out.table(
      [
        { header: 'TOOL', value: (t: (typeof list)[number]) => t.name },
        { header: 'DESCRIPTION', value: (t) => (t.description ?? '').split(/(?<=\.)\s/)[0] ?? '' },
      ],
      list,
    );
  } finally {
    await session.close();
  }
}

async function call(rt: Runtime, tool: string, flags: TransportFlags & ToolArgFlags): Promise<void> {
  const args = toolArguments(flags);
  const session = await connect(rt, flags, `mcp call ${tool}`);
  try {
    printToolResult(rt, tool, (await session.callTool(tool, args)) as ToolResult);
  } finally {
    await session.close();
  }
}

export const define: DefineCommand = (command, ctx) => {
  command.description(
    "Talk to the gateway's MCP server (one tool per capability) with the official MCP SDK client, over " +
      'Streamable HTTP, or the legacy SSE transport with --sse.',
  );
  const toolsCmd: Command = command
    .command('tools')
    .description('List the MCP tools with their descriptions.')
    .option('--sse', 'use the legacy HTTP+SSE transport (/mcp/sse)')
    .action(async (flags: TransportFlags, cmd: Command) => tools(new Runtime(ctx, cmd), flags));
  withExamples(toolsCmd, [
    ['aig mcp tools', 'a table'],
    ['aig mcp tools --json', 'the tools/list result, with input schemas'],
  ]);
  const callCmd: Command = command
    .command('call')
    .description(
      'Call one MCP tool; a result with isError exits with the code of the gateway error it carries (else 1).',
    )
    .argument('<tool>', 'tool name, e.g. chat, list_models, generate_image')
    .option(
      '--arg <key=value>',
      'a tool argument (repeatable); JSON values such as 3 or true are parsed',
      collect,
    )
    .option('--args <json>', 'all tool arguments as one JSON object')
    .option('--tool-arg <key=value>', 'same as --arg (MCP Inspector spelling)', collect)
    .option('--tool-args-json <json>', 'same as --args (MCP Inspector spelling)')
    .option('--sse', 'use the legacy HTTP+SSE transport (/mcp/sse)')
    .action(async (tool: string, flags: TransportFlags & ToolArgFlags, cmd: Command) =>
      call(new Runtime(ctx, cmd), tool, flags),
    );
  withExamples(callCmd, [
    ['aig mcp call list_models', 'no arguments'],
    [
      'aig mcp call chat --args \'{"model":"openai/gpt-5.4","messages":[{"role":"user","content":"hi"}]}\'',
      'JSON arguments',
    ],
    [
      'aig mcp call rerank --arg model=baai/bge-reranker-base --arg query=pizza --arg \'documents=["a","b"]\'',
      'key=value',
    ],
    ['aig mcp call list_models --sse --json', 'legacy transport, full result'],
  ]);
  const installCmd: Command = command
    .command('install')
    .description(
      "Add the gateway's MCP server (<base URL>/mcp, your key as a bearer token) to a coding agent's config, " +
        'merged with the servers already there (a different entry of the same name needs --force). The key is ' +
        'referenced through the AIGATEWAY_API_KEY variable where the client expands variables (claude-code, cursor, vscode, ' +
        'windsurf); cline and claude-desktop get the key itself, in a file only you can read.',
    )
    .option('--client <client>', 'claude-code, cursor, vscode, windsurf, cline or claude-desktop')
    .option('--name <name>', 'the server name in that config', 'aigateway')
    .option('--scope <scope>', 'project (its config in --dir, for cursor and vscode) or user (every project)')
    .option('--dir <dir>', 'project folder (default: the current one)')
    .option('--force', 'replace a different entry of the same name')
    .option('--dry-run', 'print the file as it would be written, and write nothing')
    .option('--print', 'print only the entry, to paste by hand, and write nothing')
    .action(async (flags: InstallFlags, cmd: Command) => {
      const { runInstall } = await import('../mcp-install/install.js');
      return runInstall(new Runtime(ctx, cmd), flags);
    });
  withExamples(installCmd, [
    ['aig mcp install --client claude-code', '.mcp.json in this project (commit it: no key inside)'],
    ['aig mcp install --client cursor --scope user', '~/.cursor/mcp.json, every project'],
    ['aig mcp install --client vscode --dry-run', 'show .vscode/mcp.json as it would be'],
    ['aig mcp install --client claude-desktop --print', 'just the entry, to paste'],
  ]);
  withDocs(installCmd, 'aig-mcp-install---client-client');
  withExamples(command, [
    ['aig mcp tools', 'what an agent would see'],
    ['aig mcp call list_models --json', 'call one tool'],
    ['aig mcp install --client claude-code', 'set up a coding agent'],
  ]);
};

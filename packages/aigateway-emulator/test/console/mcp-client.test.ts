import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LogEntry, McpClient, McpError, type TransportKind } from '../../console/src/mcp/client.js';
import { toolSpecs } from '../../src/domains/mcp/tools.js';
import { startGateway, type TestGateway } from '../helpers.js';

// The inspector's own MCP client, run in node against a real emulator over both transports.
let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

describe.each<TransportKind>(['streamable-http', 'sse'])(
  'the inspector’s MCP client over %s',
  (transport) => {
    it('initializes once, lists every tool, calls tools in the same session and logs each message with timings', async () => {
      const log: LogEntry[] = [];
      const client = new McpClient({
        origin: gw.origin,
        key: gw.apiKey,
        transport,
        onLog: (e) => log.push(e),
      });
      await client.connect();
      expect(client.serverInfo?.name).toBe('aigateway');
      const session = client.sessionId;
      expect(session).toMatch(/^[0-9a-f-]{36}$/);

      const tools = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(toolSpecs.map((s) => s.name).sort());
      expect(tools.find((t) => t.name === 'generate_image')?.inputSchema).toMatchObject({
        type: 'object',
        required: ['model', 'prompt'],
      });

      const image = await client.callTool('generate_image', {
        model: 'black-forest-labs/flux-1-schnell',
        prompt: 'a red fox',
      });
      expect(image.isError).toBeFalsy();
      const part = image.content[0];
      expect(part?.type).toBe('text');
      const url = JSON.parse((part as { text: string }).text).data[0].url as string;
      const png = await fetch(url);
      expect(png.headers.get('content-type')).toBe('image/png');

      const failed = await client.callTool('chat', {
        model: 'nobody/nothing',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(failed.isError).toBe(true);
      expect(failed.structuredContent).toMatchObject({ error: { code: expect.any(String) } });
      expect(client.sessionId).toBe(session);

      const methods = log.filter((e) => e.direction === 'out').map((e) => e.method);
      expect(methods).toEqual([
        'initialize',
        'notifications/initialized',
        'tools/list',
        'tools/call',
        'tools/call',
      ]);
      const answers = log.filter((e) => e.direction === 'in');
      expect(answers.map((e) => e.method)).toEqual(['initialize', 'tools/list', 'tools/call', 'tools/call']);
      for (const a of answers) expect(a.ms).toBeGreaterThanOrEqual(0);
      expect(JSON.stringify(log)).not.toContain(gw.apiKey);

      await client.close();
      expect(log.at(-1)?.message).toBe(`closed session ${session}`);
      await expect(client.callTool('list_models', {})).rejects.toThrow(/closed/);
    });

    it('fails connect with the server’s message for a wrong key', async () => {
      const client = new McpClient({ origin: gw.origin, key: 'sk-aig-wrong', transport });
      const error = await client.connect().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(McpError);
      expect((error as Error).message).toMatch(/401|not valid|API key/);
      await client.close();
    });
  },
);

describe('closing a Streamable HTTP session', () => {
  it('sends DELETE, after which the server no longer knows the session', async () => {
    const client = new McpClient({ origin: gw.origin, key: gw.apiKey, transport: 'streamable-http' });
    await client.connect();
    const session = client.sessionId!;
    const ask = () =>
      fetch(`${gw.origin}/mcp`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${gw.apiKey}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-session-id': session,
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
      });
    expect((await ask()).status).toBe(200);
    await client.close();
    const after = await ask();
    expect(after.status).toBe(404);
    expect((await after.json()).error.message).toMatch(/Session not found/);
    const deletes = gw.control.requests().filter((r) => r.method === 'DELETE' && r.path === '/mcp');
    expect(deletes.at(-1)?.status).toBe(200);
  });
});

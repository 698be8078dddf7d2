import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Empty, JsonView } from '../ui.js';
import { type CallToolResult, type LogEntry, McpClient, type Tool, type TransportKind } from './client.js';
import { ResultView } from './result.js';
import { argumentChecker, initialValue, type JsonSchema, readablePath } from './schema.js';
import { JsonField, SchemaForm } from './schema-form.js';

const ARGS_STORAGE = 'aigateway-emulator.inspector.args';
const TRANSPORT_STORAGE = 'aigateway-emulator.inspector.transport';
const MAX_LOG = 500;

type Args = Record<string, Record<string, unknown>>;

function stored<T>(name: string, fallback: T): T {
  try {
    return (JSON.parse(sessionStorage.getItem(name) ?? 'null') as T | null) ?? fallback;
  } catch {
    return fallback;
  }
}
function store(name: string, value: unknown): void {
  try {
    sessionStorage.setItem(name, JSON.stringify(value));
  } catch {
    // Storage off: kept for this page only.
  }
}

type Connection =
  | { state: 'connecting' }
  | { state: 'connected'; client: McpClient }
  | { state: 'failed'; message: string };

/** Opens one MCP session for this key and transport, and closes it (DELETE) when either changes or the page goes. */
function useSession(key: string, transport: TransportKind, version: string, onLog: (e: LogEntry) => void) {
  const [connection, setConnection] = useState<Connection>({ state: 'connecting' });
  const [tools, setTools] = useState<Tool[]>([]);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const client = new McpClient({ key, transport, onLog, clientVersion: version });
    let live = true;
    setConnection({ state: 'connecting' });
    setTools([]);
    client
      .connect()
      .then(() => client.listTools())
      .then((list) => {
        if (!live) return;
        setTools(list);
        setConnection({ state: 'connected', client });
      })
      .catch((e: Error) => live && setConnection({ state: 'failed', message: e.message }));
    const leave = () => void client.close();
    addEventListener('pagehide', leave);
    return () => {
      live = false;
      removeEventListener('pagehide', leave);
      void client.close();
    };
  }, [key, transport, attempt]);
  return { connection, tools, reconnect: () => setAttempt((n) => n + 1) };
}

function Log({ entries, onClear }: { entries: LogEntry[]; onClear: () => void }) {
  const start = entries[0]?.at ?? 0;
  return (
    <section class="log" aria-label="Message log">
      <header>
        <h3>Messages</h3>
        <span class="hint">{entries.length} logged</span>
        <button type="button" class="small" onClick={onClear}>
          Clear
        </button>
      </header>
      {entries.length === 0 ? (
        <Empty>No messages yet.</Empty>
      ) : (
        <ol>
          {[...entries].reverse().map((e) => (
            <li key={e.seq} class={`log-${e.direction}`}>
              <details>
                <summary>
                  <span class="at">+{((e.at - start) / 1000).toFixed(3)} s</span>
                  <span class="dir">{e.direction === 'out' ? '→' : e.direction === 'in' ? '←' : '·'}</span>
                  <span class="method">
                    {e.method ?? (e.direction === 'note' ? String(e.message) : 'message')}
                  </span>
                  {e.id !== undefined && e.id !== null && <span class="hint"> #{String(e.id)}</span>}
                  {e.ms !== undefined && <span class="ms">{e.ms.toFixed(0)} ms</span>}
                </summary>
                <JsonView value={e.message} />
              </details>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ToolPanel(props: {
  tool: Tool;
  args: Record<string, unknown>;
  setArgs: (a: Record<string, unknown>) => void;
  client: McpClient | undefined;
}) {
  const { tool, args, setArgs, client } = props;
  const schema = tool.inputSchema as JsonSchema;
  const check = useMemo(() => argumentChecker(schema), [tool]);
  const problems = check(args);
  const [touched, setTouched] = useState(false);
  const [asJson, setAsJson] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ result: CallToolResult; ms: number } | { error: string }>();
  // The key was checked before this panel exists; the arguments are checked here.
  const ready = client !== undefined && problems.length === 0 && !busy;

  const call = async () => {
    setTouched(true);
    // Nothing is sent until the key and every argument are valid.
    if (!ready) return;
    setBusy(true);
    const started = performance.now();
    try {
      const result = await client.callTool(tool.name, args);
      setOutcome({ result, ms: performance.now() - started });
    } catch (e) {
      setOutcome({ error: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const shown = touched ? problems : problems.filter((p) => args[p.path.split('/')[0]!] !== undefined);
  return (
    <section class="tool" aria-label={`Tool ${tool.name}`}>
      <header>
        <h3>{tool.title ?? tool.name}</h3>
        <label class="toggle">
          <input type="checkbox" checked={asJson} onChange={(e) => setAsJson(e.currentTarget.checked)} /> JSON
        </label>
      </header>
      {tool.description && <p class="hint">{tool.description}</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void call();
        }}
      >
        {asJson ? (
          <JsonField path="" value={args} onChange={(v) => setArgs((v ?? {}) as Record<string, unknown>)} />
        ) : (
          <SchemaForm
            schema={schema}
            value={args}
            onChange={setArgs}
            problems={new Map(shown.map((p) => [p.path, p.message]))}
          />
        )}
        {touched && problems.length > 0 && (
          <ul class="problems" aria-label="Problems">
            {problems.map((p) => (
              <li key={p.path}>
                <code>{readablePath(p.path) || 'arguments'}</code> {p.message}
              </li>
            ))}
          </ul>
        )}
        <div class="actions">
          <button type="submit" class={ready ? 'primary' : 'primary not-ready'} disabled={busy}>
            {busy ? 'Calling…' : `Call ${tool.name}`}
          </button>
          <button type="button" onClick={() => setArgs(initialValue(schema) as Record<string, unknown>)}>
            Reset arguments
          </button>
        </div>
      </form>
      {outcome &&
        ('error' in outcome ? <p class="error-message">{outcome.error}</p> : <ResultView {...outcome} />)}
    </section>
  );
}

/** The MCP inspector: tools with search, a generated form per tool, results by content type, a message log. */
export function Inspector({ apiKey, version }: { apiKey: string; version: string }) {
  const [transport, setTransport] = useState<TransportKind>(() =>
    stored(TRANSPORT_STORAGE, 'streamable-http'),
  );
  const [log, setLog] = useState<LogEntry[]>([]);
  const onLog = useRef((e: LogEntry) => setLog((all) => [...all.slice(-(MAX_LOG - 1)), e])).current;
  const { connection, tools, reconnect } = useSession(apiKey, transport, version, onLog);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string>();
  const [args, setAllArgs] = useState<Args>(() => stored(ARGS_STORAGE, {}));
  const client = connection.state === 'connected' ? connection.client : undefined;

  const q = search.trim().toLowerCase();
  const visible = tools.filter((t) => !q || `${t.name} ${t.description ?? ''}`.toLowerCase().includes(q));
  const tool = tools.find((t) => t.name === selected) ?? visible[0];
  const toolArgs = tool
    ? (args[tool.name] ?? (initialValue(tool.inputSchema as JsonSchema) as Record<string, unknown>))
    : {};

  return (
    <div class="inspector">
      <div class="connection">
        <label>
          Transport{' '}
          <select
            value={transport}
            onChange={(e) => {
              const t = e.currentTarget.value as TransportKind;
              store(TRANSPORT_STORAGE, t);
              setTransport(t);
            }}
          >
            <option value="streamable-http">Streamable HTTP (/mcp)</option>
            <option value="sse">Legacy SSE (/mcp/sse)</option>
          </select>
        </label>
        <span class={`status ${connection.state}`} data-testid="mcp-status">
          {connection.state === 'connected'
            ? `connected to ${client?.serverInfo?.name ?? 'server'} ${client?.serverInfo?.version ?? ''} · session ${client?.sessionId ?? ''}`
            : connection.state === 'connecting'
              ? 'connecting…'
              : `not connected: ${connection.message}`}
        </span>
        <button type="button" class="small" onClick={reconnect}>
          Reconnect
        </button>
      </div>
      <div class="inspector-body">
        <nav class="tools" aria-label="Tools">
          <input
            type="search"
            placeholder={`Search ${tools.length} tools`}
            value={search}
            aria-label="Search tools"
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
          <ul>
            {visible.map((t) => (
              <li key={t.name}>
                <button
                  type="button"
                  class={t.name === tool?.name ? 'tool-name selected' : 'tool-name'}
                  onClick={() => setSelected(t.name)}
                  title={t.description}
                >
                  {t.name}
                </button>
              </li>
            ))}
          </ul>
          {tools.length > 0 && visible.length === 0 && <Empty>No tool matches “{search}”.</Empty>}
        </nav>
        {tool ? (
          <ToolPanel
            key={tool.name}
            tool={tool}
            args={toolArgs}
            client={client}
            setArgs={(a) => {
              const next = { ...args, [tool.name]: a };
              setAllArgs(next);
              store(ARGS_STORAGE, next);
            }}
          />
        ) : (
          <Empty>{connection.state === 'connecting' ? 'Listing tools…' : 'No tools.'}</Empty>
        )}
      </div>
      <Log entries={log} onClear={() => setLog([])} />
    </div>
  );
}

import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Api } from './api.js';
import { useConsoleData } from './data.js';
import { keyProblem, loadKey, saveKey } from './key.js';
import { Inspector } from './mcp/inspector.js';
import { Jobs } from './views/jobs.js';
import { Journal } from './views/journal.js';
import { Overview } from './views/overview.js';
import { Webhooks } from './views/webhooks.js';

/** Asks for the key; nothing is requested before it looks like one. */
function KeyForm({ onKey, why }: { onKey: (key: string) => void; why?: string }) {
  const [key, setKey] = useState('');
  const [touched, setTouched] = useState(false);
  const problem = keyProblem(key.trim());
  return (
    <form
      class="key-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (!problem) onKey(key.trim());
      }}
    >
      <h2>Your emulator key</h2>
      <p class="hint">
        The key <code>aig dev</code> or <code>npx aigateway-emulator</code> printed (
        <code>sk-aig-emulator-dev</code> by default). It is kept in this tab only (sessionStorage) and sent to
        this emulator only.
      </p>
      {why && <p class="error-message">{why}</p>}
      <input
        type="password"
        name="key"
        aria-label="API key"
        placeholder="sk-aig-…"
        autocomplete="off"
        value={key}
        onInput={(e) => setKey(e.currentTarget.value)}
      />
      <button type="submit" class="primary">
        Use this key
      </button>
      {touched && problem && <p class="problem">{problem}</p>}
    </form>
  );
}

function useKey(): [string, (key: string) => void] {
  const [key, setKey] = useState(() => (keyProblem(loadKey()) ? '' : loadKey()));
  return [
    key,
    (k: string) => {
      saveKey(k);
      setKey(k);
    },
  ];
}

const TABS = [
  ['overview', 'Overview'],
  ['jobs', 'Jobs'],
  ['webhooks', 'Webhooks'],
  ['requests', 'Requests'],
  ['mcp', 'MCP inspector'],
] as const;
type Tab = (typeof TABS)[number][0];

function useHashTab(): Tab {
  const read = () => (TABS.find(([t]) => `#/${t}` === location.hash)?.[0] ?? 'overview') as Tab;
  const [tab, setTab] = useState(read);
  useEffect(() => {
    const on = () => setTab(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return tab;
}

function Shell(props: {
  title: string;
  version: string;
  right?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <>
      <header class="top">
        <h1>
          {props.title} <span class="hint">emulator {props.version}</span>
        </h1>
        {props.right}
      </header>
      <main>{props.children}</main>
    </>
  );
}

function Console({
  apiKey,
  version,
  forget,
}: {
  apiKey: string;
  version: string;
  forget: (why?: string) => void;
}) {
  const api = useMemo(() => new Api(apiKey), [apiKey]);
  const data = useConsoleData(api);
  const tab = useHashTab();
  useEffect(() => {
    if (data.denied) forget(data.error);
  }, [data.denied]);
  const counts: Partial<Record<Tab, number>> = {
    jobs: data.jobs.length,
    webhooks: data.deliveries.length,
    requests: data.requests.length,
  };
  return (
    <Shell
      title="AIgateway console"
      version={version}
      right={
        <div class="top-right">
          <span class={`live ${data.live}`} data-testid="live">
            {data.live === 'live' ? '● live' : data.live}
          </span>
          <button type="button" class="small" onClick={() => forget()}>
            Change key
          </button>
        </div>
      }
    >
      <nav class="tabs">
        {TABS.map(([t, label]) => (
          <a
            key={t}
            href={`#/${t}`}
            class={t === tab ? 'active' : ''}
            aria-current={t === tab ? 'page' : undefined}
          >
            {label}
            {counts[t] ? <span class="count">{counts[t]}</span> : null}
          </a>
        ))}
      </nav>
      {data.error && <p class="error-message">{data.error}</p>}
      {tab === 'overview' && <Overview api={api} data={data} />}
      {tab === 'jobs' && <Jobs data={data} />}
      {tab === 'webhooks' && <Webhooks api={api} data={data} />}
      {tab === 'requests' && <Journal data={data} />}
      {tab === 'mcp' && <Inspector apiKey={apiKey} version={version} />}
    </Shell>
  );
}

/** The console (`view: 'console'`) or the standalone MCP inspector (`/mcp/inspect`). */
export function App({ view, version }: { view: 'console' | 'inspector'; version: string }) {
  const [key, setKey] = useKey();
  const [why, setWhy] = useState<string>();
  const forget = (reason?: string) => {
    setWhy(reason);
    setKey('');
  };
  const title = view === 'console' ? 'AIgateway console' : 'AIgateway MCP inspector';
  if (!key)
    return (
      <Shell title={title} version={version}>
        <KeyForm onKey={setKey} why={why} />
      </Shell>
    );
  if (view === 'console') return <Console apiKey={key} version={version} forget={forget} />;
  return (
    <Shell
      title={title}
      version={version}
      right={
        <div class="top-right">
          <a href="/_emulator/">Console</a>
          <button type="button" class="small" onClick={() => forget()}>
            Change key
          </button>
        </div>
      }
    >
      <Inspector apiKey={key} version={version} />
    </Shell>
  );
}

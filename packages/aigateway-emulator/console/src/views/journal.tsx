import { useMemo, useState } from 'preact/hooks';
import type { ConsoleData } from '../data.js';
import { clockTime } from '../format.js';
import { Badge, Empty, JsonView, statusTone } from '../ui.js';
import type { RequestRecord } from '../types.js';

/** Filters applied in the page to the journal it holds (the same meaning as the control API's). */
export interface JournalFilter {
  method: string;
  path: string;
  status: string;
  model: string;
  tag: string;
  key: string;
  subAccount: string;
  since: string;
}

const NONE: JournalFilter = {
  method: '',
  path: '',
  status: '',
  model: '',
  tag: '',
  key: '',
  subAccount: '',
  since: '',
};
const SHOWN = 300;

function matches(r: RequestRecord, f: JournalFilter, now: number): boolean {
  if (f.method && r.method !== f.method) return false;
  if (f.path && !r.path.toLowerCase().includes(f.path.toLowerCase())) return false;
  if (f.status) {
    const cls = /^([1-5])xx$/.exec(f.status)?.[1];
    if (cls ? String(r.status)[0] !== cls : String(r.status) !== f.status) return false;
  }
  if (f.model && r.model !== f.model) return false;
  if (f.tag && (r.tag ?? '(none)') !== f.tag) return false;
  if (f.key && (r.key ?? 'none') !== f.key) return false;
  if (f.subAccount && (r.sub_account_id ?? 'account') !== f.subAccount) return false;
  if (f.since && r.created_at < now - Number(f.since)) return false;
  return true;
}

const distinct = (values: (string | null)[], empty: string) =>
  [...new Set(values.map((v) => v ?? empty))].sort();

function Select(props: {
  label: string;
  value: string;
  options: string[];
  onChange: (v: string) => void;
  name: string;
}) {
  return (
    <label>
      {props.label}
      <select name={props.name} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">any</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Journal({ data }: { data: ConsoleData }) {
  const [f, setF] = useState<JournalFilter>(NONE);
  const [open, setOpen] = useState<string>();
  const set = (k: keyof JournalFilter) => (v: string) => setF({ ...f, [k]: v });
  const all = data.requests;
  const now = data.state?.clock.now ?? Date.now() / 1000;
  const rows = useMemo(() => all.filter((r) => matches(r, f, now)).reverse(), [all, f, now]);
  return (
    <div class="journal">
      <form class="filters" aria-label="Journal filters" onSubmit={(e) => e.preventDefault()}>
        <Select
          name="method"
          label="Method"
          value={f.method}
          options={distinct(
            all.map((r) => r.method),
            '',
          )}
          onChange={set('method')}
        />
        <label>
          Path
          <input
            name="path"
            type="search"
            value={f.path}
            placeholder="contains…"
            onInput={(e) => set('path')(e.currentTarget.value)}
          />
        </label>
        <Select
          name="status"
          label="Status"
          value={f.status}
          options={[
            '2xx',
            '4xx',
            '5xx',
            ...distinct(
              all.map((r) => String(r.status)),
              '',
            ),
          ]}
          onChange={set('status')}
        />
        <Select
          name="model"
          label="Model"
          value={f.model}
          options={distinct(all.map((r) => r.model).filter(Boolean), '')}
          onChange={set('model')}
        />
        <Select
          name="tag"
          label="Tag"
          value={f.tag}
          options={distinct(
            all.map((r) => r.tag),
            '(none)',
          )}
          onChange={set('tag')}
        />
        <Select
          name="key"
          label="Key"
          value={f.key}
          options={['top_level', 'sub_account', 'none']}
          onChange={set('key')}
        />
        <Select
          name="subAccount"
          label="Sub-account"
          value={f.subAccount}
          options={distinct(
            all.map((r) => r.sub_account_id),
            'account',
          )}
          onChange={set('subAccount')}
        />
        <label>
          Time
          <select name="since" value={f.since} onChange={(e) => set('since')(e.currentTarget.value)}>
            <option value="">any time</option>
            <option value="60">last minute</option>
            <option value="900">last 15 min</option>
            <option value="3600">last hour</option>
            <option value="86400">last day</option>
          </select>
        </label>
        <button type="button" class="small" onClick={() => setF(NONE)}>
          Clear filters
        </button>
      </form>
      <p class="hint" data-testid="journal-count">
        {rows.length} of {all.length} requests{rows.length > SHOWN ? ` (newest ${SHOWN} shown)` : ''}
      </p>
      {rows.length === 0 ? (
        <Empty>{all.length === 0 ? 'No requests yet.' : 'No request matches these filters.'}</Empty>
      ) : (
        <table class="requests">
          <thead>
            <tr>
              <th>Time</th>
              <th>Method</th>
              <th>Path</th>
              <th>Status</th>
              <th>Model</th>
              <th>Tag</th>
              <th>Key</th>
              <th>Took</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN).map((r) => [
              <tr
                key={r.id}
                class="request"
                data-request={r.id}
                onClick={() => setOpen(open === r.id ? undefined : r.id)}
              >
                <td>{clockTime(r.created_at)}</td>
                <td>{r.method}</td>
                <td class="path">{r.path}</td>
                <td>
                  <Badge tone={statusTone(r.status)}>{r.status}</Badge>
                </td>
                <td>{r.model ?? ''}</td>
                <td>{r.tag ?? ''}</td>
                <td>{r.key === 'sub_account' ? r.sub_account_id : (r.key ?? '')}</td>
                <td>{r.duration_ms} ms</td>
              </tr>,
              open === r.id && (
                <tr key={`${r.id}-detail`} class="detail">
                  <td colSpan={8}>
                    <code>{r.id}</code>
                    {r.endpoint && <span class="hint"> {r.endpoint}</span>}
                    {r.query && <span class="hint"> ?{r.query}</span>}
                    {r.scenario && <span class="hint"> answered by scenario {r.scenario}</span>}
                    <h4>Headers</h4>
                    <JsonView value={r.headers} />
                    <h4>Body ({r.body_bytes} bytes)</h4>
                    {r.body === null ? <p class="hint">No body stored.</p> : <JsonView value={r.body} />}
                  </td>
                </tr>
              ),
            ])}
          </tbody>
        </table>
      )}
    </div>
  );
}

import { useState } from 'preact/hooks';
import type { Api } from '../api.js';
import type { ConsoleData } from '../data.js';
import { cents, relative, time } from '../format.js';
import { Empty } from '../ui.js';
import type { SubAccount, UsageBucket } from '../types.js';

interface TagRow {
  tag: string | null;
  cost: number;
  requests: number;
}

function byTag(buckets: UsageBucket[]): TagRow[] {
  const rows = new Map<string | null, TagRow>();
  for (const b of buckets) {
    const row = rows.get(b.tag) ?? { tag: b.tag, cost: 0, requests: 0 };
    row.cost += b.cost_cents;
    row.requests += b.requests;
    rows.set(b.tag, row);
  }
  return [...rows.values()].sort((a, b) => b.cost - a.cost || b.requests - a.requests);
}

const ROW = 28;
const LABEL = 150;
const WIDTH = 640;

/** Horizontal bars, one per tag: the length is this month's cost, the label adds the request count. */
function UsageChart({ rows }: { rows: TagRow[] }) {
  const max = Math.max(...rows.map((r) => r.cost), 1e-9);
  const bar = WIDTH - LABEL - 170;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${WIDTH} ${rows.length * ROW + 4}`}
      role="img"
      aria-label="Usage by tag this month"
    >
      {rows.map((r, i) => {
        const y = i * ROW + 2;
        const w = Math.max(2, (r.cost / max) * bar);
        return (
          <g key={String(r.tag)} data-tag={r.tag ?? ''}>
            <text x={LABEL - 8} y={y + 18} text-anchor="end" class={r.tag ? '' : 'muted'}>
              {r.tag ?? '(untagged)'}
            </text>
            <rect x={LABEL} y={y + 4} width={w} height={ROW - 8} rx={3} class="bar" />
            <text x={LABEL + w + 6} y={y + 18} class="value">
              {cents(r.cost)} · {r.requests} req
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Spend against the cap: the spent part, then reservations (when the emulator reports them), then what is left. */
function SpendBar({ account, now }: { account: SubAccount; now: number }) {
  const cap = account.spend_cap_cents;
  const spent = account.spent_cents;
  const reserved = account.reserved_cents ?? 0;
  const scale = Math.max(cap ?? 0, spent + reserved, 1e-9);
  const w = (v: number) => (v / scale) * 100;
  const blocked = cap !== null && spent >= cap;
  return (
    <li class="spend" data-sub-account={account.id}>
      <div class="spend-head">
        <strong>{account.name}</strong> <code>{account.id}</code>
        <span class={blocked ? 'bad' : 'hint'}>
          {cents(spent)} spent
          {reserved > 0 && ` · ${cents(reserved)} reserved`}
          {cap === null ? ' · no cap' : ` of ${cents(cap)}`}
        </span>
      </div>
      <svg
        class="spend-bar"
        viewBox="0 0 100 6"
        preserveAspectRatio="none"
        role="img"
        aria-label={`${account.name}: spend vs cap`}
      >
        <rect x={0} y={0} width={100} height={6} class="track" />
        <rect x={0} y={0} width={w(spent)} height={6} class={blocked ? 'spent over' : 'spent'} />
        {reserved > 0 && <rect x={w(spent)} y={0} width={w(reserved)} height={6} class="reserved" />}
      </svg>
      {blocked && (
        <p class="hint bad">
          At its cap: requests get 402 budget_exceeded until {time(account.current_period_end)} (
          {relative(account.current_period_end, now)}), or raise the cap.
        </p>
      )}
    </li>
  );
}

/** The emulator clock, with buttons that advance it (job phases and webhook retries follow). */
export function ClockControls({ api, data }: { api: Api; data: ConsoleData }) {
  const [busy, setBusy] = useState(false);
  const clock = data.state?.clock;
  const advance = async (seconds: number) => {
    setBusy(true);
    try {
      await api.post('/_emulator/clock/advance', { seconds });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="clock">
      <span>
        Emulator time <strong>{clock ? time(clock.now) : '…'}</strong>
        {clock && clock.offset_seconds > 0 && <span class="hint"> (+{clock.offset_seconds} s advanced)</span>}
        {clock && clock.time_scale !== 1 && <span class="hint"> · time scale {clock.time_scale}</span>}
      </span>
      <span class="buttons">
        Advance{' '}
        {[
          [30, '30 s'],
          [600, '10 min'],
          [3600, '1 h'],
        ].map(([s, l]) => (
          <button
            type="button"
            class="small"
            disabled={busy}
            key={l}
            onClick={() => void advance(s as number)}
          >
            +{l}
          </button>
        ))}
      </span>
    </div>
  );
}

export function Overview({ api, data }: { api: Api; data: ConsoleData }) {
  const rows = byTag(data.usage?.data ?? []);
  const s = data.state;
  const total = rows.reduce((t, r) => t + r.cost, 0);
  return (
    <div class="overview">
      <ClockControls api={api} data={data} />
      {s && (
        <dl class="counts">
          <div>
            <dt>Requests</dt>
            <dd>{s.requests}</dd>
          </div>
          <div>
            <dt>Jobs</dt>
            <dd>
              {s.jobs.total} <span class="hint">({s.jobs.queued + s.jobs.running} running)</span>
            </dd>
          </div>
          <div>
            <dt>Webhook deliveries</dt>
            <dd>
              {s.deliveries.total} <span class="hint">({s.deliveries.pending} pending)</span>
            </dd>
          </div>
          <div>
            <dt>Charged</dt>
            <dd>{cents(s.charged_cents)}</dd>
          </div>
        </dl>
      )}
      <section>
        <h2>
          Usage by tag, {data.usage?.month ?? 'this month'} <span class="hint">{cents(total)} in all</span>
        </h2>
        {rows.length === 0 ? <Empty>Nothing billed this month yet.</Empty> : <UsageChart rows={rows} />}
      </section>
      <section>
        <h2>Spend vs cap per sub-account</h2>
        {data.subAccounts.length === 0 ? (
          <Empty>No sub-accounts. Create one with POST /v1/sub-accounts or aig sub-account create.</Empty>
        ) : (
          <ul class="spends">
            {data.subAccounts.map((a) => (
              <SpendBar key={a.id} account={a} now={s?.clock.now ?? Date.now() / 1000} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

import type { Api } from '../api.js';
import type { ConsoleData } from '../data.js';
import { clockTime, relative } from '../format.js';
import { Badge, Empty, statusTone } from '../ui.js';
import type { DeliveryLogEntry } from '../types.js';
import { ClockControls } from './overview.js';

const tone: Record<DeliveryLogEntry['status'], string> = { pending: 'warn', delivered: 'ok', failed: 'bad' };

function Delivery({ d, now }: { d: DeliveryLogEntry; now: number }) {
  return (
    <li class="delivery" data-delivery={d.id} data-status={d.status}>
      <div class="delivery-head">
        <Badge tone={tone[d.status]}>{d.status}</Badge>
        <strong>{d.event}</strong> <code>{d.job_id}</code> → <code>{d.url}</code>
      </div>
      <table class="attempts">
        <thead>
          <tr>
            <th>Attempt</th>
            <th>At</th>
            <th>Status</th>
            <th>Took</th>
            <th>Error</th>
            <th>Headers sent</th>
          </tr>
        </thead>
        <tbody>
          {d.attempts.map((a) => (
            <tr key={a.attempt} class="attempt" data-attempt={a.attempt}>
              <td>{a.attempt}</td>
              <td>{clockTime(a.at)}</td>
              <td>
                <Badge tone={statusTone(a.status)}>{a.status ?? 'no response'}</Badge>
              </td>
              <td>{a.duration_ms} ms</td>
              <td class="hint">{a.error ?? ''}</td>
              <td>
                <details>
                  <summary>{Object.keys(a.headers).length} headers</summary>
                  <dl class="headers">
                    {Object.entries(a.headers).map(([k, v]) => (
                      <div key={k}>
                        <dt>{k}</dt>
                        <dd>
                          <code>{v}</code>
                        </dd>
                      </div>
                    ))}
                  </dl>
                </details>
              </td>
            </tr>
          ))}
          {d.schedule.map((s) => (
            <tr key={`next-${s.attempt}`} class="scheduled">
              <td>{s.attempt}</td>
              <td>
                {clockTime(s.at)} <span class="hint">({relative(s.at, now)})</span>
              </td>
              <td colSpan={4} class="hint">
                {s.attempt === d.attempts.length + 1 ? 'next attempt' : 'if the one before fails'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}

export function Webhooks({ api, data }: { api: Api; data: ConsoleData }) {
  const now = data.state?.clock.now ?? Date.now() / 1000;
  const list = [...data.deliveries].sort((a, b) => b.created_at - a.created_at);
  return (
    <div class="webhooks">
      <ClockControls api={api} data={data} />
      <p class="hint">
        A delivery is retried on the gateway's retry schedule until the receiver answers 2xx; each one lists
        the attempts still to come
        {data.state && data.state.clock.time_scale !== 1
          ? ` (the schedule divided by the time scale, ${data.state.clock.time_scale})`
          : ''}
        . Times are on the emulator clock; x-aig-signature is signed at send time.
      </p>
      {list.length === 0 ? (
        <Empty>No webhook deliveries yet. Pass webhook_url when you start a job.</Empty>
      ) : (
        <ul class="deliveries">
          {list.map((d) => (
            <Delivery key={d.id} d={d} now={now} />
          ))}
        </ul>
      )}
    </div>
  );
}

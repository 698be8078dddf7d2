import type { ConsoleData } from '../data.js';
import { cents, time } from '../format.js';
import { mediaKind } from '../media.js';
import { Badge, Empty, JsonView, MediaView } from '../ui.js';
import type { Job } from '../types.js';

const tone = (status: Job['status']): string =>
  status === 'completed' ? 'ok' : status === 'failed' ? 'bad' : status === 'running' ? 'warn' : 'muted';

function Result({ job }: { job: Job }) {
  if (job.status === 'failed') return <p class="bad">{job.error?.message}</p>;
  if (!job.result_url) return null;
  const kind = mediaKind(job.result_url, job.result?.content_type) ?? 'file';
  return <MediaView media={{ kind, url: job.result_url, label: `${job.type} result` }} />;
}

export function Jobs({ data }: { data: ConsoleData }) {
  const jobs = [...data.jobs].sort((a, b) => b.created_at - a.created_at);
  if (jobs.length === 0)
    return (
      <Empty>No jobs yet. Videos, music and 3D generations run as jobs (POST /v1/videos/generations…).</Empty>
    );
  return (
    <ul class="jobs">
      {jobs.map((j) => (
        <li key={j.id} class="job" data-job={j.id} data-status={j.status}>
          <div class="job-head">
            <Badge tone={tone(j.status)}>{j.status}</Badge>
            <strong>{j.type}</strong> <code>{j.id}</code> <span class="hint">{j.model}</span>
            {j.tag && <Badge tone="muted">tag {j.tag}</Badge>}
            <span class="hint">created {time(j.created_at)}</span>
          </div>
          <div class="progress">
            <progress max={100} value={j.progress} aria-label={`${j.id} progress`} />
            <span>{j.progress}%</span>
            {j.status === 'completed' && <span class="hint">{cents(j.cost_cents)}</span>}
          </div>
          <Result job={j} />
          <details>
            <summary>Snapshot</summary>
            <JsonView value={j} />
          </details>
        </li>
      ))}
    </ul>
  );
}

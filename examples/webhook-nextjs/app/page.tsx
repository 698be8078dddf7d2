import { listJobResults } from '../lib/job-results';

// Render on every request: the list changes whenever a webhook arrives.
export const dynamic = 'force-dynamic';

export default function Home() {
  const results = listJobResults();
  return (
    <main>
      <h1>AIgateway job webhooks</h1>
      <p>
        Deliveries are received at <code>POST /api/webhooks/aigateway</code>.
      </p>
      {results.length === 0 ? (
        <p>No job has finished yet.</p>
      ) : (
        <ul>
          {results.map((r) => (
            <li key={r.jobId}>
              <code>{r.jobId}</code> {r.type} ({r.model}): {r.status}{' '}
              {r.resultUrl ? <a href={r.resultUrl}>result</a> : r.error}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

// A local webhook endpoint, as an app would write it: read the raw body, verify the signature with
// verifyWebhook before trusting anything, answer 2xx fast, and handle each delivery id once.
import { createServer } from 'node:http';

/**
 * Starts the receiver on 127.0.0.1 (a free port). `deliveries` records every request: the verified
 * event, or the reason verification failed. `waitFor(jobId)` resolves with the first verified
 * delivery for that job.
 */
export async function startWebhookReceiver({ verifyWebhook, secret, path = '/hooks/aigateway' }) {
  const deliveries = [];
  const waiters = new Map();
  const seen = new Set();

  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== path) {
      res.writeHead(404).end();
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let entry;
      try {
        const event = verifyWebhook(raw, req.headers, secret);
        entry = { ok: true, event, raw, headers: req.headers, duplicate: seen.has(event.dedupeKey) };
        seen.add(event.dedupeKey);
      } catch (error) {
        entry = { ok: false, reason: error.reason ?? error.message, raw, headers: req.headers };
      }
      deliveries.push(entry);
      // 400 tells the gateway the delivery was refused; it retries on its schedule.
      res.writeHead(entry.ok ? 204 : 400).end();
      if (entry.ok && !entry.duplicate) waiters.get(entry.event.data.id)?.(entry);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();

  return {
    url: `http://127.0.0.1:${port}${path}`,
    deliveries,
    waitFor(jobId, timeoutMs) {
      const done = deliveries.find((d) => d.ok && d.event.data.id === jobId);
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(jobId);
          const refused = deliveries.filter((d) => !d.ok).map((d) => d.reason);
          reject(
            new Error(
              `no verified webhook for ${jobId} within ${timeoutMs / 1000} s` +
                (refused.length ? ` (refused: ${refused.join(', ')})` : ''),
            ),
          );
        }, timeoutMs);
        waiters.set(jobId, (entry) => {
          clearTimeout(timer);
          waiters.delete(jobId);
          resolve(entry);
        });
      });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

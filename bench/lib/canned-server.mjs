// A minimal loopback HTTP server that answers with the contract's own example bodies, in its own
// process so the clients measured do not share an event loop (or a core) with it.
// Usage: fork(this file, [streamChunks]); it sends { port } over IPC once listening.
import { createServer } from 'node:http';
import { examples, streamBody } from './contract-examples.mjs';

const ex = examples();
const streamChunks = Number(process.argv[2] ?? 20000);
const bodies = {
  chat: Buffer.from(JSON.stringify(ex.chatResponse)),
  embeddings: Buffer.from(JSON.stringify(ex.embeddingsResponse)),
  stream: Buffer.from(streamBody(ex.streamExample, streamChunks)),
};
// Streams are written in slices, as chunked transfer-encoding, the way a gateway flushes them.
const SLICE = 64 * 1024;

let counter = 0;
const requestId = () => `req_${(++counter).toString(16).padStart(24, '0')}`;

function json(res, status, body) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': body.length,
    'x-request-id': requestId(),
  });
  res.end(body);
}

async function sse(res) {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'x-request-id': requestId(),
  });
  for (let offset = 0; offset < bodies.stream.length; offset += SLICE) {
    if (!res.write(bodies.stream.subarray(offset, offset + SLICE))) {
      await new Promise((resolve) => res.once('drain', resolve));
    }
    if (res.destroyed) return;
  }
  res.end();
}

// `GET /v1/sub-accounts`: 1,000 sub-accounts (the contract's example with numbered ids), paged by
// `limit` (default 20, at most 100) and `starting_after`, for the pagination bench.
const SUB_ACCOUNTS = 1000;
const subAccounts = Array.from({ length: SUB_ACCOUNTS }, (_, i) => ({
  ...ex.subAccountsPage.data[0],
  id: `sa_${String(i).padStart(8, '0')}`,
}));

function subAccountsPage(res, url) {
  const query = new URL(url, 'http://bench').searchParams;
  const limit = Math.min(Number(query.get('limit') ?? 20), 100);
  const after = query.get('starting_after');
  const start = after ? Number(after.slice('sa_'.length)) + 1 : 0;
  const data = subAccounts.slice(start, start + limit);
  const body = { ...ex.subAccountsPage, data, has_more: start + limit < SUB_ACCOUNTS };
  json(res, 200, Buffer.from(JSON.stringify(body)));
}

const notFound = Buffer.from(
  JSON.stringify({
    error: {
      type: 'not_found_error',
      code: 'unknown_path',
      message:
        'The bench server answers POST /v1/chat/completions and /v1/embeddings, and GET /v1/sub-accounts, only.',
      request_id: 'req_000000000000000000000000',
    },
  }),
);

const server = createServer((req, res) => {
  const parts = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => {
    if (req.method === 'GET' && req.url?.startsWith('/v1/sub-accounts')) return subAccountsPage(res, req.url);
    if (req.method === 'POST' && req.url === '/v1/embeddings') return json(res, 200, bodies.embeddings);
    if (req.method === 'POST' && req.url === '/v1/chat/completions') {
      const stream = JSON.parse(Buffer.concat(parts).toString('utf8')).stream === true;
      return stream ? void sse(res) : json(res, 200, bodies.chat);
    }
    json(res, 404, notFound);
  });
});
// Sockets must survive the pauses between rounds so every client finds them warm.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 121_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('disconnect', () => server.close(() => process.exit(0)));

// Canned request and response bodies taken from the contract's own examples
// (openapi/aigateway.yaml), so the bench server cannot drift from the wire format.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CONTRACT } from './paths.mjs';

let contract;

function at(path) {
  contract ??= parse(readFileSync(CONTRACT, 'utf8'));
  let node = contract;
  for (const key of path) {
    node = node?.[key];
    if (node === undefined) {
      throw new Error(
        `The contract has no ${path.join(' → ')} (missing "${key}"): the bench builds its canned bodies from ` +
          'that example. Update bench/lib/contract-examples.mjs to the example that replaced it.',
      );
    }
  }
  return node;
}

const op = (path) => ['paths', path, 'post'];
const json = ['content', 'application/json'];

/** Request and response examples of the endpoints the overhead and streaming benches call. */
export function examples() {
  const chat = op('/v1/chat/completions');
  const embeddings = op('/v1/embeddings');
  return {
    chatRequest: at([...chat, 'requestBody', ...json, 'examples', 'text', 'value']),
    chatResponse: at([...chat, 'responses', '200', ...json, 'examples', 'text', 'value']),
    streamRequest: at([...chat, 'requestBody', ...json, 'examples', 'streaming', 'value']),
    // The contract gives one example per SSE event; joined, they are a stream body.
    streamExample: Object.values(
      at([...chat, 'responses', '200', 'content', 'text/event-stream', 'examples']),
    )
      .map((example) => `data: ${example.value.data}\n\n`)
      .join(''),
    embeddingsRequest: at([...embeddings, 'requestBody', ...json, 'examples', 'float', 'value']),
    embeddingsResponse: at([...embeddings, 'responses', '200', ...json, 'examples', 'float', 'value']),
    subAccountsPage: at([
      'paths',
      '/v1/sub-accounts',
      'get',
      'responses',
      '200',
      ...json,
      'examples',
      'page',
      'value',
    ]),
    jobCompleted: at([
      'webhooks',
      'job.completed',
      'post',
      'requestBody',
      ...json,
      'examples',
      'video',
      'value',
    ]),
  };
}

/**
 * An SSE body of exactly `count` chat.completion.chunk events, then `data: [DONE]`: the example's
 * role chunk, its content chunk repeated, its finish chunk and its usage chunk.
 */
export function streamBody(streamExample, count) {
  const data = streamExample
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => line.slice('data: '.length));
  const chunks = data.map((d) => JSON.parse(d));
  const role = data.find((_, i) => chunks[i].choices[0]?.delta?.role);
  const content = data.find((_, i) => chunks[i].choices[0]?.delta?.content);
  const finish = data.find((_, i) => chunks[i].choices[0]?.finish_reason);
  const usage = data.find((_, i) => chunks[i].usage);
  if (!role || !content || !finish || !usage || count < 4) {
    throw new Error('The contract stream example needs a role, a content, a finish and a usage chunk.');
  }
  const events = [role, ...Array(count - 3).fill(content), finish, usage].map((d) => `data: ${d}\n\n`);
  return `${events.join('')}data: [DONE]\n\n`;
}

import { parseInteger } from '../core/parse.js';
import { TextResult } from '../core/results.js';
import { imageInput, optionalNumber, requireText } from './inputs.js';
import { withRequestId } from './result.js';
import type { CallContext } from './types.js';

type Part = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

/**
 * Chat: streams tokens to stdout by default (or into --out FILE, written whole at the end); --no-stream waits;
 * --json prints the whole completion.
 */
export async function callChat(call: CallContext): Promise<void> {
  const { rt, client, model, flags } = call;
  const text = requireText(call);
  const content: string | Part[] = flags.image
    ? [
        { type: 'text', text },
        { type: 'image_url', image_url: { url: await imageInput(flags.image, rt.io.cwd) } },
      ]
    : text;
  const messages = [
    ...(flags.system ? [{ role: 'system' as const, content: flags.system }] : []),
    { role: 'user' as const, content },
  ];
  const maxTokens =
    flags.maxTokens === undefined ? undefined : parseInteger(flags.maxTokens, '--max-tokens', 1);
  const temperature = optionalNumber(flags.temperature, '--temperature', 0, 2);
  const body = {
    model,
    messages,
    ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
    ...(temperature === undefined ? {} : { temperature }),
  };
  const answerOut = await TextResult.open(rt, flags);

  if (rt.out.json || !flags.stream) {
    const { data, requestId } = await client.chat.completions
      .create(body, { signal: rt.signal })
      .withResponse();
    rt.out.debug(`request id ${requestId}`);
    const answer = data.choices[0]?.message.content ?? '';
    answerOut.write(answer.endsWith('\n') ? answer : `${answer}\n`);
    const saved = await answerOut.close();
    if (rt.out.json) return rt.out.result({ ...withRequestId(data, requestId), ...saved });
    if (saved) rt.out.line(saved.out);
    if (data.usage)
      rt.out.debug(`usage ${data.usage.prompt_tokens} in / ${data.usage.completion_tokens} out`);
    return;
  }

  // --timeout bounds the wait for the stream to start; once it has, only silence ends it (the SDK's idle timeout).
  const deadline = rt.deadline();
  const { data: stream, requestId } = await client.chat.completions
    .create({ ...body, stream: true }, { signal: deadline.signal })
    .withResponse();
  deadline.settle();
  rt.out.debug(`request id ${requestId}`);
  let last = '';
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta?.content;
    if (delta) {
      answerOut.write(delta);
      last = delta;
    }
  }
  if (!last.endsWith('\n')) answerOut.write('\n');
  const saved = await answerOut.close();
  if (saved) rt.out.line(saved.out);
  const usage = await stream.usage;
  rt.out.debug(
    `usage ${usage.prompt_tokens} in / ${usage.completion_tokens} out${usage.estimated ? ' (estimated)' : ''}`,
  );
}

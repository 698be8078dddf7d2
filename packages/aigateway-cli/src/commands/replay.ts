import type { Command } from 'commander';
import type { DefineCommand } from '../command-manifest.js';
import { withExamples } from '../core/help.js';
import { missingInput } from '../errors.js';
import { Runtime } from '../runtime.js';

interface ReplayOptions {
  targetModel?: string;
}

/** The text of a chat-like response body, when it has one. */
function textOf(response: object): string | undefined {
  const { choices, text } = response as { choices?: unknown; text?: unknown };
  if (Array.isArray(choices)) {
    const content = (choices[0] as { message?: { content?: unknown } } | undefined)?.message?.content;
    if (typeof content === 'string') return content;
  }
  return typeof text === 'string' ? text : undefined;
}

async function run(rt: Runtime, requestId: string, options: ReplayOptions): Promise<void> {
  if (!options.targetModel) throw missingInput('target model', '--target-model <model>');
  const client = await rt.client();
  const { data: replay, requestId: callId } = await client.replays
    .create({ source_request_id: requestId, target_model: options.targetModel }, { signal: rt.signal })
    .withResponse();
  rt.out.debug(`request id ${callId}`);
  if (rt.out.json) {
    rt.out.result(replay);
    return;
  }
  rt.out.info(
    `Replayed ${replay.source_request_id} (${replay.source_model}) on ${replay.target_model} via ${replay.endpoint} as ${replay.request_id} (${replay.id})`,
  );
  const text = textOf(replay.response);
  rt.out.line(text ?? JSON.stringify(replay.response, null, 2));
}

export const define: DefineCommand = (command, ctx) => {
  command
    .description('Re-run a past request (by its X-Request-Id) on another model and print the new result.')
    .argument('<request_id>', 'the X-Request-Id of the original call (req_…)')
    .option('--target-model <model>', 'the model to run it on')
    .action(async (id: string, options: ReplayOptions, cmd: Command) =>
      run(new Runtime(ctx, cmd), id, options),
    );
  withExamples(command, [
    ['aig replay req_abc --target-model anthropic/claude-opus-4.7', 'compare another model'],
    ['aig replay req_abc --target-model moonshot/kimi-k2.6 --json', 'the full replay object'],
  ]);
};

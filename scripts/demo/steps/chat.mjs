// A streamed chat through `aig call`: tokens arrive on stdout as the gateway sends them.
import { check, expectExit } from '../runner.mjs';

export const CHAT_MODEL = 'anthropic/claude-sonnet-4.6';

export const streamedChat = {
  title: 'Streamed chat',
  what: 'aig call streams the answer live; --tag files the spend under a feature, -v shows the request id.',
  async run({ aig, ui, values }) {
    const args = ['call', CHAT_MODEL, 'Explain webhooks in one sentence.', '--tag', 'demo-chat', '--verbose'];
    const r = await aig(args, { live: true });
    expectExit(r, 0, 'aig call');
    check(r.stdout.trim().length > 0, 'aig call printed no answer');
    // --verbose logs `request id req_…` on stderr (never the key).
    const ids = [...r.stderr.matchAll(/request id (req_[0-9a-f]{24})/g)].map((m) => m[1]);
    check(ids.length > 0, `aig call --verbose printed no request id: ${r.stderr.trim().split('\n').at(-1)}`);
    values.chatRequestId = ids.at(-1);
    ui.note(ui.c.dim(`stderr: request id ${values.chatRequestId}`));
    return `${r.stdout.trim().length} characters streamed; request id ${values.chatRequestId}`;
  },
};

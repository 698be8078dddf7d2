export { streamedChat } from './chat.mjs';
export { evalAlias, evalRun } from './eval.mjs';
export { mcpCall, replay } from './replay-mcp.mjs';
export { init, models } from './setup.mjs';
export { subAccountBudget } from './sub-account.mjs';
export { usage } from './usage.mjs';
export { videoPolling, videoWebhook } from './video.mjs';
export { python } from './python.mjs';

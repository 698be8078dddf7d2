import { confirm } from '@clack/prompts';
import { answered, type PromptStreams } from './streams.js';

/** Asks a yes/no question, "no" preselected (for destructive actions); Ctrl-C or Esc is an interruption. */
export async function askConfirm(streams: PromptStreams, message: string): Promise<boolean> {
  const value = await confirm({ ...streams, message, initialValue: false });
  return answered(value);
}

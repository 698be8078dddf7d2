import { answered, loadClack, type PromptStreams } from './streams.js';

/** Asks a yes/no question, "no" preselected (for destructive actions); Ctrl-C or Esc is an interruption. */
export async function askConfirm(streams: PromptStreams, message: string): Promise<boolean> {
  const clack = await loadClack();
  const value = await clack.confirm({ ...streams, message, initialValue: false });
  return answered(clack, value);
}

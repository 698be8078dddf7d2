import type { InputStream } from '../io.js';

/**
 * Runs `work` with the terminal in raw mode, so nothing typed meanwhile is echoed: between two prompts the
 * terminal would otherwise print a key pasted early in clear text. What is typed while the CLI is busy is
 * discarded (the next prompt starts empty); Ctrl-C, which raw mode turns into a byte, calls `onInterrupt`.
 */
export async function withQuietTerminal<T>(
  input: InputStream | undefined,
  onInterrupt: () => void,
  work: () => Promise<T>,
): Promise<T> {
  if (!input?.isTTY || typeof input.setRawMode !== 'function') return work();
  const onData = (chunk: Buffer | string) => {
    if ((typeof chunk === 'string' ? Buffer.from(chunk) : chunk).includes(0x03)) onInterrupt();
  };
  input.setRawMode(true);
  input.on('data', onData);
  input.resume();
  try {
    return await work();
  } finally {
    input.off('data', onData);
    input.pause();
    input.setRawMode(false);
  }
}

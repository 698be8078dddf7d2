import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** A program running in a real pseudo-terminal: a tmux session on its own server socket. */
export interface Terminal {
  /** The visible screen plus scrollback, as text. */
  screen(): Promise<string>;
  /** Waits until the screen matches `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Types literal text (no key names). */
  type(text: string): Promise<void>;
  /** Presses keys by tmux name: Enter, Down, C-c … */
  press(...keys: string[]): Promise<void>;
  /** Kills the tmux server and everything in it. */
  kill(): Promise<void>;
}

/** Runs `command` (a shell command line) in a 120×40 tmux session; after it ends, prints `[exit N]`. */
export async function startTerminal(command: string, cwd: string): Promise<Terminal> {
  const socket = `aig-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmux = (...args: string[]) => exec('tmux', ['-L', socket, ...args]);
  await tmux(
    'new-session',
    '-d',
    '-x',
    '120',
    '-y',
    '40',
    '-c',
    cwd,
    `${command}; echo "[exit $?]"; sleep 600`,
  );
  const screen = async () => (await tmux('capture-pane', '-p', '-S', '-200')).stdout;
  return {
    screen,
    async waitFor(pattern, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = await screen();
        if (pattern.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${pattern}; screen:\n${text}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async type(text) {
      // '--' ends tmux's flags, so text may start with a dash (an option being typed).
      await tmux('send-keys', '-l', '--', text);
    },
    async press(...keys) {
      await tmux('send-keys', ...keys);
    },
    async kill() {
      await tmux('kill-server').catch(() => undefined);
      // tmux can leave its socket file behind; it lives in $TMUX_TMPDIR (or /tmp)/tmux-<uid>/.
      const dir = join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`);
      await rm(join(dir, socket), { force: true });
    },
  };
}

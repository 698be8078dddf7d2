/** A transient, self-overwriting status line (spinner + text) on a terminal. */
export interface StatusLine {
  update(text: string): void;
  /** Clears the line; prints `finalText` on its own line when given. */
  stop(finalText?: string): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A status line that prints nothing: used off a TTY, with `--quiet`, or when stderr is not a terminal. */
export const silentStatus: StatusLine = { update() {}, stop() {} };

/** Draws a spinner through `write` (to a TTY) every 80 ms until stopped. */
export function startStatusLine(write: (text: string) => void, initialText: string): StatusLine {
  let text = initialText;
  let frame = 0;
  const draw = () => {
    write(`\r\u001b[2K${FRAMES[frame % FRAMES.length]} ${text}`);
    frame += 1;
  };
  draw();
  const timer = setInterval(draw, 80);
  timer.unref();
  return {
    update(next) {
      text = next;
      draw();
    },
    stop(finalText) {
      clearInterval(timer);
      write('\r\u001b[2K');
      if (finalText) write(`${finalText}\n`);
    },
  };
}

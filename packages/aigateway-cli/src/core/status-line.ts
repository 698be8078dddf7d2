/** A transient, self-overwriting status line (spinner + text) on a terminal. */
export interface StatusLine {
  update(text: string): void;
  /** Clears the line; prints `finalText` on its own line when given. */
  stop(finalText?: string): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A status line that prints nothing: used off a TTY, with `--quiet`, or when stderr is not a terminal. */
export const silentStatus: StatusLine = { update() {}, stop() {} };

/**
 * Draws a spinner through `write` (to a TTY) every 80 ms until stopped; `clean` makes the status text
 * terminal-safe (the spinner's own control sequences are written as they are).
 */
export function startStatusLine(
  write: (text: string) => void,
  clean: (text: string) => string,
  initialText: string,
): StatusLine {
  let text = clean(initialText);
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
      text = clean(next);
      draw();
    },
    stop(finalText) {
      clearInterval(timer);
      write('\r\u001b[2K');
      if (finalText) write(`${clean(finalText)}\n`);
    },
  };
}

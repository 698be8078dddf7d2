/** Cents as the console shows them: dollars from $1, else cents with the precision small prices need. */
export function cents(value: number): string {
  if (Math.abs(value) >= 100) return `$${(value / 100).toFixed(2)}`;
  if (value === 0) return '0¢';
  return `${value < 0.01 ? value.toPrecision(2) : Number(value.toFixed(4))}¢`;
}

/** Unix seconds (emulator clock) as a local date-time. */
export const time = (unix: number): string => new Date(unix * 1000).toLocaleString();
export const clockTime = (unix: number): string => new Date(unix * 1000).toLocaleTimeString();

/** "in 28 s", "3 min ago"… relative to `now` (both Unix seconds). */
export function relative(unix: number, now: number): string {
  const d = unix - now;
  const abs = Math.abs(d);
  const span =
    abs < 90
      ? `${Math.round(abs)} s`
      : abs < 5400
        ? `${Math.round(abs / 60)} min`
        : `${(abs / 3600).toFixed(1)} h`;
  return d >= 0 ? `in ${span}` : `${span} ago`;
}

export const bytes = (n: number): string =>
  n < 1024
    ? `${n} B`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(1)} kB`
      : `${(n / 1024 / 1024).toFixed(1)} MB`;

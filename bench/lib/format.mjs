// Number formatting shared by the report and the suites.

export function fmt(value, digits = 0) {
  if (value === undefined || value === null || Number.isNaN(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function ms(value) {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  return `${fmt(value, value < 10 ? 3 : value < 100 ? 2 : 1)} ms`;
}

export function ratio(value) {
  return value === undefined || Number.isNaN(value) ? 'n/a' : `${value.toFixed(2)}×`;
}

export function bytes(value) {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  if (value < 1024) return `${value} B`;
  if (value < 1024 * 1024) return `${(value / 1024).toFixed(1)} KB`;
  return `${(value / 1024 / 1024).toFixed(2)} MB`;
}

/**
 * A target line. `value` is the median (a ratio unless `show` formats it otherwise), `meets` says
 * whether a value reaches the goal. `rounds` (per-round values of the same ratio) mark the verdict
 * noisy when some rounds reach the goal and others do not; `cpu` is the same comparison on CPU time.
 */
export function target(name, goal, value, meets, { rounds, cpu, show = ratio } = {}) {
  const range = rounds?.length ? [Math.min(...rounds), Math.max(...rounds)] : undefined;
  return {
    name,
    goal,
    measured: show(value),
    met: Number.isNaN(value) ? null : meets(value),
    rounds: range ? `${show(range[0])}–${show(range[1])}` : '',
    noisy: Boolean(rounds?.some(meets) && rounds.some((v) => !meets(v))),
    cpu: cpu === undefined ? '' : ratio(cpu),
  };
}

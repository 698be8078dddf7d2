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

/** A target line: `met` is true, false, or null when it could not be measured. */
export function target(name, goal, measured, met) {
  return { name, goal, measured, met };
}

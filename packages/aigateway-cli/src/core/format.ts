/** US cents as dollars: 1234 → "$12.34", 0.5 → "$0.005". */
export function dollars(cents: number): string {
  const value = cents / 100;
  return `$${value >= 0.01 || value === 0 ? value.toFixed(2) : Number(value.toPrecision(2))}`;
}

/** Unix seconds as an ISO date-time without milliseconds, or "-" for null. */
export function isoTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '-';
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** Integers with thousands separators. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

const UNIT: Record<string, string> = {
  '1m_tokens': '1M tokens',
  image: 'image',
  second: 'second',
  '1k_characters': '1K chars',
  minute: 'minute',
  request: 'request',
  asset: 'asset',
};

/** A model's price: "$3.00 / $15.00 per 1M tokens" or "$0.04 per image". */
export function price(
  pricing: { unit: string; input_cents: number; output_cents?: number | null } | undefined,
): string {
  if (!pricing) return '-';
  const unit = UNIT[pricing.unit] ?? pricing.unit;
  return pricing.output_cents === undefined || pricing.output_cents === null
    ? `${dollars(pricing.input_cents)} per ${unit}`
    : `${dollars(pricing.input_cents)} / ${dollars(pricing.output_cents)} per ${unit}`;
}

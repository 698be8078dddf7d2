import { WebhookVerificationError } from './errors.js';

export const SIGNATURE_HEADER = 'x-aig-signature';

/** `x-aig-signature` parsed: the timestamp exactly as sent (it is signed as text) and the v1 digests. */
export interface SignatureHeader {
  timestamp: string;
  signatures: string[];
}

const TIMESTAMP = /^\d{1,15}$/;
const V1 = /^[0-9a-f]{64}$/;
const FORMAT = '`t=<unix seconds>,v1=<64 lowercase hex chars>[,v1=…]`';

function malformed(problem: string): WebhookVerificationError {
  return new WebhookVerificationError(
    'malformed_header',
    `The \`${SIGNATURE_HEADER}\` header is malformed: ${problem}. It must look like ${FORMAT}; pass the ` +
      'header exactly as received.',
    SIGNATURE_HEADER,
  );
}

/**
 * Parses `t=<unix>,v1=<hex>[,v1=<hex>…]`. Unknown schemes (`v0=`, a future `v2=`) are ignored, as in
 * Stripe's format, so a new scheme never breaks older verifiers.
 */
export function parseSignatureHeader(value: string): SignatureHeader {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  // Comma-separated entries, walked with indexOf rather than split(): no array on every delivery.
  for (let start = 0; start <= value.length; ) {
    let end = value.indexOf(',', start);
    if (end === -1) end = value.length;
    const item = value.slice(start, end).trim();
    start = end + 1;
    const eq = item.indexOf('=');
    if (eq <= 0) throw malformed('an entry is not a `key=value` pair');
    const key = item.slice(0, eq);
    const val = item.slice(eq + 1);
    if (key === 't') {
      if (timestamp !== undefined) throw malformed('`t=` appears more than once');
      if (!TIMESTAMP.test(val)) throw malformed('`t=` is not a Unix time in whole seconds');
      timestamp = val;
    } else if (key === 'v1') {
      if (!V1.test(val)) throw malformed('a `v1=` value is not 64 lowercase hex characters');
      signatures.push(val);
    }
  }
  if (timestamp === undefined) throw malformed('it has no `t=` timestamp');
  if (signatures.length === 0) throw malformed('it has no `v1=` signature');
  return { timestamp, signatures };
}

/** The header value for a timestamp and one or more hex digests. */
export function formatSignatureHeader(timestamp: string, signatures: readonly string[]): string {
  return [`t=${timestamp}`, ...signatures.map((s) => `v1=${s}`)].join(',');
}

// Secrets must never reach a log line, an error message or a serialised object. Known secrets
// (the configured API key and BYOK keys) are replaced exactly; anything that merely looks like a
// key (sk-…, Bearer …, common provider prefixes) is masked by pattern as a second net.
const KEY_PATTERN =
  /\b(?:Bearer\s+[^\s"',;]+|(?:sk|pk|rk)[-_][A-Za-z0-9_-]{6,}|gsk_[A-Za-z0-9]{6,}|xai-[A-Za-z0-9]{6,}|hf_[A-Za-z0-9]{6,}|r8_[A-Za-z0-9]{6,}|AIza[A-Za-z0-9_-]{10,})/g;

/** Header names whose value is always a secret. */
export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'authorization' || lower.startsWith('x-byok-') || lower === 'x-api-key';
}

/** Masks known secrets and key-looking values in `text`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join('[redacted]');
  }
  return out.replace(KEY_PATTERN, (match) =>
    match.startsWith('Bearer') ? 'Bearer [redacted]' : '[redacted]',
  );
}

/** A loggable copy of request headers with every secret header masked. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    out[name] = isSecretHeader(name) ? '[redacted]' : (headers[name] as string);
  }
  return out;
}

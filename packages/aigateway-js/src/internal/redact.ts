// Secrets must never reach a log line, an error message or a serialised object. Known secrets
// (the configured API key and BYOK keys) are replaced exactly; anything that merely looks like a
// key (Bearer …, sk-…, common provider prefixes) is masked by pattern as a second net.
//
// A pattern match must also hold a run of 8+ letters or digits, as every real key does: without it
// the placeholders of help texts (`Bearer sk-aig-...`, `sk-aig-sub-...`, `Bearer <key>`,
// `YOUR_KEY`) would be masked and the gateway's advice garbled; so would a variable or template
// (`Bearer $AIGATEWAY_API_KEY`, `Bearer ${apiKey}`), which no real token starts with. A bearer token
// ends at whitespace, a quote, a backtick, ',' or ';', so the text around it survives.
const KEY_PATTERN =
  /\b(?:Bearer\s+(?![$<{])(?=[^\s"'`,;]*[A-Za-z0-9]{8})[^\s"'`,;]+|(?:sk|pk|rk)[-_](?=[\w-]*[A-Za-z0-9]{8})[\w-]+|(?:gsk_|xai-|hf_|r8_)[A-Za-z0-9]{8,}|AIza[\w-]{10,})/g;

// The `user:password@` of a URL (a base URL or file URL someone wrote credentials into).
const URL_CREDENTIALS = /(\/\/)[^\s/?#@"'`]*@/g;

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
  return out
    .replace(KEY_PATTERN, (match) => (match.startsWith('Bearer') ? 'Bearer [redacted]' : '[redacted]'))
    .replace(URL_CREDENTIALS, '$1[redacted]@');
}

/**
 * A copy of response headers safe to keep on an error (`inspect(err)` shows them): secret headers
 * and cookies masked, any key a proxy echoed back masked by `redact`.
 */
export function redactResponseHeaders(headers: Headers, secrets: readonly string[]): Headers {
  const out = new Headers();
  headers.forEach((value, name) => {
    const masked = isSecretHeader(name) || name === 'set-cookie' || name === 'cookie';
    out.append(name, masked ? '[redacted]' : redact(value, secrets));
  });
  return out;
}

/** A loggable copy of request headers with every secret header masked. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    out[name] = isSecretHeader(name) ? '[redacted]' : (headers[name] as string);
  }
  return out;
}

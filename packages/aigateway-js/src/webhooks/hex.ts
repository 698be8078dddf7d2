export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

// '0'–'9' → 0–9, 'a'–'f' → 10–15: the header parser admits nothing else.
const nibble = (code: number): number => (code <= 57 ? code - 48 : code - 87);

/** Decodes lowercase hex already checked by the header parser. */
export function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
  }
  return bytes;
}

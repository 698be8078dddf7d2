import { readPng } from '../../../media/png.js';

/**
 * The bytes of one of the emulator's own file URLs, checked as a download is (`Files.readInput`);
 * undefined for any other URL. `param` names the input in errors.
 */
export type FileLookup = (url: string, param: string) => Buffer | undefined;

export interface ImageSource {
  /** The image bytes when they are inline or stored in the emulator. */
  bytes?: Buffer;
  /** What to derive outputs from when there are no bytes (the URL). */
  key: string;
  width: number;
  height: number;
  /** The prompt of an emulator-made PNG. */
  prompt?: string;
}

/** Reads an image given as a data URL, bare base64, an emulator file URL or any other URL (never fetched). */
export function loadImage(input: string, lookup: FileLookup, param: string): ImageSource {
  let bytes: Buffer | undefined;
  const data = /^data:[^;,]*(;base64)?,(.*)$/s.exec(input);
  if (data)
    bytes = data[1] ? Buffer.from(data[2]!, 'base64') : Buffer.from(decodeURIComponent(data[2]!), 'latin1');
  else if (/^https?:\/\//i.test(input)) bytes = lookup(input, param);
  else if (/^[A-Za-z0-9+/=\s]+$/.test(input) && input.length >= 16) bytes = Buffer.from(input, 'base64');
  const png = bytes ? readPng(bytes) : undefined;
  return {
    bytes,
    key: bytes ? bytes.subarray(0, 4096).toString('base64') : input,
    width: png?.width ?? 640,
    height: png?.height ?? 480,
    prompt: png?.text.prompt,
  };
}

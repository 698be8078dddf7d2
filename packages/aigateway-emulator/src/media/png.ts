import { deflateSync, inflateSync } from 'node:zlib';
import { palette, type Rgb } from './color.js';
import { crc32 } from './crc32.js';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A tEXt chunk when the text is Latin-1 (what most readers show), else iTXt (UTF-8), so any script survives. */
function textChunk(keyword: string, text: string): Buffer {
  const latin1 = Buffer.from(text, 'latin1');
  if (latin1.toString('latin1') === text)
    return chunk('tEXt', Buffer.concat([Buffer.from(`${keyword}\0`, 'latin1'), latin1]));
  return chunk(
    'iTXt',
    Buffer.concat([Buffer.from(`${keyword}\0\0\0\0\0`, 'latin1'), Buffer.from(text, 'utf8')]),
  );
}

/**
 * Renders a real RGB PNG: a vertical gradient between two prompt-derived colours with a disc of
 * a third, and the prompt stored in a text chunk (keyword `prompt`) so OCR can read it back.
 */
export function renderPng(
  width: number,
  height: number,
  prompt: string,
  meta: Record<string, string> = {},
): Buffer {
  const [top, bottom, disc] = palette(prompt, 3) as [Rgb, Rgb, Rgb];
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  const cx = width / 2;
  const cy = height / 2;
  const r2 = (Math.min(width, height) * 0.3) ** 2;
  for (let y = 0; y < height; y++) {
    const t = height > 1 ? y / (height - 1) : 0;
    const row = y * stride;
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const inDisc = (x - cx) ** 2 + (y - cy) ** 2 <= r2;
      const o = row + 1 + x * 3;
      for (let c = 0; c < 3; c++) {
        raw[o + c] = inDisc ? disc[c]! : Math.round(top[c]! * (1 - t) + bottom[c]! * t);
      }
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    textChunk('prompt', prompt),
    ...Object.entries({ Software: 'aigateway-emulator', ...meta }).map(([k, v]) => textChunk(k, v)),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export interface PngInfo {
  width: number;
  height: number;
  text: Record<string, string>;
}

/** Reads a PNG's size and text chunks (tEXt, iTXt, zTXt); undefined when `bytes` is not a PNG. */
export function readPng(bytes: Uint8Array): PngInfo | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(SIGNATURE)) return undefined;
  const info: PngInfo = { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), text: {} };
  let at = 8;
  while (at + 8 <= buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, Math.min(buf.length, at + 8 + length));
    const nul = data.indexOf(0);
    if (nul > 0 && (type === 'tEXt' || type === 'iTXt' || type === 'zTXt')) {
      const keyword = data.toString('latin1', 0, nul);
      try {
        if (type === 'tEXt') info.text[keyword] = data.toString('latin1', nul + 1);
        else if (type === 'zTXt') info.text[keyword] = inflateSync(data.subarray(nul + 2)).toString('latin1');
        else {
          const compressed = data[nul + 1] === 1;
          let p = nul + 3;
          p = data.indexOf(0, p) + 1; // language tag
          p = data.indexOf(0, p) + 1; // translated keyword
          const body = data.subarray(p);
          info.text[keyword] = (compressed ? inflateSync(body) : body).toString('utf8');
        }
      } catch {
        // A damaged text chunk is skipped, as image viewers do.
      }
    }
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return info;
}

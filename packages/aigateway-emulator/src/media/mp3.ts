/**
 * A valid MPEG-1 Layer III stream of silent frames (32 kHz, 32 kbit/s, mono: 144 bytes and 36 ms
 * per frame) behind an ID3v2.4 tag whose TIT2 frame holds the spoken text, so transcribing the
 * emulator's own MP3 speech round-trips the text. It plays as silence: the emulator has no encoder.
 */
const FRAME_HEADER = [0xff, 0xfb, 0x18, 0xc0];
const FRAME_BYTES = 144;
const FRAME_SECONDS = 1152 / 32000;

const syncsafe = (n: number) => [(n >>> 21) & 0x7f, (n >>> 14) & 0x7f, (n >>> 7) & 0x7f, n & 0x7f];

function id3(text: string): Buffer {
  const value = Buffer.concat([Buffer.from([3]), Buffer.from(text, 'utf8')]); // 3 = UTF-8
  const frame = Buffer.concat([
    Buffer.from('TIT2', 'latin1'),
    Buffer.from(syncsafe(value.length)),
    Buffer.from([0, 0]),
    value,
  ]);
  return Buffer.concat([
    Buffer.from('ID3', 'latin1'),
    Buffer.from([4, 0, 0]),
    Buffer.from(syncsafe(frame.length)),
    frame,
  ]);
}

export function encodeSilentMp3(durationSeconds: number, text: string): Buffer {
  const frames = Math.max(1, Math.ceil(durationSeconds / FRAME_SECONDS));
  const audio = Buffer.alloc(frames * FRAME_BYTES);
  for (let i = 0; i < frames; i++) audio.set(FRAME_HEADER, i * FRAME_BYTES);
  return Buffer.concat([id3(text), audio]);
}

/** The TIT2 text and duration of an MP3 written by `encodeSilentMp3` (or any ID3v2.3/2.4-tagged CBR file). */
export function readMp3(bytes: Uint8Array): { durationSeconds: number; title?: string } | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let title: string | undefined;
  if (buf.toString('latin1', 0, 3) === 'ID3' && buf.length >= 10) {
    const size =
      ((buf[6]! & 0x7f) << 21) | ((buf[7]! & 0x7f) << 14) | ((buf[8]! & 0x7f) << 7) | (buf[9]! & 0x7f);
    const v4 = buf[3] === 4;
    let p = 10;
    while (p + 10 <= Math.min(buf.length, 10 + size)) {
      const id = buf.toString('latin1', p, p + 4);
      const len = v4
        ? ((buf[p + 4]! & 0x7f) << 21) |
          ((buf[p + 5]! & 0x7f) << 14) |
          ((buf[p + 6]! & 0x7f) << 7) |
          (buf[p + 7]! & 0x7f)
        : buf.readUInt32BE(p + 4);
      if (!/^[A-Z0-9]{4}$/.test(id) || len === 0) break;
      if (id === 'TIT2') {
        const enc = buf[p + 10];
        const body = buf.subarray(p + 11, p + 10 + len);
        title = (
          enc === 1 || enc === 2 ? body.toString('utf16le') : body.toString(enc === 0 ? 'latin1' : 'utf8')
        ).replace(/\0+$/, '');
      }
      p += 10 + len;
    }
    at = 10 + size;
  }
  if (buf[at] !== 0xff || ((buf[at + 1] ?? 0) & 0xe0) !== 0xe0)
    return title === undefined ? undefined : { durationSeconds: 0, title };
  const frames = Math.floor((buf.length - at) / FRAME_BYTES);
  return { durationSeconds: frames * FRAME_SECONDS, title };
}

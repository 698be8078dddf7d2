/** 16-bit mono PCM WAV with a LIST/INFO chunk, and a reader for what this module writes (and most WAVs). */

function infoChunk(info: Record<string, string>): Buffer {
  const parts = Object.entries(info).map(([id, value]) => {
    const text = Buffer.from(`${value}\0`, 'utf8');
    const padded = text.length % 2 ? Buffer.concat([text, Buffer.alloc(1)]) : text;
    const head = Buffer.alloc(8);
    head.write(id.slice(0, 4).padEnd(4, ' '), 0, 'latin1');
    head.writeUInt32LE(text.length, 4);
    return Buffer.concat([head, padded]);
  });
  const body = Buffer.concat([Buffer.from('INFO', 'latin1'), ...parts]);
  const head = Buffer.alloc(8);
  head.write('LIST', 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

/** Encodes `samples` (−1…1) as a 16-bit PCM WAV; `info` ids are RIFF INFO tags (INAM, ICMT, ISFT…). */
export function encodeWav(samples: Float32Array, sampleRate: number, info: Record<string, string>): Buffer {
  const data = pcm16(samples);
  const list = infoChunk(info);
  const header = Buffer.alloc(36);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + 24 + list.length + 8 + data.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  const dataHead = Buffer.alloc(8);
  dataHead.write('data', 0, 'latin1');
  dataHead.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, list, dataHead, data]);
}

/** Little-endian signed 16-bit PCM, the body of a WAV and OpenAI's `pcm` speech format. */
export function pcm16(samples: Float32Array): Buffer {
  const out = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) {
    out.writeInt16LE(Math.round(Math.max(-1, Math.min(1, samples[i]!)) * 32767), i * 2);
  }
  return out;
}

export interface WavInfo {
  durationSeconds: number;
  info: Record<string, string>;
}

/** Duration and INFO tags of a RIFF/WAVE file; undefined when `bytes` is not one. */
export function readWav(bytes: Uint8Array): WavInfo | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WAVE')
    return undefined;
  let byteRate = 0;
  let dataBytes = 0;
  const info: Record<string, string> = {};
  let at = 12;
  while (at + 8 <= buf.length) {
    const id = buf.toString('latin1', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    const body = buf.subarray(at + 8, Math.min(buf.length, at + 8 + size));
    if (id === 'fmt ' && body.length >= 12) byteRate = body.readUInt32LE(8);
    else if (id === 'data') dataBytes = size;
    else if (id === 'LIST' && body.toString('latin1', 0, 4) === 'INFO') {
      let p = 4;
      while (p + 8 <= body.length) {
        const tag = body.toString('latin1', p, p + 4);
        const len = body.readUInt32LE(p + 4);
        info[tag] = body.toString('utf8', p + 8, Math.min(body.length, p + 8 + len)).replace(/\0+$/, '');
        p += 8 + len + (len % 2);
      }
    }
    at += 8 + size + (size % 2);
  }
  return { durationSeconds: byteRate > 0 ? dataBytes / byteRate : 0, info };
}

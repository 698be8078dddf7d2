/**
 * A structurally valid ISO-BMFF (MP4) file: `ftyp`, a `moov` whose `mvhd` declares the requested
 * duration, the prompt in a `udta` box, and an empty `mdat`. Parsers (ffprobe, mp4box) read its
 * duration; it has no video track, because the emulator does not encode video.
 */
function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

function mvhd(durationMs: number): Buffer {
  const b = Buffer.alloc(100);
  // version 0, flags 0, creation and modification time 0
  b.writeUInt32BE(1000, 12); // timescale: ms
  b.writeUInt32BE(durationMs, 16);
  b.writeUInt32BE(0x00010000, 20); // rate 1.0
  b.writeUInt16BE(0x0100, 24); // volume 1.0
  const matrix = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000];
  for (const [i, v] of matrix.entries()) b.writeUInt32BE(v, 36 + i * 4);
  b.writeUInt32BE(1, 96); // next track id
  return box('mvhd', b);
}

export function renderMp4(prompt: string, durationSeconds: number): Buffer {
  const ftyp = box(
    'ftyp',
    Buffer.from('isom', 'latin1'),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from('isomiso2mp41', 'latin1'),
  );
  const note = Buffer.concat([Buffer.alloc(4), Buffer.from(`aigateway-emulator: ${prompt}`, 'utf8')]);
  const moov = box('moov', mvhd(Math.round(durationSeconds * 1000)), box('udta', box('desc', note)));
  return Buffer.concat([ftyp, moov, box('mdat')]);
}

import { describe, expect, it } from 'vitest';
import { renderGlb, renderObj } from '../../src/media/glb.js';
import { encodeSilentMp3, readMp3 } from '../../src/media/mp3.js';
import { renderMp4 } from '../../src/media/mp4.js';
import { readPng, renderPng } from '../../src/media/png.js';
import { speechSeconds, synthesizeMusic, synthesizeSpeech } from '../../src/media/synth.js';
import { encodeWav, readWav } from '../../src/media/wav.js';

/** The declared duration (s) of an MP4's `mvhd`; undefined when absent. */
function readMp4Duration(bytes: Uint8Array): number | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = buf.indexOf('mvhd', 0, 'latin1');
  // After the type: version+flags, creation and modification times, then timescale and duration.
  if (at < 4 || at + 24 > buf.length) return undefined;
  return buf.readUInt32BE(at + 20) / buf.readUInt32BE(at + 16);
}

describe('generated media are real files', () => {
  it('PNG: valid signature and size, prompt stored as UTF-8 text, colours derived from the prompt', () => {
    const png = renderPng(40, 30, 'Ein Fuchs im Schnee — 狐');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(readPng(png)).toMatchObject({
      width: 40,
      height: 30,
      text: { prompt: 'Ein Fuchs im Schnee — 狐', Software: 'aigateway-emulator' },
    });
    expect(renderPng(40, 30, 'a')).toEqual(renderPng(40, 30, 'a'));
    expect(renderPng(40, 30, 'a')).not.toEqual(renderPng(40, 30, 'b'));
    expect(readPng(Buffer.from('not a png'))).toBeUndefined();
    const latin = renderPng(8, 8, 'a red fox');
    expect(latin.includes(Buffer.from('tEXtprompt\0a red fox', 'latin1'))).toBe(true);
  });

  it('WAV: RIFF/WAVE, duration from the header, INFO text read back', () => {
    const wav = encodeWav(synthesizeSpeech('hello world', 16000), 16000, { ICMT: 'hello world' });
    const info = readWav(wav);
    expect(info?.info.ICMT).toBe('hello world');
    expect(info?.durationSeconds).toBeCloseTo(speechSeconds('hello world'), 1);
    const music = synthesizeMusic('lofi', 2, 8000);
    expect(music.length).toBe(16000);
    expect(Math.max(...music.map(Math.abs))).toBeGreaterThan(0.1);
  });

  it('MP3: ID3v2.4 title and MPEG frames', () => {
    const mp3 = encodeSilentMp3(1, 'Grüße');
    expect(mp3.subarray(0, 3).toString()).toBe('ID3');
    const info = readMp3(mp3);
    expect(info?.title).toBe('Grüße');
    expect(info?.durationSeconds).toBeGreaterThanOrEqual(1);
  });

  it('GLB: a glTF 2.0 binary with consistent lengths and a mesh', () => {
    const glb = renderGlb('a chair');
    expect(glb.toString('latin1', 0, 4)).toBe('glTF');
    expect(glb.readUInt32LE(4)).toBe(2);
    expect(glb.readUInt32LE(8)).toBe(glb.length);
    const jsonLength = glb.readUInt32LE(12);
    const gltf = JSON.parse(glb.toString('utf8', 20, 20 + jsonLength));
    expect(gltf.asset.version).toBe('2.0');
    expect(gltf.extras.prompt).toBe('a chair');
    const binLength = glb.readUInt32LE(20 + jsonLength);
    expect(binLength).toBe(gltf.buffers[0].byteLength);
    expect(renderObj('a chair').toString()).toContain('\nf ');
  });

  it('MP4: ISO-BMFF boxes with the declared duration', () => {
    const mp4 = renderMp4('waves', 5);
    expect(mp4.toString('latin1', 4, 8)).toBe('ftyp');
    expect(readMp4Duration(mp4)).toBe(5);
  });
});

import { palette } from './color.js';

const CUBE_POSITIONS = [
  -1, -1, -1, 1, -1, -1, 1, 1, -1, -1, 1, -1, -1, -1, 1, 1, -1, 1, 1, 1, 1, -1, 1, 1,
].map((v) => v * 0.5);
const CUBE_INDICES = [
  0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4, 2, 3, 7, 2, 7, 6, 1, 2, 6, 1, 6, 5, 0, 4, 7, 0, 7, 3,
];

const pad4 = (b: Buffer, fill: number) =>
  b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4), fill)]) : b;

/** A valid glTF 2.0 binary (GLB): one cube mesh with a prompt-coloured material; the prompt rides in `extras`. */
export function renderGlb(prompt: string): Buffer {
  const positions = Buffer.from(new Float32Array(CUBE_POSITIONS).buffer);
  const indices = pad4(Buffer.from(new Uint16Array(CUBE_INDICES).buffer), 0);
  const rgb = palette(prompt, 1)[0]!;
  const gltf = {
    asset: { version: '2.0', generator: 'aigateway-emulator' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0, name: 'asset' }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0 }, indices: 1, material: 0 }] }],
    materials: [
      {
        pbrMetallicRoughness: {
          baseColorFactor: [...rgb.map((c) => c / 255), 1],
          metallicFactor: 0.1,
          roughnessFactor: 0.8,
        },
      },
    ],
    buffers: [{ byteLength: positions.length + indices.length }],
    bufferViews: [
      { buffer: 0, byteOffset: 0, byteLength: positions.length, target: 34962 },
      { buffer: 0, byteOffset: positions.length, byteLength: CUBE_INDICES.length * 2, target: 34963 },
    ],
    accessors: [
      {
        bufferView: 0,
        componentType: 5126,
        count: 8,
        type: 'VEC3',
        min: [-0.5, -0.5, -0.5],
        max: [0.5, 0.5, 0.5],
      },
      { bufferView: 1, componentType: 5123, count: CUBE_INDICES.length, type: 'SCALAR' },
    ],
    extras: { prompt },
  };
  const json = pad4(Buffer.from(JSON.stringify(gltf), 'utf8'), 0x20);
  const bin = Buffer.concat([positions, indices]);
  const chunkHead = (length: number, type: number) => {
    const h = Buffer.alloc(8);
    h.writeUInt32LE(length, 0);
    h.writeUInt32LE(type, 4);
    return h;
  };
  const total = 12 + 8 + json.length + 8 + bin.length;
  const header = Buffer.alloc(12);
  header.write('glTF', 0, 'latin1');
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(total, 8);
  return Buffer.concat([
    header,
    chunkHead(json.length, 0x4e4f534a),
    json,
    chunkHead(bin.length, 0x004e4942),
    bin,
  ]);
}

/** The same cube as Wavefront OBJ text. */
export function renderObj(prompt: string): Buffer {
  const lines = [`# aigateway-emulator: ${prompt.replace(/\s+/g, ' ')}`, 'o asset'];
  for (let i = 0; i < CUBE_POSITIONS.length; i += 3)
    lines.push(`v ${CUBE_POSITIONS.slice(i, i + 3).join(' ')}`);
  for (let i = 0; i < CUBE_INDICES.length; i += 3)
    lines.push(
      `f ${CUBE_INDICES.slice(i, i + 3)
        .map((n) => n + 1)
        .join(' ')}`,
    );
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

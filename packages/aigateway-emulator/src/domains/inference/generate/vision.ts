import { fnv1a, unitHash } from '../../../util/hash.js';
import { mulberry32 } from '../../../util/rng.js';
import type { ImageSource } from './image-input.js';

const round = (n: number, d = 4) => Math.round(n * 10 ** d) / 10 ** d;

/**
 * OCR: an emulator-made PNG reads back its prompt (wrapped into lines); any other image gets
 * deterministic receipt-like text derived from its bytes or URL.
 */
export function ocr(image: ImageSource) {
  let lines: string[];
  if (image.prompt) {
    lines = (image.prompt.match(/.{1,40}(\s|$)/g) ?? [image.prompt]).map((l) => l.trim()).filter(Boolean);
  } else {
    const h = fnv1a(image.key);
    lines = [
      `RECEIPT #${(h % 9000) + 1000}`,
      `ITEMS ${((h >>> 8) % 9) + 1}`,
      `TOTAL ${((h >>> 12) % 10000) / 100}`,
    ];
  }
  const blocks = lines.map((text, i) => {
    const y0 = Math.min(image.height - 24, 16 + i * 32);
    return {
      text,
      confidence: round(0.9 + unitHash(`${text}|${i}`) * 0.09),
      bbox: [16, y0, Math.min(image.width - 1, 16 + text.length * 10), y0 + 24],
    };
  });
  return { text: lines.join('\n'), blocks };
}

const COCO = [
  'person',
  'bicycle',
  'car',
  'motorcycle',
  'bus',
  'train',
  'truck',
  'boat',
  'bird',
  'cat',
  'dog',
  'horse',
  'sheep',
  'cow',
  'elephant',
  'bear',
  'zebra',
  'giraffe',
  'backpack',
  'umbrella',
  'handbag',
  'bottle',
  'cup',
  'fork',
  'knife',
  'spoon',
  'bowl',
  'banana',
  'apple',
  'orange',
  'pizza',
  'cake',
  'chair',
  'couch',
  'bed',
  'table',
  'tv',
  'laptop',
  'phone',
  'book',
  'clock',
  'vase',
];

/**
 * Detection: objects named in an emulator PNG's prompt are found with high scores; other images
 * get one to three COCO objects chosen from their bytes or URL. Boxes fit inside the image.
 */
export function detect(image: ImageSource, threshold: number) {
  const rand = mulberry32(fnv1a(image.key));
  const named = image.prompt
    ? COCO.filter((label) => new RegExp(`\\b${label}s?\\b`, 'i').test(image.prompt!))
    : [];
  const found =
    named.length > 0
      ? named.map((label) => ({ label, score: round(0.9 + rand() * 0.09) }))
      : Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
          label: COCO[Math.floor(rand() * COCO.length)]!,
          score: round(0.35 + rand() * 0.64),
        }));
  return found
    .filter((d) => d.score >= threshold)
    .map((d) => {
      const w = image.width * (0.2 + rand() * 0.4);
      const h = image.height * (0.2 + rand() * 0.4);
      const xmin = rand() * (image.width - w);
      const ymin = rand() * (image.height - h);
      return {
        ...d,
        box: {
          xmin: round(xmin, 1),
          ymin: round(ymin, 1),
          xmax: round(xmin + w, 1),
          ymax: round(ymin + h, 1),
        },
      };
    })
    .sort((a, b) => b.score - a.score);
}

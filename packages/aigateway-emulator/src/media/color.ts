import { fnv1a } from '../util/hash.js';

export type Rgb = [number, number, number];

function hslToRgb(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

/** `count` pleasant colours derived from `text`: the same prompt always paints the same image. */
export function palette(text: string, count: number): Rgb[] {
  const seed = fnv1a(text);
  return Array.from({ length: count }, (_, i) => {
    const hue = (seed + i * 137) % 360;
    const light = 0.35 + (((seed >>> (i * 3)) & 7) / 7) * 0.3;
    return hslToRgb(hue, 0.65, light);
  });
}

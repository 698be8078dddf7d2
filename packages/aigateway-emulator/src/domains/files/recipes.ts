import { renderGlb, renderObj } from '../../media/glb.js';
import { renderMp4 } from '../../media/mp4.js';
import { renderPng } from '../../media/png.js';
import { synthesizeMusic } from '../../media/synth.js';
import { encodeWav } from '../../media/wav.js';

/** How to (re)build a stored file: files are kept as recipes and rendered on download. */
export type FileRecipe =
  | { kind: 'image'; prompt: string; width: number; height: number; model: string }
  | { kind: 'video'; prompt: string; seconds: number }
  | { kind: 'music'; prompt: string; seconds: number; lyrics?: string }
  | { kind: '3d'; prompt: string; format: 'glb' | 'obj' };

export const MUSIC_SAMPLE_RATE = 8000;

export function contentTypeOf(recipe: FileRecipe): string {
  switch (recipe.kind) {
    case 'image':
      return 'image/png';
    case 'video':
      return 'video/mp4';
    case 'music':
      return 'audio/wav';
    case '3d':
      return recipe.format === 'glb' ? 'model/gltf-binary' : 'model/obj';
  }
}

export function renderFile(recipe: FileRecipe): Buffer {
  switch (recipe.kind) {
    case 'image':
      return renderPng(recipe.width, recipe.height, recipe.prompt, { model: recipe.model });
    case 'video':
      return renderMp4(recipe.prompt, recipe.seconds);
    case 'music': {
      const info: Record<string, string> = { INAM: recipe.prompt, ISFT: 'aigateway-emulator' };
      if (recipe.lyrics) info.ICMT = recipe.lyrics;
      return encodeWav(
        synthesizeMusic(recipe.prompt, recipe.seconds, MUSIC_SAMPLE_RATE),
        MUSIC_SAMPLE_RATE,
        info,
      );
    }
    case '3d':
      return recipe.format === 'glb' ? renderGlb(recipe.prompt) : renderObj(recipe.prompt);
  }
}

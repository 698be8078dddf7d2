/** A URL in a reply that the console can show: an image, a sound, a video or a file to download. */
export interface Media {
  kind: 'image' | 'audio' | 'video' | 'file';
  url: string;
  label: string;
}

const BY_EXTENSION: [RegExp, Media['kind']][] = [
  [/\.(png|jpe?g|gif|webp|svg)$/i, 'image'],
  [/\.(wav|mp3|ogg|flac|m4a)$/i, 'audio'],
  [/\.(mp4|webm|mov)$/i, 'video'],
  [/\.(glb|gltf|obj|pcm)$/i, 'file'],
];

/** What a URL points at, from its path's extension (emulator file URLs end in one). */
export function mediaKind(url: string, contentType?: string | null): Media['kind'] | undefined {
  if (contentType) {
    const top = contentType.split('/')[0];
    if (top === 'image' || top === 'audio' || top === 'video') return top;
  }
  let path: string;
  try {
    path = new URL(url, 'http://x').pathname;
  } catch {
    return undefined;
  }
  return BY_EXTENSION.find(([re]) => re.test(path))?.[1];
}

/**
 * Every media URL in a JSON reply (`data[].url` of an image generation, a job's `result_url`…) and
 * inline base64 images (`b64_json`), so the inspector and the jobs view show what came back.
 */
export function findMedia(value: unknown, out: Media[] = [], key = ''): Media[] {
  if (typeof value === 'string') {
    if (key === 'b64_json') out.push({ kind: 'image', url: `data:image/png;base64,${value}`, label: key });
    else if (/^https?:\/\//.test(value)) {
      const kind = mediaKind(value);
      if (kind) out.push({ kind, url: value, label: key });
    }
  } else if (Array.isArray(value)) {
    for (const v of value) findMedia(v, out, key);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) findMedia(v, out, k);
  }
  return out;
}

/** Emulator file URLs carry the origin the request used; load them from this page's origin. */
export function sameOrigin(url: string): string {
  if (url.startsWith('data:')) return url;
  try {
    const u = new URL(url);
    return u.pathname.startsWith('/v1/files/') ? `${u.pathname}${u.search}` : url;
  } catch {
    return url;
  }
}

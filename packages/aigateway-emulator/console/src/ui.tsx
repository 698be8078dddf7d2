import type { ComponentChildren } from 'preact';
import type { Media } from './media.js';
import { sameOrigin } from './media.js';

export function JsonView({ value, open = true }: { value: unknown; open?: boolean }) {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  if (text.length < 400) return <pre class="json">{text}</pre>;
  return (
    <details open={open}>
      <summary>JSON ({text.length.toLocaleString()} characters)</summary>
      <pre class="json">{text}</pre>
    </details>
  );
}

export function MediaView({ media }: { media: Media }) {
  const src = sameOrigin(media.url);
  if (media.kind === 'image') return <img class="media" src={src} alt={media.label || 'image'} />;
  // biome-ignore lint/a11y/useMediaCaption: the emulator's audio is generated tones, with no speech to caption.
  if (media.kind === 'audio') return <audio class="media" controls src={src} />;
  if (media.kind === 'video')
    return (
      <figure class="media">
        {/* biome-ignore lint/a11y/useMediaCaption: the emulator's video has no frames and no sound. */}
        <video controls src={src} />
        <figcaption>
          The emulator's MP4 declares its duration but has no frames (it does not encode video).{' '}
          <a href={src} download>
            Download
          </a>
        </figcaption>
      </figure>
    );
  return (
    <a class="media" href={src} download>
      Download {media.label || 'file'}
    </a>
  );
}

export function Badge({ tone, children }: { tone: string; children: ComponentChildren }) {
  return <span class={`badge ${tone}`}>{children}</span>;
}

export const statusTone = (status: number | null): string =>
  status === null || status === 0 ? 'bad' : status < 300 ? 'ok' : status < 500 ? 'warn' : 'bad';

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

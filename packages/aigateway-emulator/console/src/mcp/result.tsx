import { findMedia, mediaKind } from '../media.js';
import { JsonView, MediaView } from '../ui.js';
import type { CallToolResult, ContentPart } from './client.js';

function parseJson(text: string): unknown {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

function Text({ text }: { text: string }) {
  const json = parseJson(text);
  if (json === undefined) return <pre class="text">{text}</pre>;
  return (
    <>
      {findMedia(json).map((m) => (
        <MediaView key={m.url} media={m} />
      ))}
      <JsonView value={json} />
    </>
  );
}

function Part({ part }: { part: ContentPart }) {
  switch (part.type) {
    case 'text':
      return <Text text={part.text} />;
    case 'image':
      return (
        <MediaView
          media={{ kind: 'image', url: `data:${part.mimeType};base64,${part.data}`, label: 'image' }}
        />
      );
    case 'audio':
      return (
        <MediaView
          media={{ kind: 'audio', url: `data:${part.mimeType};base64,${part.data}`, label: 'audio' }}
        />
      );
    case 'resource_link': {
      const kind = mediaKind(part.uri, part.mimeType);
      return (
        <div class="resource">
          <a href={part.uri} target="_blank" rel="noreferrer">
            {part.title ?? part.name ?? part.uri}
          </a>
          {part.mimeType && <span class="hint"> {part.mimeType}</span>}
          {part.description && <p class="hint">{part.description}</p>}
          {kind && kind !== 'file' && <MediaView media={{ kind, url: part.uri, label: part.name ?? '' }} />}
        </div>
      );
    }
    case 'resource': {
      const { resource } = part;
      return (
        <div class="resource">
          <code>{resource.uri}</code>
          {resource.text !== undefined ? (
            <Text text={resource.text} />
          ) : resource.blob && mediaKind(resource.uri, resource.mimeType) ? (
            <MediaView
              media={{
                kind: mediaKind(resource.uri, resource.mimeType)!,
                url: `data:${resource.mimeType ?? 'application/octet-stream'};base64,${resource.blob}`,
                label: resource.uri,
              }}
            />
          ) : (
            <span class="hint"> {resource.mimeType ?? 'binary'} resource</span>
          )}
        </div>
      );
    }
    default:
      return <JsonView value={part} />;
  }
}

/** A tool result, shown by content type; `isError` results say so first, with the gateway's error. */
export function ResultView({ result, ms }: { result: CallToolResult; ms: number }) {
  const envelope = result.structuredContent?.error as
    | { code?: string; message?: string; request_id?: string }
    | undefined;
  return (
    <div class={`result ${result.isError ? 'is-error' : ''}`} data-testid="result">
      <div class="result-head">
        {result.isError ? (
          <strong class="bad">isError: the tool call failed</strong>
        ) : (
          <strong class="ok">Result</strong>
        )}
        <span class="hint"> {ms.toFixed(0)} ms</span>
      </div>
      {result.isError && envelope?.message && (
        <p class="error-message">
          {envelope.message} <code>{envelope.code}</code>{' '}
          {envelope.request_id && <code>{envelope.request_id}</code>}
        </p>
      )}
      {result.content.map((part, i) => (
        <div class={`part part-${part.type}`} key={i}>
          <span class="part-type">{part.type}</span>
          <Part part={part} />
        </div>
      ))}
      {result.structuredContent && (
        <div class="part part-structured">
          <span class="part-type">structuredContent</span>
          <JsonView value={result.structuredContent} open={!result.isError} />
        </div>
      )}
    </div>
  );
}

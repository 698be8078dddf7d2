import { ApiError } from './errors.js';

/** The media type of a `Content-Type` value, lower-cased, without parameters ('' when absent). */
export const mediaType = (header: string | null | undefined): string =>
  (header ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * Whether a JSON endpoint reads a body sent with this `Content-Type` as JSON: `application/json`,
 * and — because every curl example in the guide sends `-d` without `-H "Content-Type: …"`, which
 * curl labels `application/x-www-form-urlencoded` — that label or none at all. The contract says
 * so (openapi/README.md, "Request bodies").
 */
export const readsAsJson = (header: string | null | undefined): boolean =>
  ['', 'application/json', 'application/x-www-form-urlencoded'].includes(mediaType(header));

/** The 415 for a JSON endpoint's body sent as anything else (`application/xml`, multipart…). */
export function unsupportedJsonBody(header: string | null | undefined): ApiError {
  return new ApiError(
    415,
    'unsupported_media_type',
    `This endpoint takes a JSON body (got Content-Type: ${mediaType(header)}); send it with Content-Type: application/json.`,
  );
}

/**
 * Whether an `Accept` header admits `type` (RFC 9110 §12.5.1): no header, `*\/*`, the type's
 * `main/*` or the type itself, unless its `q` is 0.
 */
export function accepts(header: string | null | undefined, type: string): boolean {
  if (!header?.trim()) return true;
  const main = type.split('/')[0];
  return header.split(',').some((part) => {
    const [range = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (params.some((p) => /^q=0(\.0*)?$/.test(p))) return false;
    return range === '*/*' || range === `${main}/*` || range === type;
  });
}

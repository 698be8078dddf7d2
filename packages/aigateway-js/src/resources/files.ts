import type { CallOptions } from '../client.js';
import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { APIResource } from '../core/resource.js';
import { filePathParam, fileURL, paths, pathTo, signedUrlSchema } from '../core/schemas.js';
import type { Schemas } from '../core/types.js';

type SignedUrlSchema = Schemas['SignedUrl'];
export interface SignedUrl extends SignedUrlSchema {}
type SignedUrlCreateParamsSchema = Schemas['SignedUrlRequest'];
export interface SignedUrlCreateParams extends SignedUrlCreateParamsSchema {}

export class Files extends APIResource {
  /**
   * Downloads a stored file (a job's `result_url`, a signed URL, or a path like
   * `jobs/job_abc/video.mp4`) and resolves to the raw `Response`. Signed URLs and other hosts are
   * fetched without your key; paths and unsigned gateway URLs with it.
   *
   * @example
   * const file = await client.files.download(job.result_url!);
   * await fs.promises.writeFile('video.mp4', Buffer.from(await file.arrayBuffer()));
   */
  download(urlOrPath: string, options?: RequestOptions): APIPromise<Response> {
    const { path, auth, relative } = resolveFile(urlOrPath, this._client.baseURL);
    const headers = { accept: '*/*', ...options?.headers };
    // A URL is fetched as given (without credentials in it); a path must be a stored file's path.
    const validate: CallOptions['validate'] =
      relative === undefined
        ? [fileURL, 'files.download', urlOrPath]
        : [filePathParam, 'files.download', relative];
    return this._client.get(path, { ...options, headers, auth, validate }, 'binary');
  }

  /** Mints a signed, expiring URL for a stored file (`POST /v1/files/signed-urls`), to hand to someone without a key. */
  createSignedUrl(body: SignedUrlCreateParams, options?: RequestOptions): APIPromise<SignedUrl> {
    return this._client.post(paths.createSignedUrl, {
      ...options,
      body,
      validate: [signedUrlSchema, 'files.createSignedUrl'],
    });
  }
}

// The key goes only to the gateway itself, and not even there when the URL carries its own signature.
// A path (not a URL) is checked against the contract's `FilePath` (no `.`/`..` segments) before
// anything is sent, so it can only name a file under /v1/files.
function resolveFile(
  urlOrPath: string,
  baseURL: string,
): { path: string; auth: boolean; relative?: string | undefined } {
  const value = String(urlOrPath);
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { path: value, auth: false };
    }
    const sameOrigin = url.origin === new URL(baseURL).origin;
    return { path: value, auth: sameOrigin && !url.searchParams.has('signature') };
  }
  const [pathPart = '', query] = value.split('?', 2);
  const relative = pathPart
    .replace(/^\/+/, '')
    .replace(/^v1\//, '')
    .replace(/^files\//, '');
  const path = pathTo('downloadFile', { path: relative });
  if (query === undefined) return { path, auth: true, relative };
  return { path: `${path}?${query}`, auth: !new URLSearchParams(query).has('signature'), relative };
}

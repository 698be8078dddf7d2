import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { APIResource } from '../core/resource.js';
import { ocrSchema, paths } from '../core/schemas.js';
import type { ModelId, Schemas } from '../core/types.js';

type OCRResponseSchema = Schemas['OcrResponse'];
export interface OCRResponse extends OCRResponseSchema {}
export type KnownOcrModel = Schemas['KnownOcrModel'];

/** Parameters of `ocr.create`. */
export interface OCRCreateParams extends Omit<Schemas['OcrRequest'], 'model'> {
  model: ModelId<KnownOcrModel>;
}

export class OCR extends APIResource {
  /** Reads the text in an image (URL, data: URL or base64) (`POST /v1/ocr`). */
  create(body: OCRCreateParams, options?: RequestOptions): APIPromise<OCRResponse> {
    return this._client.post(paths.createOcr, { ...options, body, validate: [ocrSchema, 'ocr.create'] });
  }
}

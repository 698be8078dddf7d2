import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '../http/errors.js';
import { contentTypeOf, type FileRecipe, renderFile } from '../inference/media.js';
import { hmacHex } from '../util/hash.js';
import type { Principal } from './accounts.js';

export interface FileRecord {
  path: string;
  owner: string | null;
  created_at: number;
  recipe: FileRecipe;
}

export const MAX_EXPIRES_IN = 604_800;

/** Stored files (job results, image URLs) and their signed, expiring download URLs. */
export class Files {
  readonly records = new Map<string, FileRecord>();

  constructor(
    private readonly secret: () => string,
    private readonly changed: () => void,
  ) {}

  put(path: string, owner: string | null, recipe: FileRecipe, now: number): FileRecord {
    const record = { path, owner, recipe, created_at: now };
    this.records.set(path, record);
    this.changed();
    return record;
  }

  /** A file the principal may read: its own, or any with the top-level key. */
  get(path: string, principal: Principal | null): FileRecord {
    const record = this.records.get(path);
    if (
      !record ||
      (principal && principal.subAccountId !== null && record.owner !== principal.subAccountId)
    ) {
      throw new ApiError(
        404,
        'not_found',
        `No file at '${path}'. File paths come from a job's result_url or an image URL; check the path.`,
      );
    }
    return record;
  }

  /** `${origin}/v1/files/${path}?expires=…&signature=…`, valid until `expiresAt` (unix s). */
  signedUrl(origin: string, path: string, expiresAt: number): string {
    return `${origin}/v1/files/${path}?expires=${expiresAt}&signature=${this.sign(path, expiresAt)}`;
  }

  /** Checks `expires`/`signature` query parameters; 403 when wrong or expired. */
  verify(path: string, expires: string, signature: string, now: number): void {
    const expected = this.sign(path, Number(expires));
    const given = Buffer.from(signature, 'utf8');
    const ok = given.length === expected.length && timingSafeEqual(given, Buffer.from(expected, 'utf8'));
    if (!ok) {
      throw new ApiError(
        403,
        'forbidden',
        'The file URL signature is not valid. Use the URL exactly as returned, or mint a new one with POST /v1/files/signed-urls.',
      );
    }
    if (!(Number(expires) > now)) {
      throw new ApiError(
        403,
        'forbidden',
        'This signed file URL has expired. Fetch the job again (GET /v1/jobs/{id}) or mint a new URL with POST /v1/files/signed-urls.',
      );
    }
  }

  render(record: FileRecord): { bytes: Buffer; contentType: string } {
    return { bytes: renderFile(record.recipe), contentType: contentTypeOf(record.recipe) };
  }

  clear(): void {
    this.records.clear();
  }

  private sign(path: string, expires: number): string {
    return hmacHex(this.secret(), `${path}\n${expires}`);
  }
}

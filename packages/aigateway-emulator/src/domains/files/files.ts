import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '../../http/errors.js';
import type { Exposure } from '../../http/exposure.js';
import type { Clock } from '../../runtime/clock.js';
import type { StatePart } from '../../runtime/state.js';
import { hmacHex } from '../../util/hash.js';
import type { Principal } from '../accounts/accounts.js';
import { contentTypeOf, type FileRecipe, renderFile } from './recipes.js';

export interface FileRecord {
  path: string;
  owner: string | null;
  created_at: number;
  recipe: FileRecipe;
}

export const MAX_EXPIRES_IN = 604_800;

/** A file path from a URL; a malformed percent-escape is a 400, not a crash. */
export function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError(
      400,
      'invalid_value',
      'The file path has a malformed percent-escape (such as %E0%A4%A); use the URL exactly as it was returned.',
      { param: 'path' },
    );
  }
}

type Saved = { file_secret: string; files: FileRecord[] };

/** Stored files (job results, image URLs) and their signed, expiring download URLs. */
export class Files implements StatePart<Saved> {
  private readonly records = new Map<string, FileRecord>();

  /**
   * `secret` signs download URLs (random; a restored state file brings back the one its URLs
   * were signed with); `exposure` says which URLs are the emulator's own.
   */
  constructor(
    private secret: string,
    private readonly changed: () => void,
    private readonly context: { clock: Clock; exposure: Exposure },
  ) {}

  /**
   * The bytes behind an input URL (an image, an audio URL) when it is one of this emulator's file
   * URLs, checked exactly as `GET /v1/files/{path}` checks it: a signed URL's signature and
   * expiry, else the caller's ownership, and that the file exists. Undefined for any other URL.
   * `param` names the input in the 400 a failed check becomes.
   */
  readInput(input: string, caller: Principal, param: string): Buffer | undefined {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      return undefined;
    }
    if (!this.context.exposure.isOwn(url) || !url.pathname.startsWith('/v1/files/')) return undefined;
    try {
      const path = decodePath(url.pathname.slice('/v1/files/'.length));
      const signature = url.searchParams.get('signature');
      if (signature !== null)
        this.verify(path, url.searchParams.get('expires') ?? '', signature, this.context.clock.now());
      return renderFile(this.get(path, signature !== null ? null : caller).recipe);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      throw new ApiError(
        400,
        'invalid_value',
        `${param} points at a file of this emulator: ${error.message}`,
        {
          param,
        },
      );
    }
  }

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

  get count(): number {
    return this.records.size;
  }

  save(): Saved {
    return { file_secret: this.secret, files: [...this.records.values()] };
  }

  load(saved: Partial<Saved>): void {
    if (saved.file_secret) this.secret = saved.file_secret;
    for (const f of saved.files ?? []) this.records.set(f.path, f);
  }

  clear(): void {
    this.records.clear();
  }

  private sign(path: string, expires: number): string {
    return hmacHex(this.secret, `${path}\n${expires}`);
  }
}

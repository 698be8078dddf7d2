import { ApiError, notFound } from '../../http/errors.js';
import type { StatePart } from '../../runtime/state.js';
import { sha256Hex } from '../../util/hash.js';
import type { Ids } from '../../util/ids.js';

/** Who is calling: the account itself (top-level key) or one of its sub-accounts. */
export interface Principal {
  subAccountId: string | null;
}

export const ROOT: Principal = Object.freeze({ subAccountId: null });

/** Which key authenticated a request (never the key itself). */
export type KeyKind = 'top_level' | 'sub_account';

export const keyKind = (principal: Principal): KeyKind =>
  principal.subAccountId === null ? 'top_level' : 'sub_account';

export interface SubAccountRecord {
  id: string;
  name: string;
  spend_cap_cents: number | null;
  rate_limit_rpm: number | null;
  default_tag: string | null;
  metadata: Record<string, unknown>;
  key_prefix: string;
  key_hash: string;
  created_at: number;
}

export type SubAccountInput = Partial<
  Pick<SubAccountRecord, 'name' | 'spend_cap_cents' | 'rate_limit_rpm' | 'default_tag' | 'metadata'>
>;

const getKeyHint =
  'Create a key in the AIgateway dashboard (https://aigateway.sh), or use the key the emulator printed when it started, and send it as `Authorization: Bearer sk-aig-...`.';

/** Keys and sub-accounts. Sub-account keys are stored only as a SHA-256 hash: shown once, at creation. */
export class Accounts implements StatePart<{ sub_accounts: SubAccountRecord[] }> {
  private readonly subAccounts = new Map<string, SubAccountRecord>();
  private readonly byKeyHash = new Map<string, string>();

  constructor(
    private readonly apiKey: string,
    private readonly ids: Ids,
    private readonly changed: () => void,
  ) {}

  /** Resolves the bearer key in `authorization` or throws 401 with a message saying how to get one. */
  authenticate(authorization: string | null | undefined): Principal {
    if (!authorization) {
      throw new ApiError(401, 'missing_api_key', `No API key was sent. ${getKeyHint}`);
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) {
      throw new ApiError(
        401,
        'invalid_api_key',
        `The Authorization header must be 'Bearer <key>'. ${getKeyHint}`,
      );
    }
    const key = match[1]!;
    if (key === this.apiKey) return ROOT;
    const id = this.byKeyHash.get(sha256Hex(key));
    if (id) return { subAccountId: id };
    throw new ApiError(
      401,
      'invalid_api_key',
      `The API key is not valid: it is mistyped, was revoked with its sub-account, or belongs to another gateway. ${getKeyHint}`,
    );
  }

  /** Sub-account management needs the top-level key. */
  requireRoot(principal: Principal): void {
    if (principal.subAccountId !== null) {
      throw new ApiError(
        403,
        'forbidden',
        'Sub-account keys cannot manage sub-accounts. Use the top-level account key for /v1/sub-accounts.',
      );
    }
  }

  create(input: SubAccountInput & { name: string }, now: number): { record: SubAccountRecord; key: string } {
    const key = `sk-aig-sub-${this.ids.hex(24)}`;
    const record: SubAccountRecord = {
      id: this.ids.prefixed('sa_'),
      name: input.name,
      spend_cap_cents: input.spend_cap_cents ?? null,
      rate_limit_rpm: input.rate_limit_rpm ?? null,
      default_tag: input.default_tag ?? null,
      metadata: input.metadata ?? {},
      key_prefix: key.slice(0, 12),
      key_hash: sha256Hex(key),
      created_at: now,
    };
    this.put(record);
    this.changed();
    return { record, key };
  }

  /** The sub-account, or undefined (a key whose sub-account was deleted meanwhile). */
  find(id: string): SubAccountRecord | undefined {
    return this.subAccounts.get(id);
  }

  get(id: string): SubAccountRecord {
    const record = this.subAccounts.get(id);
    if (!record) throw notFound('sub-account', id, 'List them with GET /v1/sub-accounts.');
    return record;
  }

  update(id: string, patch: SubAccountInput): SubAccountRecord {
    const record = this.get(id);
    for (const field of ['name', 'spend_cap_cents', 'rate_limit_rpm', 'default_tag', 'metadata'] as const) {
      if (patch[field] !== undefined) Object.assign(record, { [field]: patch[field] });
    }
    if (record.metadata === null) record.metadata = {};
    this.changed();
    return record;
  }

  delete(id: string): void {
    const record = this.get(id);
    this.subAccounts.delete(id);
    this.byKeyHash.delete(record.key_hash);
    this.changed();
  }

  list(): SubAccountRecord[] {
    return [...this.subAccounts.values()].sort((a, b) => b.created_at - a.created_at);
  }

  get count(): number {
    return this.subAccounts.size;
  }

  save() {
    return { sub_accounts: [...this.subAccounts.values()] };
  }

  load(saved: { sub_accounts?: SubAccountRecord[] }): void {
    for (const record of saved.sub_accounts ?? []) this.put(record);
  }

  clear(): void {
    this.subAccounts.clear();
    this.byKeyHash.clear();
  }

  private put(record: SubAccountRecord): void {
    this.subAccounts.set(record.id, record);
    this.byKeyHash.set(record.key_hash, record.id);
  }
}

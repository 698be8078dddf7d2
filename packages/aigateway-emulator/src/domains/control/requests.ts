import type { components } from '../../generated/control.js';
import { notFound } from '../../http/errors.js';
import type { StatePart } from '../../runtime/state.js';
import type { Principal } from '../accounts/accounts.js';

/**
 * One journaled request (`/v1` and `/mcp*`), as `GET /_emulator/requests` lists it: headers with
 * secrets redacted, the body up to a bound. Never holds a key.
 */
export type RequestRecord = components['schemas']['RequestRecord'];

/** How much the journal keeps (`EmulatorOptions.maxStoredRequests`, `maxJournalBodyBytes`). */
export interface JournalLimits {
  /** Requests kept; the oldest go first. */
  maxRequests: number;
  /** Bytes of bodies kept across the journal; past it the oldest requests lose their body (kept as `null`). */
  maxBodyBytes: number;
}

/** The request journal: the last `maxRequests` requests, their bodies within `maxBodyBytes` in total. */
export class RequestLog implements StatePart<{ requests: RequestRecord[] }> {
  private readonly records = new Map<string, RequestRecord>();
  /** Ids of records that still hold a body, oldest first (`head` is the first live one). */
  private withBody: string[] = [];
  private head = 0;
  private bodyBytes = 0;

  constructor(
    private readonly limits: JournalLimits,
    private readonly onAdd: (record: RequestRecord) => void = () => undefined,
  ) {}

  add(record: RequestRecord): void {
    this.records.set(record.id, record);
    if (record.body !== null) {
      this.withBody.push(record.id);
      this.bodyBytes += record.body_bytes;
    }
    if (this.records.size > this.limits.maxRequests) this.evict(this.records.keys().next().value!);
    this.trimBodies();
    this.onAdd(record);
  }

  private evict(id: string): void {
    const record = this.records.get(id);
    if (record?.body !== null && record !== undefined) this.bodyBytes -= record.body_bytes;
    this.records.delete(id);
  }

  /** Drops the oldest bodies until the rest fit; a record whose body was dropped stays listed. */
  private trimBodies(): void {
    while (this.bodyBytes > this.limits.maxBodyBytes && this.head < this.withBody.length) {
      const id = this.withBody[this.head++]!;
      const record = this.records.get(id);
      if (record && record.body !== null) {
        this.bodyBytes -= record.body_bytes;
        this.records.set(id, { ...record, body: null });
      }
    }
    if (this.head > 1024 && this.head * 2 > this.withBody.length) {
      this.withBody = this.withBody.slice(this.head);
      this.head = 0;
    }
  }

  get(id: string, principal: Principal): RequestRecord {
    const record = this.records.get(id);
    if (!record || (principal.subAccountId !== null && record.sub_account_id !== principal.subAccountId)) {
      throw notFound(
        'request',
        id,
        `Use the X-Request-Id of a request made with this key (the emulator keeps the last ${this.limits.maxRequests}).`,
      );
    }
    return record;
  }

  /** The request with this id, whoever sent it. */
  peek(id: string): RequestRecord | undefined {
    return this.records.get(id);
  }

  /** Every kept request, oldest first. */
  list(): RequestRecord[] {
    return [...this.records.values()];
  }

  get count(): number {
    return this.records.size;
  }

  /** Bytes of bodies held now (at most `maxBodyBytes`). */
  get heldBodyBytes(): number {
    return this.bodyBytes;
  }

  save() {
    return { requests: this.list() };
  }

  load(saved: { requests?: Partial<RequestRecord>[] }): void {
    // State files written before the journal kept headers, queries and sizes.
    for (const r of saved.requests ?? []) {
      this.add({
        query: null,
        headers: {},
        body: null,
        body_bytes: 0,
        scenario: null,
        key: null,
        ...r,
      } as RequestRecord);
    }
  }

  clear(): void {
    this.records.clear();
    this.withBody = [];
    this.head = 0;
    this.bodyBytes = 0;
  }
}

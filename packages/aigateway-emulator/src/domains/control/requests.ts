import { notFound } from '../../http/errors.js';
import type { StatePart } from '../../runtime/state.js';
import type { KeyKind, Principal } from '../accounts/accounts.js';

/** One handled request (`/v1` and `/mcp*`), kept (bounded) for replays and `/_emulator/requests`. Never holds keys. */
export interface RequestRecord {
  id: string;
  method: string;
  path: string;
  status: number;
  created_at: number;
  duration_ms: number;
  sub_account_id: string | null;
  /** The kind of key that authenticated it; null when none did (a 401, a signed file download). */
  key: KeyKind | null;
  tag: string | null;
  /** The requested model, for inference requests. */
  model: string | null;
  /** The contract path of an inference endpoint (replayable), else null. */
  endpoint: string | null;
  /** The parsed body of an inference request (multipart fields with the file as base64). */
  body: unknown;
}

/** The request log (journal): the last `max` requests, for replays, the control API and support. */
export class RequestLog implements StatePart<{ requests: RequestRecord[] }> {
  private readonly records = new Map<string, RequestRecord>();

  constructor(
    private readonly max: number,
    private readonly onAdd: (record: RequestRecord) => void = () => undefined,
  ) {}

  add(record: RequestRecord): void {
    this.records.set(record.id, record);
    this.onAdd(record);
    if (this.records.size > this.max) this.records.delete(this.records.keys().next().value!);
  }

  get(id: string, principal: Principal): RequestRecord {
    const record = this.records.get(id);
    if (!record || (principal.subAccountId !== null && record.sub_account_id !== principal.subAccountId)) {
      throw notFound(
        'request',
        id,
        `Use the X-Request-Id of a request made with this key (the emulator keeps the last ${this.max}).`,
      );
    }
    return record;
  }

  /** Every kept request, oldest first. */
  list(): RequestRecord[] {
    return [...this.records.values()];
  }

  get count(): number {
    return this.records.size;
  }

  save() {
    return { requests: this.list() };
  }

  load(saved: { requests?: RequestRecord[] }): void {
    // State files written before `key` existed: the kind is unknown.
    for (const r of saved.requests ?? []) this.add({ ...r, key: r.key ?? null });
  }

  clear(): void {
    this.records.clear();
  }
}

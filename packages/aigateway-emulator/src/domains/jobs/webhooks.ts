import type { ResolvedOptions } from '../../options.js';
import type { Clock, Scheduler } from '../../runtime/clock.js';
import type { StatePart } from '../../runtime/state.js';
import { hmacHex } from '../../util/hash.js';
import type { Ids } from '../../util/ids.js';

/** Seconds to wait before attempt 1, 2, … 6 (the first is immediate). */
export const RETRY_SCHEDULE = [0, 30, 120, 600, 3600, 21600];

export interface DeliveryAttempt {
  attempt: number;
  at: number;
  status: number | null;
  duration_ms: number;
  error: string | null;
  /** The headers sent with this attempt (signature included; nothing secret). */
  headers: Record<string, string>;
}

export interface DeliveryRecord {
  id: string;
  event: 'job.completed' | 'job.failed';
  url: string;
  job_id: string;
  owner: string | null;
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
  next_attempt_at: number | null;
  created_at: number;
}

/** A webhook delivery as the control API reports it. */
export interface DeliveryLogEntry {
  id: string;
  event: DeliveryRecord['event'];
  url: string;
  job_id: string;
  status: DeliveryRecord['status'];
  attempts: DeliveryAttempt[];
  next_attempt_at: number | null;
  /** The attempts still to come and when (Unix seconds), should each of them fail. */
  schedule: { attempt: number; at: number }[];
  created_at: number;
}

/** The `x-aig-signature` value: `t=<unix>,v1=<hex HMAC-SHA256 over "${t}.${body}">`. */
const signatureHeader = (secret: string, timestamp: number, body: string): string =>
  `t=${timestamp},v1=${hmacHex(secret, `${timestamp}.${body}`)}`;

/** Signed webhook deliveries with the retry schedule (divided by the time scale) and a delivery log. */
export class Webhooks implements StatePart<{ deliveries: DeliveryRecord[] }> {
  private readonly deliveries = new Map<string, DeliveryRecord>();
  private readonly closing = new AbortController();

  constructor(
    private readonly options: ResolvedOptions,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    private readonly ids: Ids,
    private readonly changed: () => void,
  ) {}

  enqueue(
    event: DeliveryRecord['event'],
    url: string,
    jobId: string,
    owner: string | null,
    body: string,
  ): DeliveryRecord {
    const record: DeliveryRecord = {
      id: this.ids.hex(16),
      event,
      url,
      job_id: jobId,
      owner,
      body,
      status: 'pending',
      attempts: [],
      next_attempt_at: this.clock.nowMs(),
      created_at: this.clock.now(),
    };
    this.deliveries.set(record.id, record);
    this.schedule(record);
    this.changed();
    return record;
  }

  /** The delivery log, oldest first (`next_attempt_at` in Unix seconds). */
  list(): DeliveryLogEntry[] {
    return [...this.deliveries.values()].map((d) => ({
      id: d.id,
      event: d.event,
      url: d.url,
      job_id: d.job_id,
      status: d.status,
      // State files written before `headers` existed lack them.
      attempts: d.attempts.map((a) => ({ ...a, headers: { ...(a.headers ?? {}) } })),
      next_attempt_at: d.next_attempt_at === null ? null : Math.floor(d.next_attempt_at / 1000),
      schedule: this.remaining(d),
      created_at: d.created_at,
    }));
  }

  /** When the remaining attempts of a pending delivery will run if each fails (the retry schedule ÷ time scale). */
  private remaining(d: DeliveryRecord): DeliveryLogEntry['schedule'] {
    if (d.next_attempt_at === null) return [];
    const out: DeliveryLogEntry['schedule'] = [];
    let at = d.next_attempt_at;
    for (let attempt = d.attempts.length + 1; attempt <= RETRY_SCHEDULE.length; attempt++) {
      if (out.length > 0) at += this.clock.scaled(RETRY_SCHEDULE[attempt - 1]!);
      out.push({ attempt, at: Math.floor(at / 1000) });
    }
    return out;
  }

  save() {
    return { deliveries: [...this.deliveries.values()] };
  }

  /** Restores the log; pending deliveries resume their schedule. */
  load(saved: { deliveries?: DeliveryRecord[] }): void {
    for (const d of saved.deliveries ?? []) {
      this.deliveries.set(d.id, d);
      if (d.status === 'pending') this.schedule(d);
    }
  }

  clear(): void {
    this.deliveries.clear();
  }

  close(): void {
    this.closing.abort();
  }

  private schedule(d: DeliveryRecord): void {
    this.scheduler.at(d.next_attempt_at ?? this.clock.nowMs(), () => this.attempt(d));
  }

  private async attempt(d: DeliveryRecord): Promise<void> {
    if (d.status !== 'pending') return;
    const attempt = d.attempts.length + 1;
    const at = this.clock.now();
    // `t` is wall-clock time, as the hosted gateway signs at send time: receivers check it against
    // their own clock (300 s by default), which `advance()` does not move. The body and the delivery
    // log stay on the emulator clock.
    const signedAt = Math.floor(Date.now() / 1000);
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'AIgateway-Webhooks/1.0',
      'x-aig-event-type': d.event,
      'x-aig-signature': signatureHeader(this.options.webhookSecret, signedAt, d.body),
      'x-aig-delivery-id': d.id,
      'x-aig-attempt': String(attempt),
    };
    try {
      const res = await this.options.fetch(d.url, {
        method: 'POST',
        body: d.body,
        redirect: 'manual',
        headers,
        signal: AbortSignal.any([AbortSignal.timeout(this.options.webhookTimeoutMs), this.closing.signal]),
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (status < 200 || status > 299) error = `receiver answered ${status}`;
    } catch (e) {
      error =
        e instanceof Error && e.name === 'TimeoutError'
          ? `no response within ${this.options.webhookTimeoutMs} ms`
          : `request failed: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}`;
    }
    if (this.closing.signal.aborted) return;
    d.attempts.push({ attempt, at, status, duration_ms: Date.now() - started, error, headers });
    if (error === null) {
      d.status = 'delivered';
      d.next_attempt_at = null;
    } else if (attempt >= RETRY_SCHEDULE.length) {
      d.status = 'failed';
      d.next_attempt_at = null;
    } else {
      d.next_attempt_at = this.clock.nowMs() + this.clock.scaled(RETRY_SCHEDULE[attempt]!);
      this.schedule(d);
    }
    this.changed();
  }
}

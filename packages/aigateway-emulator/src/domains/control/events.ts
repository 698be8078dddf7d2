import type { RequestRecord } from './requests.js';

/**
 * What happened inside the emulator, for live views (`GET /_emulator/events`): a request was
 * stored, some other state changed (a job, a delivery attempt, a charge, a sub-account…), or
 * everything was reset.
 */
export type EmulatorEvent =
  | { type: 'request'; record: RequestRecord }
  | { type: 'changed' }
  | { type: 'reset' };

export interface EventSubscriber {
  event(event: EmulatorEvent): void;
  /** The emulator is closing: end the stream. */
  close(): void;
}

/** Fans events out to live subscribers; costs one empty-set check per event when nobody listens. */
export class EventHub {
  private readonly subscribers = new Set<EventSubscriber>();

  /** Returns the unsubscribe function. */
  subscribe(subscriber: EventSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => void this.subscribers.delete(subscriber);
  }

  emit(event: EmulatorEvent): void {
    for (const s of this.subscribers) s.event(event);
  }

  close(): void {
    const all = [...this.subscribers];
    this.subscribers.clear();
    for (const s of all) s.close();
  }
}

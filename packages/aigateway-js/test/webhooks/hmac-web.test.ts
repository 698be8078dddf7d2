// The Web Crypto verifier imports each secret's HMAC key once and reuses it; a failed import is not kept.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signWebhook, verifyWebhookAsync } from '../../src/webhooks/index.js';
import { completedJob, NOW, NOW_SECONDS } from './fixtures.js';

const subtle = globalThis.crypto.subtle;
// Secrets unique to this file: the key cache is module state shared by every test in the worker.
const secret = (name: string) => `whsec_hmac_web_${name}_${Math.random().toString(36).slice(2)}`;

function delivery(key: string) {
  return signWebhook(completedJob(), key, { timestamp: NOW_SECONDS });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('verifyWebhookAsync key cache', () => {
  it('imports a secret once across deliveries', async () => {
    const importKey = vi.spyOn(subtle, 'importKey');
    const key = secret('once');
    for (let i = 0; i < 3; i++) {
      const { body, headers } = delivery(key);
      expect((await verifyWebhookAsync(body, headers, key, { now: NOW })).type).toBe('job.completed');
    }
    expect(importKey).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed import: the delivery fails with its error and the next one imports again', async () => {
    const importKey = vi.spyOn(subtle, 'importKey').mockRejectedValueOnce(new Error('crypto thread busy'));
    const key = secret('fails');
    const { body, headers } = delivery(key);
    await expect(verifyWebhookAsync(body, headers, key, { now: NOW })).rejects.toThrow('crypto thread busy');
    expect((await verifyWebhookAsync(body, headers, key, { now: NOW })).type).toBe('job.completed');
    expect(importKey).toHaveBeenCalledTimes(2);
  });

  it('keeps a bounded number of keys (the oldest is imported again after many others)', async () => {
    const importKey = vi.spyOn(subtle, 'importKey');
    const keys = Array.from({ length: 17 }, (_, i) => secret(`many${i}`));
    for (const key of [...keys, keys[0]!, keys[16]!]) {
      const { body, headers } = delivery(key);
      await verifyWebhookAsync(body, headers, key, { now: NOW });
    }
    // 17 imports, then keys[0] again (evicted); keys[16] is still cached.
    expect(importKey).toHaveBeenCalledTimes(18);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warnIfDeprecated } from '../../src/core/deprecation.js';
import { Log } from '../../src/core/logger.js';
import { NotFoundError } from '../../src/index.js';
import { type Harness, memoryLogger, startHarness } from '../helpers/emulator.js';

// A deprecated model answers with Deprecation (RFC 9745), Sunset (RFC 8594) and a successor Link;
// the SDK warns once per model at the default log level (warn).
const old = 'anthropic/claude-sonnet-4.6';
const successor = 'anthropic/claude-opus-4.7';
const messages = [{ role: 'user' as const, content: 'hi' }];
const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

let gw: Harness;
let now: number;
beforeAll(async () => {
  gw = await startHarness('loopback');
  now = gw.control.now();
  gw.control.setModelLifecycle({
    model: old,
    deprecatedAt: now - 60,
    sunsetAt: now + 86_400 * 30,
    successor,
  });
});
afterAll(() => gw.close());

describe('deprecated models', () => {
  it('log one warning per model at the default level: since when, when it is removed, what to move to', async () => {
    const { lines, logger } = memoryLogger();
    const client = gw.client({ logLevel: undefined, logger });
    await client.chat.completions.create({ model: old, messages });
    await client.chat.completions.create({ model: old, messages });
    const stream = await client.chat.completions.create({ model: old, messages, stream: true });
    for await (const _ of stream);
    await client.models.retrieve(old);
    await client.chat.completions.create({ model: 'anthropic/claude-sonnet', messages });
    expect(lines).toEqual([
      `[aigateway] Model '${old}' is deprecated since ${day(now - 60)} and is removed on ${day(now + 86_400 * 30)}: move to '${successor}'.`,
    ]);

    gw.control.setModelLifecycle({ model: 'openai/gpt-5.4-mini', deprecatedAt: now - 1 });
    await client.chat.completions.create({ model: 'openai/gpt-5.4-mini', messages });
    await client.chat.completions.create({ model: 'openai/gpt-5.4-mini', messages });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      `[aigateway] Model 'openai/gpt-5.4-mini' is deprecated since ${day(now - 1)}: pick another model from client.models.list().`,
    );
  });

  it('stay quiet when the log level is above warn', async () => {
    const { lines, logger } = memoryLogger();
    gw.control.setModelLifecycle({ model: 'moonshot/kimi-k2.6', deprecatedAt: now - 1, successor });
    await gw
      .client({ logLevel: 'error', logger })
      .chat.completions.create({ model: 'moonshot/kimi-k2.6', messages });
    expect(lines).toEqual([]);
  });

  it('past the sunset, a pruned model is a NotFoundError naming the successor', async () => {
    gw.control.setModelLifecycle({
      model: 'meta/llama-4-maverick',
      deprecatedAt: now - 120,
      sunsetAt: now - 60,
      successor,
    });
    const error = await gw
      .client()
      .chat.completions.create({ model: 'meta/llama-4-maverick', messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain(`'${successor}'`);
  });
});

describe('deprecation headers a Date cannot hold', () => {
  it('still warn, without the dates, and never make the call throw', () => {
    const { lines, logger } = memoryLogger();
    const headers = new Headers({
      deprecation: '@99999999999999999',
      sunset: 'Mon, 01 Jan 999999 00:00:00 GMT',
      link: `</v1/models/${successor}>; rel="successor-version"`,
    });
    const call = () =>
      warnIfDeprecated(
        new Log('warn', logger, []),
        'http://gw.test',
        { method: 'POST', path: '/chat/completions', body: { model: 'x/far-future' } },
        headers,
      );
    expect(call).not.toThrow();
    expect(lines).toEqual([`[aigateway] Model 'x/far-future' is deprecated: move to '${successor}'.`]);
  });
});

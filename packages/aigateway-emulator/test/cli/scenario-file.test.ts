import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EmulatorCliEvent, runEmulatorCli, type StopSignals } from '../../src/index.js';

const dir = await mkdtemp(join(tmpdir(), 'emu-scenario-'));

/** Runs the bin's command in-process until `use` is done with the listening emulator. */
async function withCli(argv: string[], use: (baseUrl: string, key: string) => Promise<void>) {
  const events: EmulatorCliEvent[] = [];
  let stop: (() => void) | undefined;
  const signals: StopSignals = {
    once: (_s, listener) => {
      stop = listener;
    },
    off: () => undefined,
  };
  const done = runEmulatorCli(['--port', '0', '--quiet', ...argv], {
    signals,
    onEvent: async (event) => {
      events.push(event);
      if (event.event !== 'listening') return;
      try {
        await use(event.base_url, event.api_key);
      } finally {
        stop?.();
      }
    },
  });
  const code = await done;
  return { code, events };
}

describe('--scenario <file>', () => {
  it('loads rules from YAML; the emulator answers with them', async () => {
    const file = join(dir, 'rules.yaml');
    await writeFile(
      file,
      `scenarios:
  - name: refund
    match: { endpoint: chat, prompt: /refund/i }
    reply:
      content: '{"intent":"refund"}'
  - match: { endpoint: /v1/images/generations }
    times: 1
    reply:
      error: { code: provider_error, provider: openai }
`,
    );
    const { code } = await withCli(['--scenario', file], async (url, key) => {
      const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      const reply = await (
        await fetch(`${url}/chat/completions`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            model: 'openai/gpt-5.4',
            messages: [{ role: 'user', content: 'A refund?' }],
          }),
        })
      ).json();
      expect(reply.choices[0].message.content).toBe('{"intent":"refund"}');
      const image = await fetch(`${url}/images/generations`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: 'openai/gpt-image-1', prompt: 'x' }),
      });
      expect(image.status).toBe(502);
      expect((await image.json()).error).toMatchObject({ code: 'provider_error', provider: 'openai' });
      const rules = await (
        await fetch(`${url.replace(/\/v1$/, '')}/_emulator/scenarios`, { headers })
      ).json();
      expect(rules.data.map((r: { source: string; hits: number }) => [r.source, r.hits])).toEqual([
        ['file', 1],
        ['file', 1],
      ]);
    });
    expect(code).toBe(0);
  });

  it('a bad file is exit 2 with one line per bad rule, naming the file', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({
        scenarios: [
          { reply: { latency_ms: -1 } },
          { reply: { content: 'ok' } },
          { match: { key: 'admin' }, reply: { content: 'x' } },
        ],
      }),
    );
    const message = async (argv: string[]) => {
      const run = await withCli(argv, async () => undefined);
      expect(run.code).toBe(2);
      const error = run.events.find((e) => e.event === 'error');
      expect(error).toMatchObject({ code: 'usage_error', exit_code: 2 });
      return (error as { message: string }).message;
    };
    const lines = (await message(['--scenario', file])).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^--scenario ${file}: scenarios\\[0\\]\\.reply\\.latency_ms: `));
    expect(lines[1]).toMatch(new RegExp(`^--scenario ${file}: scenarios\\[2\\]\\.match\\.key: `));
    expect(await message(['--scenario', join(dir, 'nope.yaml')])).toMatch(
      /--scenario .*nope\.yaml: cannot read it \(ENOENT\)\./,
    );
    await writeFile(join(dir, 'list.yaml'), '- reply: {content: x}\n');
    expect(await message(['--scenario', join(dir, 'list.yaml')])).toMatch(
      /write \{ "scenarios": \[ \{ "match": \{…\}, "reply": \{…\} \} \] \}/,
    );
  });
});

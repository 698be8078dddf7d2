// aigateway-js/client: the root's named exports without the webhook functions, sharing the root's classes, and a
// build that imports no node: module (so a CLI importing it loads no node:crypto).
import { readFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const WEBHOOK_FUNCTIONS = ['signWebhook', 'signWebhookAsync', 'verifyWebhook', 'verifyWebhookAsync'];

describe('aigateway-js/client', () => {
  it('exports every named export of the root except the webhook functions, as the same values', async () => {
    const root: Record<string, unknown> = await import('aigateway-js');
    const client: Record<string, unknown> = await import('aigateway-js/client');
    const expected = Object.keys(root).filter(
      (name) => name !== 'default' && !WEBHOOK_FUNCTIONS.includes(name),
    );
    expect(Object.keys(client).sort()).toEqual(expected.sort());
    for (const name of expected) expect(client[name], name).toBe(root[name]);
  });

  it('its built module graph imports no node: module', async () => {
    const dist = new URL('../dist/', import.meta.url);
    const seen = new Set<string>();
    const imports: string[] = [];
    const visit = async (file: string): Promise<void> => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = await readFile(new URL(file, dist), 'utf8');
      for (const [, spec] of code.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
        if (spec?.startsWith('./')) await visit(spec.slice(2));
        else if (spec) imports.push(spec);
      }
    };
    await visit('client.js');
    expect(seen.size).toBeGreaterThan(1);
    expect(imports.filter((spec) => spec.startsWith('node:') || builtinModules.includes(spec))).toEqual([]);
    // aigateway-js has no runtime dependency: the graph imports nothing from outside the package.
    expect(imports).toEqual([]);
  });

  it('in CommonJS is the root entry', async () => {
    const require = createRequire(import.meta.url);
    expect(require('aigateway-js/client')).toBe(require('aigateway-js'));
  });
});

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/command-manifest.js';
import { DOCS_URL } from '../src/core/help.js';
import { runInProcess } from './helpers/in-process.js';

// GitHub's (and npm's) heading anchors: lower case, punctuation dropped (but - and _), each space a hyphen.
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

async function readmeAnchors(): Promise<Set<string>> {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const headings = readme.split('\n').filter((line) => /^#{1,4} /.test(line) && !line.startsWith('# Key'));
  return new Set(headings.map((line) => slug(line.replace(/^#+ /, ''))));
}

/** The subcommands a group's --help lists. */
function subcommands(help: string): string[] {
  const section = help.split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '';
  return section
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((name) => name !== '' && name !== 'help');
}

describe('every command’s --help links its section of the README', () => {
  it('aig --help links the README and the API reference', async () => {
    const r = await runInProcess(['--help']);
    expect(r.stdout).toContain(`Docs: ${DOCS_URL} `);
    expect(r.stdout).toContain('API reference: https://aigateway.sh/reference');
  });

  it.each(COMMANDS.map((c) => [c.name] as const))('aig %s (and its subcommands)', async (name) => {
    const anchors = await readmeAnchors();
    const link = (help: string) => new RegExp(`\\nDocs: ${DOCS_URL}#([\\w-]+)\\n$`).exec(help)?.[1];
    const help = (await runInProcess([name, '--help'])).stdout;
    const anchor = link(help);
    expect(anchor, help).toBeDefined();
    expect(anchors, `README has no section #${anchor}`).toContain(anchor);
    const subs = subcommands(help);
    // Groups (`aig sub-account <command>`) list theirs; each links a section too.
    if (COMMANDS.find((c) => c.name === name)?.args === '<command>') expect(subs.length).toBeGreaterThan(1);
    for (const sub of subs) {
      const subHelp = (await runInProcess([name, sub, '--help'])).stdout;
      expect(anchors, `aig ${name} ${sub}: README has no section #${link(subHelp)}`).toContain(link(subHelp));
    }
  });
});

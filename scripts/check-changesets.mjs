#!/usr/bin/env node
// `pnpm lint:changesets`: every pending changeset names at least one published package and a bump
// in its front matter. A Markdown formatter reads that front matter as a thematic break and a
// heading (`## 'aigateway-js': patch`), and changesets then reads the file as releasing nothing:
// 58 changesets were silently emptied that way once. `changeset status` then checks the rest.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const published = new Set(
  readdirSync(join(root, 'packages'))
    .filter((dir) => existsSync(join(root, 'packages', dir, 'package.json')))
    .map((dir) => JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')))
    .filter((manifest) => !manifest.private)
    .map((manifest) => manifest.name),
);
const RELEASE = /^\s*["']?([^"':\s]+)["']?\s*:\s*(patch|minor|major)\s*$/;
const problems = [];
for (const file of readdirSync(join(root, '.changeset')).filter(
  (f) => f.endsWith('.md') && f !== 'README.md',
)) {
  const text = readFileSync(join(root, '.changeset', file), 'utf8');
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  const lines = front ? front[1].split(/\r?\n/).filter((line) => line.trim() !== '') : [];
  const releases = lines.map((line) => RELEASE.exec(line));
  if (releases.length === 0 || releases.some((r) => r === null)) {
    problems.push(
      `${file}: its front matter must list "'<package>': patch|minor|major" lines between two --- lines`,
    );
    continue;
  }
  for (const [, name] of releases) {
    if (!published.has(name))
      problems.push(`${file}: ${name} is not a published package (${[...published].join(', ')})`);
  }
}
if (problems.length) {
  console.error(
    `${problems.join('\n')}\nFix the file (or re-create it with \`pnpm changeset\`); keep formatters off .changeset/.`,
  );
  process.exit(1);
}

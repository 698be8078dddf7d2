import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

function newest(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );
}

/** The bin test runs `dist/bin.js`: build it first when it is missing or older than the sources. */
export default function setup(): void {
  const bin = join(root, 'dist/bin.js');
  if (existsSync(bin) && statSync(bin).mtimeMs >= newest(join(root, 'src'))) return;
  execFileSync('pnpm', ['exec', 'tsup'], { cwd: root, stdio: 'ignore' });
}

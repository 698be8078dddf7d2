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

const older = (file: string, dir: string) =>
  !existsSync(join(root, file)) || statSync(join(root, file)).mtimeMs < newest(join(root, dir));

/**
 * The bin test runs `dist/bin.js` and the console tests load `dist/console/app.js`: build them
 * first when they are missing or older than their sources.
 */
export default function setup(): void {
  if (older('dist/bin.js', 'src')) execFileSync('pnpm', ['exec', 'tsup'], { cwd: root, stdio: 'ignore' });
  if (older('dist/console/app.js', 'console/src'))
    execFileSync('node', ['console/build.mjs'], { cwd: root, stdio: 'ignore' });
}

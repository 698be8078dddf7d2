import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The end-to-end tests run the shipped artefact, so build it once before the suite.
export default function setup(): void {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const tsup = fileURLToPath(new URL('../../../node_modules/.bin/tsup', import.meta.url));
  execFileSync(tsup, [], { cwd, stdio: 'pipe' });
}

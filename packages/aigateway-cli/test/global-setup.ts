import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The suite's cache folder (XDG_CACHE_HOME): aig's catalog and code caches, never the user's own. */
    cacheHome: string;
  }
}

// The end-to-end tests run the shipped artefact, so build it once before the suite.
export default function setup(project: TestProject): () => void {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const tsup = fileURLToPath(new URL('../../../node_modules/.bin/tsup', import.meta.url));
  execFileSync(tsup, [], { cwd, stdio: 'pipe' });
  // Every aig the suite runs (in process, spawned, in tmux) would otherwise keep its caches in the home folder of
  // whoever runs the tests: one catalog file per emulator port, a code cache per build.
  const cacheHome = mkdtempSync(join(tmpdir(), 'aig-test-cache-'));
  project.provide('cacheHome', cacheHome);
  return () => rmSync(cacheHome, { recursive: true, force: true });
}

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../helpers/gateway.js';
import { gitIgnores, gitRepo } from './git-repo.js';

// A .gitignore may ignore .env and then re-include it with a later `!.env` (last match wins): init
// must still leave .env ignored, as git itself reports it.
let g: Gateway;
beforeAll(async () => {
  g = await startGateway();
});
afterAll(() => g.close());

describe('aig init when .gitignore re-includes .env', () => {
  it.each([
    ['.env then !.env', '.env\n!.env\n'],
    ['.env* then !.env', '.env*\n!.env\n'],
  ])('%s: .env ends up ignored by git', async (name, gitignore) => {
    const dir = await gitRepo(join(g.cwd, name.replace(/\W+/g, '-')), { '.gitignore': gitignore });
    const result = await g.aig(['init', '--no-scaffold'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(await gitIgnores(dir, '.env')).toBe(true);
  });
});

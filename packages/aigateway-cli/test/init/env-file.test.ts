import { describe, expect, it } from 'vitest';
import { mergeEnv } from '../../src/init/env-file.js';
import { ensureEnvIgnored, ignoresEnv } from '../../src/init/gitignore.js';

describe('mergeEnv', () => {
  it('creates a file from nothing', () => {
    const merged = mergeEnv(undefined, { AIGATEWAY_API_KEY: 'sk-aig-abcd1234', AIG_MODEL: 'openai/gpt-5.4' });
    expect(merged.content).toBe('AIGATEWAY_API_KEY=sk-aig-abcd1234\nAIG_MODEL=openai/gpt-5.4\n');
    expect(merged.added).toEqual(['AIGATEWAY_API_KEY', 'AIG_MODEL']);
  });

  it('keeps other lines and comments, replaces in place and keeps `export`', () => {
    const existing = '# app\nDATABASE_URL="postgres://x"\nexport AIG_MODEL=old/model\n\nPORT=3000';
    const merged = mergeEnv(existing, { AIGATEWAY_API_KEY: 'sk-aig-abcd1234', AIG_MODEL: 'openai/gpt-5.4' });
    expect(merged.content).toBe(
      '# app\nDATABASE_URL="postgres://x"\nexport AIG_MODEL=openai/gpt-5.4\n\nPORT=3000\nAIGATEWAY_API_KEY=sk-aig-abcd1234\n',
    );
    expect(merged.updated).toEqual(['AIG_MODEL']);
    expect(merged.added).toEqual(['AIGATEWAY_API_KEY']);
  });

  it('is idempotent and quotes values that need it', () => {
    const once = mergeEnv('A=1\n', { AIG_MODEL: 'x/y z' });
    expect(once.content).toBe('A=1\nAIG_MODEL="x/y z"\n');
    const twice = mergeEnv(once.content, { AIG_MODEL: 'x/y z' });
    expect(twice.content).toBe(once.content);
    expect(twice.updated).toEqual([]);
  });
});

describe('ensureEnvIgnored', () => {
  it('creates or appends an .env entry', () => {
    expect(ensureEnvIgnored(undefined)).toBe('# Secrets written by `aig init`\n.env\n');
    expect(ensureEnvIgnored('node_modules')).toBe('node_modules\n\n# Secrets written by `aig init`\n.env\n');
  });
  it.each(['.env', '/.env', '.env*', '*.env'])('leaves a file that already ignores it with %s', (pattern) => {
    expect(ensureEnvIgnored(`dist\n${pattern}\n`)).toBeUndefined();
  });
});

describe('ignoresEnv (last matching pattern wins, as in git)', () => {
  it.each([
    ['.env', true],
    ['/.env', true],
    ['.env*', true],
    ['*.env', true],
    ['**/.env', true],
    ['.*', true],
    ['*', true],
    ['.en[vw]', true],
    ['.env/', false],
    ['config/.env', false],
    ['.env.local', false],
    ['# .env', false],
    ['.env\n!.env', false],
    ['.env*\n!.env', false],
    ['.env\n!.env\n.env', true],
    ['!.env\n*', true],
  ])('%j → %s', (content, expected) => {
    expect(ignoresEnv(content)).toBe(expected);
  });

  it('appends .env after a negation so that it wins', () => {
    expect(ensureEnvIgnored('.env\n!.env\n')).toBe('.env\n!.env\n\n# Secrets written by `aig init`\n.env\n');
  });
});

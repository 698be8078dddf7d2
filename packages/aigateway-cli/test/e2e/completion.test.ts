import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runBin } from '../helpers/spawn.js';
import { startTerminal } from '../helpers/tmux.js';

const exec = promisify(execFile);
let dir: string;
let script: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aig-completion-'));
  const r = await runBin(['completion', 'bash']);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  script = join(dir, 'aig.bash');
  await writeFile(script, r.stdout);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

/** What bash's completion function offers for a command line whose last word is being completed. */
async function complete(...words: string[]): Promise<string[]> {
  const driver = [
    `source ${JSON.stringify(script)}`,
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash, not a JS template.
    'COMP_CWORD=$((${#COMP_WORDS[@]} - 1))',
    '_aig',
    `printf '%s\\n' "\${COMPREPLY[@]}"`,
  ].join('\n');
  const { stdout } = await exec('bash', ['--norc', '--noprofile', '-c', driver], { cwd: dir });
  return stdout.split('\n').filter(Boolean);
}

describe('aig completion bash, sourced in a real bash', () => {
  it.each([
    [['aig', 'mod'], ['models']],
    [['aig', 'sub-account', 'c'], ['create']],
    [['aig', 'sub-account', 'create', '--na'], ['--name']],
    [['aig', 'models', '--mo'], ['--modality']],
    [
      ['aig', 'models', '--modality', 'tr'],
      ['transcription', 'translation'],
    ],
    [['aig', '--key', 'sk-aig-x', 'mod'], ['models']],
    [['aig', 'status', '--js'], ['--json']],
    [
      ['aig', 'completion', ''],
      ['bash', 'zsh', 'fish'],
    ],
    [
      ['aig', 'init', '--lang', ''],
      ['ts', 'js', 'python'],
    ],
    [
      ['aig', 'w'],
      ['webhooks', 'whoami'],
    ],
  ])('%j → %j', async (words, expected) => {
    expect(await complete(...words)).toEqual(expected);
  });

  it('completes `aig sub-account cr<Tab>` in an interactive bash (tmux)', async () => {
    const bin = join(dir, 'bin');
    await mkdir(bin, { recursive: true });
    await symlink(BIN, join(bin, 'aig'));
    await chmod(BIN, 0o755);
    const rc = join(dir, 'bashrc');
    await writeFile(rc, `PS1='$ '\nPATH=${JSON.stringify(bin)}:$PATH\nsource ${JSON.stringify(script)}\n`);
    const term = await startTerminal(`bash --noprofile --rcfile ${JSON.stringify(rc)} -i`, dir);
    try {
      // capture-pane trims trailing spaces: the prompt is a bare $.
      await term.waitFor(/^\$$/m);
      await term.type('aig sub-account cr');
      await term.press('Tab');
      await term.waitFor(/\$ aig sub-account create$/m);
      await term.type('--spend');
      await term.press('Tab');
      await term.waitFor(/\$ aig sub-account create --spend-cap-cents$/m);
    } finally {
      await term.kill();
    }
  });
});

describe('aig completion zsh|fish', () => {
  it.each(['zsh', 'fish'])('%s: the same tree, registered for both bin names', async (shell) => {
    const r = await runBin(['completion', shell]);
    expect(r.code).toBe(0);
    const text = r.stdout;
    for (const path of ["'sub-account|create'", "'|status'", "'models|--modality'", "'completion'"]) {
      expect(text).toContain(path);
    }
    expect(text).toContain(
      shell === 'zsh' ? 'compdef _aig aig aigateway-cli' : 'for bin in aig aigateway-cli',
    );
  });

  it('an unknown shell is a usage error naming the choices', async () => {
    const r = await runBin(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: .*tcsh.*bash, zsh, fish/);
  });
});

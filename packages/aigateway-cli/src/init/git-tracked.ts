import { execFile } from 'node:child_process';

// Set by git hooks and wrappers; they would point the check at some other repository than `dir`'s.
const LOCATION_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE'];

/**
 * Whether git tracks `file` in the repository around `dir` (`git ls-files --error-unmatch`). False when
 * git is not installed, `dir` is not in a repository or git fails: this check only decides a warning.
 */
export function trackedByGit(
  dir: string,
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<boolean> {
  const childEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(env))
    if (value !== undefined && !LOCATION_VARIABLES.includes(name)) childEnv[name] = value;
  return new Promise((resolve) => {
    execFile(
      'git',
      ['ls-files', '--error-unmatch', '--', file],
      { cwd: dir, env: childEnv, timeout: 10_000, windowsHide: true },
      (error) => resolve(error === null),
    );
  });
}

// Type-checks the consumer fixture against the installed packages with the packed typescript.
// skipLibCheck is off so the SDK's own .d.ts files are checked too; errors inside third-party
// declarations they pull in are reported separately (they vanish under skipLibCheck, which most
// projects set) so they do not hide ours.
import { join } from 'node:path';
import { run } from './exec.mjs';

const ERROR_LINE = /^(\S+?)\(\d+,\d+\): error TS\d+: /;

/** Splits tsc's errors into ours (consumer files, aigateway-* declarations) and third-party ones. */
export function classify(output) {
  const ours = [];
  const thirdParty = new Map();
  for (const line of output.split('\n')) {
    const file = ERROR_LINE.exec(line)?.[1];
    if (!file) continue;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];
    if (pkg === undefined || pkg.startsWith('aigateway-')) ours.push(line);
    else thirdParty.set(pkg, [...(thirdParty.get(pkg) ?? []), line]);
  }
  return { ours, thirdParty };
}

/** Runs `tsc -p tsconfig.<mode>.json`; throws on errors in our code, `warn`s about the rest. */
export async function typecheck(app, env, mode, warn) {
  const tsc = join(app, 'node_modules/typescript/bin/tsc');
  const result = await run(process.execPath, [tsc, '-p', `tsconfig.${mode}.json`, '--pretty', 'false'], {
    cwd: app,
    env,
    timeoutMs: 180_000,
  });
  const { ours, thirdParty } = classify(result.stdout);
  for (const [pkg, lines] of thirdParty) {
    warn(
      `${mode}: ${lines.length} error(s) inside ${pkg}'s declarations (hidden by skipLibCheck), e.g. ${lines[0]}`,
    );
  }
  if (ours.length > 0) throw new Error(ours.join('\n'));
  if (result.code !== 0 && thirdParty.size === 0) {
    throw new Error(`tsc exited ${result.code}: ${`${result.stdout}${result.stderr}`.trim().slice(0, 500)}`);
  }
  return mode === 'nodenext' ? 'consumer.mts (ESM) and consumer.cts (CJS)' : 'consumer.ts';
}

#!/usr/bin/env node
// `pnpm lint:packages`: publint (strict) and @arethetypeswrong/cli on every package, after
// `pnpm build`. Every check runs even when one fails; exits non-zero if any did.
import { join } from 'node:path';
import { ROOT } from './demo/packages.mjs';
import { run } from './pack-test/exec.mjs';
import { Report } from './pack-test/report.mjs';

/**
 * attw profiles: the SDK ships ESM and CJS and must resolve under node10, node16 (CJS and ESM)
 * and bundler (the strict default); the emulator is ESM-only; the CLI is a bin with no types.
 * The SDK's CommonJS root is callable as openai's (`new (require('aigateway-js'))()`), so it sets
 * module.exports and module.exports.default; its types say `export default`, which is true at
 * runtime too (`require('aigateway-js').default` is the class), so attw's advisory
 * missing-export-equals is the one rule ignored, and only for the SDK.
 */
const PACKAGES = [
  { name: 'aigateway-js', attw: ['--ignore-rules', 'missing-export-equals'] },
  { name: 'aigateway-emulator', attw: ['--profile', 'esm-only'] },
  { name: 'aigateway-cli', attw: undefined },
];

const report = new Report();

async function tool(args) {
  const result = await run('pnpm', ['exec', ...args], { cwd: ROOT, timeoutMs: 180_000 });
  const output = `${result.stdout}${result.stderr}`.trim();
  if (result.code !== 0) throw new Error(output || `${args[0]} exited ${result.code}`);
  return output;
}

async function main() {
  const started = performance.now();
  for (const { name, attw } of PACKAGES) {
    const dir = join(ROOT, 'packages', name);
    report.section(name);
    await report.check('publint --strict', async () => {
      const output = await tool(['publint', '--strict', dir]);
      // publint exits 0 with suggestions or warnings it does not count as errors under --strict.
      const last = output.split('\n').at(-1);
      if (!/All good/.test(output)) throw new Error(output);
      return last;
    });
    if (attw === undefined) {
      report.line('  - attw: skipped (a bin only: no exports with types to check)');
      continue;
    }
    const profile = attw.length > 0 ? attw.join(' ') : '--profile strict (node10, node16 CJS/ESM, bundler)';
    await report.check(`attw --pack ${profile}`, async () => {
      const output = await tool(['attw', '--pack', dir, '--no-color', '--format', 'ascii', ...attw]);
      const ignored = /\(ignoring resolutions: ([^)]*)\)/.exec(output)?.[1];
      return ignored ? `no problems (${ignored} ignored by the profile)` : 'no problems found';
    });
  }
  report.summary(performance.now() - started);
  return report.failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    report.line(report.red(`✗ lint:packages could not run: ${error?.message ?? error}`));
    process.exitCode = 1;
  },
);

// Start-up benchmark (prints numbers, asserts nothing): `aig --version` and `aig --help` against a bare
// `node -e 0`, interleaved so machine noise hits all of them alike. Run after `pnpm build`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const runs = Number(process.argv[2] ?? 30);
const cases = {
  'node -e 0': ['-e', '0'],
  'aig --version': [bin, '--version'],
  'aig --help': [bin, '--help'],
};
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
let failed = 0;

for (let i = 0; i < runs + 3; i++) {
  for (const [name, args] of Object.entries(cases)) {
    const start = process.hrtime.bigint();
    const { status } = spawnSync(process.execPath, args, { stdio: 'ignore' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    // A failed run (e.g. dist/ being rebuilt at that moment) is not a start-up time; skip it.
    if (status !== 0) failed += 1;
    else if (i >= 3) times[name].push(ms); // the first rounds warm the file cache
  }
}

const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], mean: s.reduce((a, b) => a + b, 0) / s.length, min: s[0] };
};
const base = stat(times['node -e 0']).median;
console.log(`${runs} runs each, node ${process.version}${failed ? ` (${failed} failed runs skipped)` : ''}`);
for (const [name, xs] of Object.entries(times)) {
  const { median, mean, min } = stat(xs);
  console.log(
    `${name.padEnd(14)} median ${median.toFixed(1)} ms  mean ${mean.toFixed(1)} ms  min ${min.toFixed(1)} ms  (${(median / base).toFixed(2)}× node)`,
  );
}

// The installed emulator bin, and the installed `aig` against it: commands that load the CLI's
// dependencies, the packed SDK and the MCP SDK, then Ctrl-C. Then `npm i -g` of the CLI alone, as
// users install it: its optional packages (the emulator, the MCP SDK) absent.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulatorBin } from './emulator-bin.mjs';
import { run, runOk } from './exec.mjs';

/** `npm i -g` of the CLI tarball (it bundles the SDK) into `prefix`: aig without its optional packages. */
async function checkGlobalCli(report, { prefix, tarballs, env, emulator }) {
  const installed = await report.check('npm i -g aigateway-cli into a temp prefix', async () => {
    const args = ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline'];
    await runOk('npm', [...args, '--loglevel=error', tarballs['aigateway-cli']], {
      env,
      timeoutMs: 300_000,
    });
    return prefix;
  });
  if (!installed) return;
  const bin = process.platform === 'win32' ? join(prefix, 'aig.cmd') : join(prefix, 'bin', 'aig');
  const aigEnv = { ...env, AIGATEWAY_API_KEY: emulator.key, AIGATEWAY_BASE_URL: emulator.url };
  await report.check('global aig models --json (no emulator, no MCP SDK installed)', async () => {
    const { data } = JSON.parse(
      (await runOk(bin, ['models', '--json'], { cwd: prefix, env: aigEnv })).stdout,
    );
    return `${data.length} models`;
  });
  for (const [args, pkg] of [
    [['dev'], 'aigateway-emulator'],
    [['mcp', 'tools'], '@modelcontextprotocol/sdk@1'],
  ]) {
    await report.check(
      `global aig ${args.join(' ')} without ${pkg}: exit 2 and the install command`,
      async () => {
        const r = await run(bin, args, { cwd: prefix, env: aigEnv, timeoutMs: 60_000 });
        const expected = `npm i -g ${pkg}`;
        if (r.code !== 2 || !r.stderr.includes(expected))
          throw new Error(`exit ${r.code}, stderr: ${r.stderr.trim().slice(0, 300)}`);
        return r.stderr.trim();
      },
    );
  }
}

export async function checkEmulatorAndCli(report, app, env, { prefix, tarballs } = {}) {
  report.section('Emulator bin, and the CLI against it');
  let emulator;
  await report.check('npx aigateway-emulator --port 0', async () => {
    emulator = await startEmulatorBin(app, env);
    return emulator.summary;
  });
  if (emulator) {
    try {
      const aigEnv = { ...env, AIGATEWAY_API_KEY: emulator.key, AIGATEWAY_BASE_URL: emulator.url };
      const aig = (...args) =>
        runOk('npx', ['--no', '--', 'aig', ...args], { cwd: app, env: aigEnv, timeoutMs: 60_000 });
      await report.check('the installed package serves its prebuilt console', async () => {
        const origin = emulator.url.slice(0, -'/v1'.length);
        const page = await fetch(`${origin}/_emulator/`);
        const html = await page.text();
        const js = await fetch(`${origin}/_emulator/console/app.js`);
        if (!html.includes('/_emulator/console/app.js') || !js.ok)
          throw new Error(
            `/_emulator/ answered ${page.status}, app.js ${js.status}: is dist/console in the tarball?`,
          );
        return `/_emulator/ and app.js (${((await js.arrayBuffer()).byteLength / 1024).toFixed(0)} kB)`;
      });
      await report.check('npx aig init --no-scaffold', async () => {
        await aig('init', '--no-scaffold');
        const written = await readFile(join(app, '.env'), 'utf8');
        if (!written.includes(`AIGATEWAY_BASE_URL=${emulator.url}`))
          throw new Error('.env lacks the base URL');
        return '.env written';
      });
      await report.check('npx aig models --json', async () => {
        const { data } = JSON.parse((await aig('models', '--json')).stdout);
        return `${data.length} models through the packed SDK`;
      });
      await report.check('npx aig call (streamed chat)', async () => {
        const { stdout } = await aig('call', 'anthropic/claude-sonnet-4.6', 'Say hi.');
        if (stdout.trim() === '') throw new Error('no answer on stdout');
        return `${stdout.trim().length} characters`;
      });
      await report.check('npx aig mcp tools --json', async () => {
        const tools = JSON.parse((await aig('mcp', 'tools', '--json')).stdout);
        const list = Array.isArray(tools) ? tools : tools.tools;
        if (!Array.isArray(list) || list.length === 0) throw new Error('no tools listed');
        return `${list.length} tools through the MCP SDK`;
      });
      if (prefix) await checkGlobalCli(report, { prefix, tarballs, env, emulator });
      await report.check('the emulator stops on SIGINT', () => emulator.stop());
    } finally {
      emulator.kill();
    }
  }
}

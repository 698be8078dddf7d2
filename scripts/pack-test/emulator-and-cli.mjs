// The installed emulator bin, and the installed `aig` against it: commands that load the bundled
// CLI dependencies, the packed SDK and the MCP SDK, then Ctrl-C.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulatorBin } from './emulator-bin.mjs';
import { runOk } from './exec.mjs';

export async function checkEmulatorAndCli(report, app, env) {
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
      await report.check('the emulator stops on SIGINT', () => emulator.stop());
    } finally {
      emulator.kill();
    }
  }
}

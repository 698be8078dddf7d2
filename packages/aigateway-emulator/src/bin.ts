#!/usr/bin/env node
import { runEmulatorCli } from './cli/run.js';

runEmulatorCli(process.argv.slice(2)).then(
  // Exit now: a stop past its deadline may leave a socket or download open that would hold the process.
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`aigateway-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

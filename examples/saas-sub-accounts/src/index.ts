import { existsSync } from 'node:fs';
import AIgateway, { APIError } from 'aigateway-js';
import { removeCustomers, runSaasDemo } from './saas-demo.js';

if (existsSync('.env')) process.loadEnvFile('.env');

function centsFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of cents ≥ 1 (got '${raw}').`);
  return value;
}

async function main(): Promise<void> {
  const model = process.env.AIG_MODEL?.trim();
  if (!model)
    throw new Error('Set AIG_MODEL to the chat model behind the feature (e.g. anthropic/claude-sonnet-4.6).');
  const capCents = centsFromEnv('AIG_CUSTOMER_CAP_CENTS', 1);
  const raisedCapCents = centsFromEnv('AIG_RAISED_CAP_CENTS', capCents * 5);
  const admin = new AIgateway(); // the top-level key: AIGATEWAY_API_KEY, AIGATEWAY_BASE_URL

  const result = await runSaasDemo(admin, {
    model,
    capCents,
    raisedCapCents,
    runId: Date.now().toString(36),
    log: (line) => console.log(line),
  });
  if (process.env.AIG_KEEP_SUB_ACCOUNTS !== '1') {
    await removeCustomers(admin, result.customers);
    console.log('deleted the demo sub-accounts (AIG_KEEP_SUB_ACCOUNTS=1 keeps them)');
  }
}

main().catch((error: unknown) => {
  const detail = error instanceof APIError && error.requestId ? ` (request ${error.requestId})` : '';
  console.error(`${error instanceof Error ? error.message : String(error)}${detail}`);
  process.exitCode = 1;
});

import { existsSync } from 'node:fs';
import AIgateway, { APIError } from 'aigateway-js';
import { loadConfig, loadDataset } from './config.js';
import { answerVia, leaderboard, runEval } from './eval-routing.js';

if (existsSync('.env')) process.loadEnvFile('.env');

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const dataset = await loadDataset(config.datasetPath);
  const client = new AIgateway(); // AIGATEWAY_API_KEY, AIGATEWAY_BASE_URL

  console.log(
    `eval "${config.name}": ${config.models.join(' vs ')} on ${dataset.length} items, metric ${config.metric}`,
  );
  let last = '';
  const run = await runEval(client, {
    ...config,
    dataset,
    onProgress: (r) => {
      if (r.status === last) return;
      last = r.status;
      console.log(`  ${r.id} ${r.status}`);
    },
  });
  for (const line of leaderboard(run)) console.log(`  ${line}`);
  console.log(`winner: ${run.winner}`);

  const reply = await answerVia(client, run.alias, dataset[0]?.input ?? 'Hello');
  console.log(`\nrouted through ${run.alias} → ${reply.model}:\n  ${reply.content}`);
  console.log(
    `\nIn production: AIG_MODEL=${run.alias} (to re-route later, rerun the eval and update AIG_MODEL: no code change).`,
  );
}

main().catch((error: unknown) => {
  const detail = error instanceof APIError && error.requestId ? ` (request ${error.requestId})` : '';
  console.error(`${error instanceof Error ? error.message : String(error)}${detail}`);
  process.exitCode = 1;
});

import type { Model } from 'aigateway-js/client';
import type { Command } from 'commander';
import type { DefineCommand } from '../command-manifest.js';
import { rememberModalities } from '../core/catalog-cache.js';
import { price } from '../core/format.js';
import { withExamples } from '../core/help.js';
import { parseModality } from '../core/modalities.js';
import { Runtime } from '../runtime.js';

/** 1048576 → "1M", 200000 → "200K". */
function tokens(n: number): string {
  return n >= 1_000_000 ? `${Number((n / 1_000_000).toFixed(1))}M` : `${Math.round(n / 1000)}K`;
}

interface ModelsOptions {
  modality?: string;
  provider?: string;
}

async function run(rt: Runtime, options: ModelsOptions): Promise<void> {
  const modality = options.modality === undefined ? undefined : parseModality(options.modality, '--modality');
  const provider = options.provider?.trim().toLowerCase();
  const client = await rt.client();
  const { data, requestId } = await client.models.list({ signal: rt.signal }).withResponse();
  rt.out.debug(`request id ${requestId}`);
  // Every call after this one knows each model's endpoint without asking (aig call). It never throws.
  const { baseURL } = await rt.settings();
  await rememberModalities(
    rt.io.env,
    baseURL,
    Object.fromEntries(data.data.map((m) => [m.id, m.modality])),
    true,
  );
  print(rt, data.data, modality, provider);
}

function print(rt: Runtime, all: Model[], modality: string | undefined, provider: string | undefined): void {
  const models = all.filter(
    (m) => (!modality || m.modality === modality) && (!provider || m.provider.toLowerCase() === provider),
  );
  if (rt.out.json) {
    rt.out.result({ object: 'list', data: models });
    return;
  }
  if (models.length === 0) {
    rt.out.info(
      `No model matches${modality ? ` --modality ${modality}` : ''}${provider ? ` --provider ${provider}` : ''}.`,
    );
    return;
  }
  const { c } = rt.out;
  rt.out.table(
    [
      { header: 'MODEL', value: (m) => m.id },
      { header: 'MODALITY', value: (m) => m.modality },
      { header: 'PRICE', value: (m) => price(m.pricing) },
      {
        header: 'NOTES',
        value: (m) =>
          [
            m.floating && m.resolves_to ? `→ ${m.resolves_to}` : '',
            m.deprecated ? c.yellow(`deprecated${m.replacement ? `, use ${m.replacement}` : ''}`) : '',
            m.context_window ? `${tokens(m.context_window)} context` : '',
          ]
            .filter(Boolean)
            .join(', '),
      },
    ],
    models,
  );
}

export const define: DefineCommand = (command, ctx) => {
  command
    .description('List the model catalog: slug, modality, price, and what floating names resolve to.')
    .option(
      '--modality <modality>',
      'only this modality (chat, image, video, music, 3d, speech, embedding, …)',
    )
    .option('--provider <provider>', 'only this provider (anthropic, openai, google, …)')
    .action(async (options: ModelsOptions, cmd: Command) => run(new Runtime(ctx, cmd), options));
  withExamples(command, [
    ['aig models', 'everything'],
    ['aig models --modality chat --provider anthropic', 'filtered'],
    ["aig models --json | jq -r '.data[].id'", 'slugs, for scripts'],
  ]);
};

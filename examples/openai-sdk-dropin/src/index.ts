import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI from 'openai';
import { loadConfig } from './config.js';
import { runDropin } from './dropin.js';

// Real environment variables win over .env (process.loadEnvFile never overwrites them).
if (existsSync('.env')) process.loadEnvFile('.env');

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const outDir = process.env.OUT_DIR?.trim() || 'out';
  console.log(`AIgateway at ${config.baseURL}, tag ${config.tag}\n`);

  process.stdout.write(`chat (${config.models.chat}, streamed): `);
  const result = await runDropin(config, { onDelta: (text) => process.stdout.write(text) });
  console.log(`\n  ${result.chat.chunks} chunks, ${result.chat.totalTokens ?? '?'} tokens`);

  console.log(
    `embeddings (${result.embeddings.model}): ${result.embeddings.vectors} vectors × ${result.embeddings.dimensions} dimensions`,
  );

  await mkdir(outDir, { recursive: true });
  const imagePath = join(outDir, 'image.png');
  await writeFile(imagePath, result.image.png);
  console.log(`image (${result.image.model}): ${imagePath} (${result.image.png.length} bytes)`);

  const speechPath = join(outDir, 'speech.wav');
  await writeFile(speechPath, result.speech.wav);
  console.log(`speech (${result.speech.model}): ${speechPath} (${result.speech.wav.length} bytes)`);

  console.log(`transcription (${result.transcription.model}): "${result.transcription.text}"`);
}

main().catch((error: unknown) => {
  if (error instanceof OpenAI.APIError) {
    // The gateway's message says what to do next; quote the request id to support.
    console.error(
      `\nAIgateway error ${error.status ?? ''}: ${error.message} (request ${error.requestID ?? 'n/a'})`,
    );
  } else {
    console.error(`\n${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
});

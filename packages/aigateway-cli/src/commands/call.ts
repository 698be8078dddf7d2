import { fstatSync } from 'node:fs';
import type { AIgateway } from 'aigateway-js/client';
import type { Command } from 'commander';
import {
  callClassification,
  callDetection,
  callEmbedding,
  callModeration,
  callOcr,
  callRerank,
  callTranslation,
} from '../call/analysis.js';
import { callAsyncJob } from '../call/async-job.js';
import { callChat } from '../call/chat.js';
import { callImage, callSpeech, callTranscription } from '../call/media.js';
import type { CallContext, CallFlags } from '../call/types.js';
import type { DefineCommand } from '../command-manifest.js';
import { cachedModality, rememberModalities } from '../core/catalog-cache.js';
import { readStream } from '../core/files.js';
import { withExamples } from '../core/help.js';
import { parseEndpoint } from '../call/endpoints.js';
import type { Modality } from '../core/modalities.js';
import { collect } from '../core/parse.js';
import { usageError } from '../errors.js';
import { Runtime } from '../runtime.js';

const HANDLERS: Record<Modality, (call: CallContext) => Promise<void>> = {
  chat: callChat,
  image: callImage,
  speech: callSpeech,
  transcription: callTranscription,
  embedding: callEmbedding,
  moderation: callModeration,
  translation: callTranslation,
  classification: callClassification,
  ocr: callOcr,
  detection: callDetection,
  rerank: callRerank,
  video: (call) => callAsyncJob(call, 'video'),
  music: (call) => callAsyncJob(call, 'music'),
  '3d': (call) => callAsyncJob(call, '3d'),
};

/**
 * Whether stdin holds piped data worth reading beside an argument: a pipe (`git diff | aig …`) or a file
 * (`aig … < notes.md`). Not a socket: a parent process's unused stdin (Node's child_process, some CI runners)
 * is one, and is never closed; reading it would hang.
 */
function stdinIsPipeOrFile(stdin: Runtime['io']['stdin']): boolean {
  const fd = (stdin as { fd?: unknown }).fd;
  if (typeof fd !== 'number') return true; // an in-process stream (tests): piped by definition
  try {
    const stats = fstatSync(fd);
    return stats.isFIFO() || stats.isFile();
  } catch {
    return false;
  }
}

/**
 * The text input: piped stdin, then the argument after a blank line (`git diff | aig call m "Review this"`
 * sends the diff followed by the instruction); either alone when there is only one. "-" as the argument means
 * stdin only. stdin is left alone when it is a terminal, carries the key (`--key -`) or the audio (`--file -`),
 * and, beside an argument, unless it is a pipe or a file.
 */
async function readInput(
  rt: Runtime,
  arg: string | undefined,
  flags: CallFlags,
): Promise<{ text: string | undefined; stdin: Buffer | undefined }> {
  const stdinTaken = rt.globals.key === '-' || flags.file === '-';
  if (stdinTaken && arg === '-') {
    throw usageError(
      `stdin already carries ${rt.globals.key === '-' ? 'the key (--key -)' : 'the audio (--file -)'}: pass the input as an argument.`,
    );
  }
  if (stdinTaken || (rt.io.stdin.isTTY && arg !== '-')) return { text: arg, stdin: undefined };
  if (arg !== undefined && arg !== '-' && !stdinIsPipeOrFile(rt.io.stdin))
    return { text: arg, stdin: undefined };
  const bytes = await readStream(rt.io.stdin);
  const piped = bytes.toString('utf8').replace(/\r?\n$/, '');
  if (arg === undefined || arg === '-') return { text: piped === '' ? undefined : piped, stdin: bytes };
  return { text: piped.trim() === '' ? arg : `${piped}\n\n${arg}`, stdin: bytes };
}

/** The model's modality from the catalog cache (see core/catalog-cache.ts), else from the gateway. */
async function modalityOf(rt: Runtime, client: AIgateway, model: string): Promise<Modality> {
  const { baseURL } = await rt.settings();
  const cached = await cachedModality(rt.io.env, baseURL, model);
  if (cached) {
    rt.out.debug(`${model} is a ${cached} model (catalog cache)`);
    return cached;
  }
  const { data, requestId } = await client.models.retrieve(model, { signal: rt.signal }).withResponse();
  rt.out.debug(`${model} is a ${data.modality} model (${data.endpoint}; request id ${requestId})`);
  await rememberModalities(rt.io.env, baseURL, { [model]: data.modality }, false);
  return data.modality;
}

async function run(rt: Runtime, model: string, arg: string | undefined, flags: CallFlags): Promise<void> {
  const client = await rt.client();
  const { text: input, stdin } = await readInput(rt, arg, flags);
  let modality: Modality;
  if (flags.endpoint) modality = parseEndpoint(flags.endpoint);
  else if (model.startsWith('eval:')) modality = 'chat';
  else modality = await modalityOf(rt, client, model);
  await HANDLERS[modality]({ rt, client, model, input, stdin, flags });
}

export const define: DefineCommand = (command, ctx) => {
  command
    .description(
      "Call any model. The endpoint follows the model's modality (or --endpoint). Text (chat, transcripts, " +
        'translations, OCR) goes to stdout or --out; media (images, audio, video, 3D) to --out, or to stdout when ' +
        'it is piped; async jobs are awaited with progress (their id is printed at once).',
    )
    .argument('<model>', 'model slug (provider/name), floating name or eval:<run_id>')
    .argument('[input]', 'prompt or text; piped stdin comes first, then this (or "-": stdin only)')
    .option(
      '--endpoint <modality>',
      'override the endpoint: chat, image, speech, embedding, … or its /v1 path',
    )
    .option('--no-stream', 'chat: wait for the whole answer instead of streaming tokens')
    .option('--system <text>', 'chat: system message')
    .option('--image <path|url>', 'chat (vision), OCR, detection, video or 3D: an image file or URL')
    .option('--file <path>', 'transcription: the audio file ("-" reads stdin)')
    .option(
      '--out <path>',
      'save the result here: a file for media, the text for chat, transcription, translation and OCR ("-": stdout)',
    )
    .option('--force', 'replace an existing --out file (keeping its mode)')
    .option('--no-wait', 'async models: print the job id and return without waiting')
    .option('--webhook-url <url>', 'async models: POST the finished job here (signed)')
    .option('--max-tokens <n>', 'chat: cap the answer length')
    .option('--temperature <t>', 'chat: sampling temperature, 0-2')
    .option('--voice <voice>', 'speech: the voice')
    .option('--to <lang>', 'translation: target language (e.g. fr)')
    .option('--from <lang>', 'translation or transcription: source language')
    .option('--labels <a,b>', 'classification: candidate labels')
    .option('--doc <text>', 'rerank: a document (repeat for each)', collect)
    .option('--documents <file>', 'rerank: a JSON array of strings or one document per line')
    .option('--top-n <n>', 'rerank: keep the best n')
    .option('--threshold <0-1>', 'detection: minimum score')
    .option('--duration <seconds>', 'video or music: length')
    .action(async (model: string, input: string | undefined, flags: CallFlags, cmd: Command) =>
      run(new Runtime(ctx, cmd), model, input, flags),
    );
  withExamples(command, [
    ['aig call anthropic/claude-sonnet-4.6 "Explain SSE in one line"', 'streams the answer'],
    ['cat notes.md | aig call openai/gpt-5.4 --system "Summarise" --no-stream', 'stdin as input'],
    ['git diff | aig call openai/gpt-5.4 "Review this"', 'stdin, then the instruction'],
    ['aig call google/gemini-3.1-pro "What is in this?" --image photo.jpg', 'vision'],
    ['aig call black-forest-labs/flux-1-schnell "a red fox" --out fox.png', 'image to a file'],
    ['aig call black-forest-labs/flux-1-schnell "a red fox" > fox.png', 'or to a piped stdout'],
    ['aig call deepgram/aura-2-en "Hello there" --out hello.mp3', 'text to speech'],
    ['aig call openai/whisper-large-v3-turbo --file call.m4a', 'speech to text'],
    ['aig call runwayml/gen-4 "a sunset over mountains" --out sunset.mp4', 'video: waits, then downloads'],
    ['aig call runwayml/gen-4 "a sunset" --out sunset.mp4 --timeout 900', 'wait up to 15 minutes'],
    [
      'aig call suno/v5 "lo-fi beat" --no-wait --webhook-url https://example.com/hooks',
      'async, notify later',
    ],
    ['aig call baai/bge-reranker-base "best pizza" --doc "pizza place" --doc "car wash"', 'rerank'],
    ['aig call meta/m2m100-1.2b "Good morning" --to fr --json', 'full response as JSON'],
  ]);
};

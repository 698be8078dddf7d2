import type { AIgateway } from 'aigateway-js';
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
import { type Modality, parseModality } from '../core/modalities.js';
import { collect } from '../core/parse.js';
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

/** The input argument, or stdin when it is piped (or the argument is "-"). */
async function readInput(rt: Runtime, arg: string | undefined): Promise<string | undefined> {
  if (arg !== undefined && arg !== '-') return arg;
  if (rt.io.stdin.isTTY && arg !== '-') return undefined;
  const text = (await readStream(rt.io.stdin)).toString('utf8');
  return text === '' ? undefined : text.replace(/\r?\n$/, '');
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
  const input = await readInput(rt, arg);
  let modality: Modality;
  if (flags.endpoint) modality = parseModality(flags.endpoint, '--endpoint');
  else if (model.startsWith('eval:')) modality = 'chat';
  else modality = await modalityOf(rt, client, model);
  await HANDLERS[modality]({ rt, client, model, input, flags });
}

export const define: DefineCommand = (command, ctx) => {
  command
    .description(
      "Call any model. The endpoint follows the model's modality (or --endpoint): chat streams to stdout, " +
        'images/audio/video are saved with --out, async jobs are awaited with progress on a terminal.',
    )
    .argument('<model>', 'model slug (provider/name), floating name or eval:<run_id>')
    .argument('[input]', 'prompt or text; read from stdin when omitted and piped, or when "-"')
    .option(
      '--endpoint <modality>',
      'override the endpoint: chat, image, speech, embedding, … or its /v1 path',
    )
    .option('--no-stream', 'chat: wait for the whole answer instead of streaming tokens')
    .option('--system <text>', 'chat: system message')
    .option('--image <path|url>', 'chat (vision), OCR, detection, video or 3D: an image file or URL')
    .option('--file <path>', 'transcription: the audio file')
    .option('--out <path>', 'save the binary result here (speech, image, video, music, 3D)')
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
    .option('--timeout <seconds>', 'async models: stop waiting after this long (default 600)')
    .action(async (model: string, input: string | undefined, flags: CallFlags, cmd: Command) =>
      run(new Runtime(ctx, cmd), model, input, flags),
    );
  withExamples(command, [
    ['aig call anthropic/claude-sonnet-4.6 "Explain SSE in one line"', 'streams the answer'],
    ['cat notes.md | aig call openai/gpt-5.4 --system "Summarise" --no-stream', 'stdin as input'],
    ['aig call google/gemini-3.1-pro "What is in this?" --image photo.jpg', 'vision'],
    ['aig call black-forest-labs/flux-1-schnell "a red fox" --out fox.png', 'image to a file'],
    ['aig call deepgram/aura-2-en "Hello there" --out hello.mp3', 'text to speech'],
    ['aig call openai/whisper-large-v3-turbo --file call.m4a', 'speech to text'],
    ['aig call runwayml/gen-4 "a sunset over mountains" --out sunset.mp4', 'video: waits, then downloads'],
    [
      'aig call suno/v5 "lo-fi beat" --no-wait --webhook-url https://example.com/hooks',
      'async, notify later',
    ],
    ['aig call baai/bge-reranker-base "best pizza" --doc "pizza place" --doc "car wash"', 'rerank'],
    ['aig call meta/m2m100-1.2b "Good morning" --to fr --json', 'full response as JSON'],
  ]);
};

import { describe, expect, it } from 'vitest';
import { AIgateway, APIConnectionError, InputValidationError } from '../../src/index.js';
import { loadVectors } from './vectors.js';

interface InputCase {
  name: string;
  operation: string;
  body?: Record<string, unknown>;
  query?: Record<string, unknown>;
  path_params?: Record<string, string>;
  expect: { sent: true } | { error: string; param: string };
}

const { cases } = loadVectors<InputCase>('inputs.json');

/** Reached only when the SDK let the call through: the case then fails as "sent". */
class Sent extends Error {}

const client = new AIgateway({
  apiKey: 'sk-aig-conformance-inputs-0000',
  maxRetries: 0,
  logLevel: 'off',
  fetch: async () => {
    throw new Sent('sent');
  },
});

// The contract's operationId → this SDK's method, called with the case's parameters.
type Call = (params: never) => PromiseLike<unknown>;
const OPERATIONS: Record<string, Call> = {
  createChatCompletion: (p) => client.chat.completions.create(p),
  createEmbedding: (p) => client.embeddings.create(p),
  createImage: (p) => client.images.generate(p),
  createSpeech: (p) => client.audio.speech.create(p),
  createModeration: (p) => client.moderations.create(p),
  createTranslation: (p) => client.translations.create(p),
  createClassification: (p) => client.classifications.create(p),
  createOcr: (p) => client.ocr.create(p),
  createDetection: (p) => client.detections.create(p),
  createRerank: (p) => client.rerank.create(p),
  createVideoGeneration: (p) => client.videos.generate(p),
  createMusicGeneration: (p) => client.audio.music.generate(p),
  createThreeDGeneration: (p) => client.threeD.generate(p),
  createSubAccount: (p) => client.subAccounts.create(p),
  createEval: (p) => client.evals.create(p),
  createSignedUrl: (p) => client.files.createSignedUrl(p),
  retrieveUsageByTag: (p) => client.usage.byTag(p),
  listSubAccounts: (p) => client.subAccounts.list(p),
  retrieveJob: (p: { id: string }) => client.jobs.retrieve(p.id),
  retrieveSubAccount: (p: { id: string }) => client.subAccounts.retrieve(p.id),
  retrieveEval: (p: { id: string }) => client.evals.retrieve(p.id),
  retrieveModel: (p: { model: string }) => client.models.retrieve(p.model),
  downloadFile: (p: { path: string }) => client.files.download(p.path),
};

describe('conformance: inputs.json', () => {
  it.each(cases)('$name', async (c) => {
    const call = OPERATIONS[c.operation];
    if (!call) throw new Error(`conformance: no SDK method mapped for ${c.operation}`);
    const error = await Promise.resolve()
      .then(() => call((c.body ?? c.query ?? c.path_params) as never))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    if ('sent' in c.expect) {
      expect(error).toBeInstanceOf(APIConnectionError);
      expect((error as APIConnectionError).cause).toBeInstanceOf(Sent);
    } else {
      expect(error).toBeInstanceOf(InputValidationError);
      expect((error as Error).constructor.name).toBe(c.expect.error);
      expect((error as InputValidationError).issues.map((i) => i.path)).toEqual([c.expect.param]);
    }
  });
});

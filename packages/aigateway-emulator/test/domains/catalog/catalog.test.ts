import { describe, expect, it } from 'vitest';
import { contract } from '../../../src/contract/document.js';
import { modelObject, resolveModel, suggest } from '../../../src/domains/catalog/catalog.js';
import { endpointOf, type Modality, models } from '../../../src/domains/catalog/models.js';
import { ApiError } from '../../../src/http/errors.js';

const enumOf = (name: string) =>
  (contract.components.schemas as Record<string, { enum: string[] }>)[name]!.enum;

describe('catalog', () => {
  it('holds every Known*Model slug of the contract, on the endpoint of its modality', () => {
    const schemas: [string, string][] = [
      ['KnownChatModel', 'chat'],
      ['KnownImageModel', 'image'],
      ['KnownVideoModel', 'video'],
      ['KnownMusicModel', 'music'],
      ['Known3DModel', '3d'],
      ['KnownTranscriptionModel', 'transcription'],
      ['KnownSpeechModel', 'speech'],
      ['KnownEmbeddingModel', 'embedding'],
      ['KnownModerationModel', 'moderation'],
      ['KnownTranslationModel', 'translation'],
      ['KnownClassificationModel', 'classification'],
      ['KnownOcrModel', 'ocr'],
      ['KnownDetectionModel', 'detection'],
      ['KnownRerankModel', 'rerank'],
    ];
    for (const [schema, modality] of schemas) {
      for (const slug of enumOf(schema)) expect(modelObject(slug)?.modality, slug).toBe(modality);
    }
  });

  it('resolves floating names to pinned versions (deprecations follow the clock: lifecycle.test.ts)', () => {
    expect(modelObject('anthropic/claude-sonnet')).toMatchObject({
      floating: true,
      resolves_to: 'anthropic/claude-sonnet-4.6',
    });
    expect(resolveModel('openai/gpt-5', 'chat').id).toBe('openai/gpt-5.4');
    expect(modelObject('baai/bge-m3')?.dimensions).toBe(1024);
    expect(modelObject('openai/text-embedding-3-small')?.dimensions).toBe(1536);
    expect(modelObject('google/gemini-3.1-pro')?.capabilities).toContain('vision');
  });

  it('suggests the closest slugs', () => {
    expect(suggest('gpt-5.4')[0]).toBe('openai/gpt-5.4');
    expect(suggest('claude-opus-4.7')[0]).toBe('anthropic/claude-opus-4.7');
    expect(suggest('anthropic/claude-sonet-4.6')[0]).toBe('anthropic/claude-sonnet-4.6');
    expect(suggest('whisper', 'transcription')[0]).toBe('openai/whisper-large-v3-turbo');
    expect(suggest('zzzzzzzzzzzzzzzzzzzz')).toEqual([]);
  });

  it('names the right endpoint for a model of another modality', () => {
    const e = (() => {
      try {
        resolveModel('suno/v5', 'chat');
      } catch (err) {
        return err as ApiError;
      }
    })();
    expect(e).toBeInstanceOf(ApiError);
    expect(e?.code).toBe('wrong_endpoint');
    expect(e?.message).toContain('POST /v1/audio/music');
  });

  it('words wrong_endpoint messages with the right article (an embedding / an ocr / a 3d model)', () => {
    const message = (slug: string, modality: Modality) => {
      try {
        resolveModel(slug, modality);
      } catch (err) {
        return (err as ApiError).message;
      }
      throw new Error(`${slug} resolved on the ${modality} endpoint`);
    };
    expect(message('baai/bge-m3', 'chat')).toContain("'baai/bge-m3' is an embedding model");
    expect(message('microsoft/trocr-base-printed', 'detection')).toContain('is an ocr model');
    expect(message('openai/gpt-5.4', 'embedding')).toContain('pick an embedding model');
    expect(message('black-forest-labs/flux-1-schnell', 'ocr')).toMatch(
      /is an image model.*pick an ocr model/,
    );
    expect(message('stabilityai/stable-fast-3d', 'chat')).toContain('is a 3d model');
    // Every modality pair, both articles: never "a" before a vowel.
    const modalities = Object.keys(endpointOf) as Modality[];
    for (const spec of models) {
      for (const modality of modalities.filter((m) => m !== spec.modality)) {
        expect(message(spec.id, modality)).not.toMatch(/\ba [aeiou]/);
      }
    }
  });
});

import { ApiError } from '../../../http/errors.js';
import { countTokens } from '../../../util/text.js';
import type { Endpoint } from '../endpoint.js';
import { classify } from '../generate/classifications.js';
import { embeddingInputs, embedText, toBase64 } from '../generate/embeddings.js';
import { moderate } from '../generate/moderations.js';
import { bm25Scores } from '../generate/rerank.js';
import { detectLanguage, translate } from '../generate/translations.js';
import { asList, nativeUsage, tokensOf } from './shared.js';

function shorten(vector: number[], dims: number): number[] {
  if (dims === vector.length) return vector;
  const cut = vector.slice(0, dims);
  const norm = Math.sqrt(cut.reduce((s, x) => s + x * x, 0)) || 1;
  return cut.map((x) => x / norm);
}

export const embeddings: Endpoint = {
  operationId: 'createEmbedding',
  modality: 'embedding',
  run(input, spec, ctx) {
    const native = spec.dimensions ?? 1024;
    const dims = typeof input.dimensions === 'number' ? input.dimensions : native;
    if (dims !== native && !spec.capabilities.includes('dimensions')) {
      throw new ApiError(
        400,
        'invalid_value',
        `${spec.id} always returns ${native} dimensions; drop 'dimensions' or use openai/text-embedding-3-small.`,
        { param: 'dimensions' },
      );
    }
    if (dims > native) {
      throw new ApiError(400, 'invalid_value', `dimensions must be at most ${native} for ${spec.id}.`, {
        param: 'dimensions',
      });
    }
    const texts = embeddingInputs(input.input);
    const base64 = input.encoding_format === 'base64';
    const data = texts.map((text, index) => {
      const vector = shorten(embedText(text, spec.id, native), dims);
      return { object: 'embedding', index, embedding: base64 ? toBase64(vector) : vector };
    });
    // A scenario's usage is what is reported and billed.
    const tokens = ctx.call.scripted?.usage?.prompt_tokens ?? tokensOf(texts);
    return {
      body: { object: 'list', data, model: spec.id, usage: { prompt_tokens: tokens, total_tokens: tokens } },
      meter: { input_tokens: tokens },
    };
  },
};

export const moderations: Endpoint = {
  operationId: 'createModeration',
  modality: 'moderation',
  defaultModel: 'meta/llama-guard-3-8b',
  run(input, spec, { ids }) {
    const texts = asList(input.input);
    return {
      body: { id: `modr-${ids.hex(12)}`, model: spec.id, results: texts.map(moderate) },
      meter: { input_tokens: tokensOf(texts) },
    };
  },
};

export const translations: Endpoint = {
  operationId: 'createTranslation',
  modality: 'translation',
  run(input, spec, { call }) {
    const texts = asList(input.input);
    const target = String(input.target_language);
    const data = texts.map((text, index) => {
      const source = typeof input.source_language === 'string' ? input.source_language : detectLanguage(text);
      return {
        index,
        text: translate(text, source, target),
        source_language: source,
        target_language: target,
      };
    });
    const inTokens = tokensOf(texts);
    const outTokens = data.reduce((n, d) => n + countTokens(d.text), 0);
    return {
      body: {
        object: 'translation',
        model: spec.id,
        data,
        request_id: call.requestId,
        usage: nativeUsage(inTokens, outTokens),
      },
      meter: { input_tokens: inTokens, output_tokens: outTokens },
    };
  },
};

export const classifications: Endpoint = {
  operationId: 'createClassification',
  modality: 'classification',
  run(input, spec, { call }) {
    const texts = asList(input.input);
    const labels = Array.isArray(input.labels) ? input.labels.map(String) : undefined;
    const data = texts.map((text, index) => ({ index, ...classify(text, labels) }));
    const tokens = tokensOf(texts);
    return {
      body: {
        object: 'classification',
        model: spec.id,
        data,
        request_id: call.requestId,
        usage: nativeUsage(tokens),
      },
      meter: { input_tokens: tokens },
    };
  },
};

export const rerank: Endpoint = {
  operationId: 'createRerank',
  modality: 'rerank',
  run(input, spec, { call }) {
    const docs = (input.documents as (string | { text: string })[]).map((d) =>
      typeof d === 'string' ? d : d.text,
    );
    const query = String(input.query);
    const scores = bm25Scores(query, docs);
    const order = docs.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
    const topN = typeof input.top_n === 'number' ? input.top_n : docs.length;
    const results = order.slice(0, topN).map((index) => ({
      index,
      relevance_score: scores[index]!,
      ...(input.return_documents === true ? { document: { text: docs[index]! } } : {}),
    }));
    const tokens = countTokens(query) * docs.length + tokensOf(docs);
    return {
      body: {
        object: 'rerank',
        model: spec.id,
        results,
        request_id: call.requestId,
        usage: nativeUsage(tokens),
      },
      meter: { input_tokens: tokens },
    };
  },
};

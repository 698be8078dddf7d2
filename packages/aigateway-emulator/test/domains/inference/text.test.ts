import { describe, expect, it } from 'vitest';
import { modelSpec } from '../../../src/domains/catalog/catalog.js';
import { planChat } from '../../../src/domains/inference/generate/chat.js';
import { classify, sentiment } from '../../../src/domains/inference/generate/classifications.js';
import { embedText, toBase64 } from '../../../src/domains/inference/generate/embeddings.js';
import { loadImage } from '../../../src/domains/inference/generate/image-input.js';
import { moderate } from '../../../src/domains/inference/generate/moderations.js';
import { bm25Scores } from '../../../src/domains/inference/generate/rerank.js';
import { sampleSchema } from '../../../src/domains/inference/generate/schema-sample.js';
import { detectLanguage, translate } from '../../../src/domains/inference/generate/translations.js';
import { detect, ocr } from '../../../src/domains/inference/generate/vision.js';
import { renderPng } from '../../../src/media/png.js';

const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('deterministic text outputs', () => {
  it('embeddings are unit vectors; shared words mean closer vectors; base64 is LE float32', () => {
    const a = embedText('the cat sat on the mat', 'm', 64);
    expect(cos(a, a)).toBeCloseTo(1, 6);
    expect(cos(a, embedText('a cat on a mat', 'm', 64))).toBeGreaterThan(
      cos(a, embedText('quarterly revenue grew', 'm', 64)),
    );
    const b64 = Buffer.from(toBase64(a), 'base64');
    expect(b64.length).toBe(256);
    expect(b64.readFloatLE(4)).toBeCloseTo(a[1]!, 6);
  });

  it('rerank scores by BM25: more matching terms rank higher, no overlap scores 0', () => {
    const scores = bm25Scores('solar panel efficiency', [
      'wind turbines',
      'solar panel efficiency records',
      'a solar eclipse',
    ]);
    expect(scores[0]).toBe(0);
    expect(scores[1]).toBeGreaterThan(scores[2]!);
    expect(scores.every((s) => s >= 0 && s < 1)).toBe(true);
  });

  it('classifies sentiment with negation, and zero-shot labels by overlap', () => {
    expect(sentiment('not good')).toBeLessThan(0);
    expect(classify('I love this, it is great', undefined).label).toBe('POSITIVE');
    expect(classify('terrible and broken', undefined).label).toBe('NEGATIVE');
    const r = classify('my invoice is wrong', ['billing', 'invoice question', 'shipping']);
    expect(r.label).toBe('invoice question');
    expect(r.scores.reduce((s, x) => s + x.score, 0)).toBeCloseTo(1, 4);
  });

  it('moderation flags lexicon hits only', () => {
    expect(moderate('I will kill you').categories['harassment/threatening']).toBe(true);
    const calm = moderate('Have a lovely day');
    expect(calm.flagged).toBe(false);
    expect(Object.keys(calm.categories)).toHaveLength(13);
  });

  it('translates common words and detects the source language', () => {
    expect(translate('Hello world', 'en', 'fr')).toBe('Bonjour monde');
    expect(translate('bonjour', 'fr', 'es')).toBe('hola');
    expect(detectLanguage('merci et bonjour')).toBe('fr');
  });

  it('samples tool arguments from a JSON schema using the prompt', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        days: { type: 'integer', minimum: 1 },
        units: { enum: ['metric', 'imperial'] },
        tags: { type: 'array', items: { type: 'string' } },
      },
    };
    expect(sampleSchema(schema, 'Weather in Lisbon for the weekend?')).toEqual({
      city: 'Lisbon',
      days: 1,
      units: 'metric',
      tags: ['tags value'],
    });
  });

  it('chat answers tool results, honours max_tokens and JSON modes', () => {
    const spec = modelSpec('openai/gpt-5.4')!;
    const none = () => undefined;
    const afterTool = planChat(
      {
        model: 'm',
        messages: [
          { role: 'user', content: 'weather?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
          },
          { role: 'tool', tool_call_id: 'c1', content: '18C' },
        ],
        tools: [{ type: 'function', function: { name: 'get_weather' } }],
      },
      spec,
      none,
    );
    expect(afterTool.content).toBe('Here is what get_weather returned: 18C');
    const cut = planChat(
      {
        model: 'm',
        messages: [{ role: 'user', content: 'a long question about many things' }],
        max_tokens: 3,
      },
      spec,
      none,
    );
    expect([cut.finishReason, cut.completionTokens]).toEqual(['length', 3]);
    const json = planChat(
      {
        model: 'm',
        messages: [{ role: 'user', content: 'x' }],
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'r', schema: { type: 'object', properties: { ok: { type: 'boolean' } } } },
        },
      },
      spec,
      none,
    );
    expect(JSON.parse(json.content!)).toEqual({ ok: true });
  });

  it('OCR reads an emulator image back; detection finds objects named in its prompt', () => {
    const png = renderPng(320, 240, 'a cat and a dog on a couch');
    const image = loadImage(`data:image/png;base64,${png.toString('base64')}`, () => undefined, 'image');
    expect(ocr(image).text).toBe('a cat and a dog on a couch');
    const found = detect(image, 0.5)
      .map((d) => d.label)
      .sort();
    expect(found).toEqual(['cat', 'couch', 'dog']);
    for (const d of detect(image, 0.5)) expect(d.box.xmax).toBeLessThanOrEqual(320);
    expect(ocr(loadImage('https://example.com/a.png', () => undefined, 'image'))).toEqual(
      ocr(loadImage('https://example.com/a.png', () => undefined, 'image')),
    );
  });
});

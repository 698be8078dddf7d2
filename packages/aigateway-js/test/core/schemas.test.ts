// The SDK's input checks, schema by schema: what passes, and the message for what does not.
import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/core/checks.js';
import { InputValidationError } from '../../src/core/errors.js';
import * as s from '../../src/core/schemas.js';
import { validate } from '../../src/core/validate.js';

function issues(check: Check, value: unknown): string[] {
  try {
    validate(check, value, 'm');
  } catch (error) {
    expect(error).toBeInstanceOf(InputValidationError);
    return (error as InputValidationError).issues.map((i) =>
      i.path ? `${i.path}: ${i.message}` : i.message,
    );
  }
  return [];
}

describe('input schemas', () => {
  it('take a string or a non-empty list where the contract does, and say which', () => {
    const model = 'meta/m2m100-1.2b';
    expect(issues(s.translationSchema, { model, input: 'hi', target_language: 'en' })).toEqual([]);
    expect(issues(s.translationSchema, { model, input: ['a', 'b'], target_language: 'en' })).toEqual([]);
    expect(issues(s.translationSchema, { model, input: [], target_language: 'en' })).toEqual([
      'input: must have at least 1 item',
    ]);
    expect(issues(s.translationSchema, { model, input: '', target_language: 'en' })).toEqual([
      'input: must not be empty',
    ]);
    expect(issues(s.classificationSchema, { model, input: 42 })).toEqual([
      'input: must be a string or an array, got number',
    ]);
    expect(issues(s.moderationSchema, { input: 'text' })).toEqual([]);
    expect(issues(s.embeddingSchema, { model })).toEqual(['input: is required']);
  });

  it('check nullable and optional sub-account fields, and tags by pattern', () => {
    expect(
      issues(s.subAccountUpdateSchema, { spend_cap_cents: null, rate_limit_rpm: null, default_tag: null }),
    ).toEqual([]);
    expect(
      issues(s.subAccountCreateSchema, {
        name: 'c',
        spend_cap_cents: 'ten',
        rate_limit_rpm: 0,
        default_tag: 'bad tag',
        metadata: { plan: 3 },
      }),
    ).toEqual([
      'spend_cap_cents: must be an integer or null, got string',
      'rate_limit_rpm: must be ≥ 1',
      "default_tag: must be 1–64 characters of letters, digits, '.', '_', ':' or '-'",
      'metadata.plan: must be a string, got number',
    ]);
  });

  it('walk eval datasets item by item, naming the index', () => {
    const run = { name: 'e', candidate_models: ['a/b', ''], metric: 'speed' };
    expect(issues(s.evalCreateSchema, { ...run, dataset: [{ input: 'ok' }, { expected: 'x' }, 3] })).toEqual([
      'candidate_models.1: must not be empty',
      'dataset.1.input: is required',
      'dataset.2: must be an object, got number',
      'metric: must be one of "quality", "exact_match", "contains", "latency", "cost"',
    ]);
  });

  it('apply whole-object rules and bounds', () => {
    const model = 'stabilityai/stable-fast-3d';
    expect(issues(s.threeDSchema, { model })).toEqual(['give `prompt`, `image` or both']);
    expect(issues(s.threeDSchema, { model, image: 'https://x/chair.png' })).toEqual([]);
    expect(issues(s.videoSchema, { model, prompt: 'p', duration: 0 })).toEqual(['duration: must be > 0']);
    expect(issues(s.detectionSchema, { model, image: 'i', threshold: Number.NaN })).toEqual([
      'threshold: must be a number, got NaN',
    ]);
    expect(issues(s.listSchema, undefined)).toEqual([]);
    expect(issues(s.listSchema, { limit: 101 })).toEqual(['limit: must be ≤ 100']);
    expect(issues(s.usageSchema, { month: '2026-4' })).toEqual(['month: must be YYYY-MM, e.g. 2026-04']);
    expect(issues(s.transcriptionSchema, { model, file: null })).toEqual(['file: must be a file, got null']);
  });

  it('check a path id as the argument itself', () => {
    expect(issues(s.idSchema, 'job_1')).toEqual([]);
    expect(issues(s.idSchema, '')).toEqual(['must not be empty']);
    expect(issues(s.idSchema, undefined)).toEqual(['must be a string, got undefined']);
  });
});

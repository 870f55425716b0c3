import { describe, expect, it } from 'vitest';
import type { Classification, ClassifyInput } from './classification.ts';
import { FallbackClassifier } from './fallback-classifier.ts';
import type { AbortableClassifier } from './fallback-classifier.ts';
import { ClassifierFailure } from './llm/llm-classifier.ts';
import type { ClassifyOptions } from './llm/llm-classifier.ts';
import { OfflineClassifier } from './offline-classifier.ts';
import { taxonomySchema } from './taxonomy.ts';

// The provider adapters are tested against the fake servers; here, only the fallback's own rules,
// with a primary that behaves as told.

const taxonomy = taxonomySchema.parse({
  caseTypes: [{ key: 'late_order', name: { en: 'Late order' }, keywords: ['late'] }],
  bookingTypes: [{ key: 'city_tour', name: { en: 'City tour' }, keywords: ['tour'] }],
});
const input: ClassifyInput = { text: 'My order is late', taxonomy, now: new Date('2025-06-10T03:00:00Z'), timeZone: 'Asia/Bangkok' };
const llmResult: Classification = { kind: 'case', caseType: 'late_order', confidence: 0.9, language: 'en', fields: {} };

function primary(behave: (opts: ClassifyOptions | undefined) => Promise<Classification>): AbortableClassifier & { calls: number } {
  return {
    provider: 'openai',
    model: 'gpt-test',
    calls: 0,
    classify(_input, opts) {
      this.calls++;
      return behave(opts);
    },
  };
}

const offline = new OfflineClassifier();

describe('FallbackClassifier', () => {
  it('uses the primary when it answers', async () => {
    const classifier = new FallbackClassifier({ primary: primary(async () => llmResult), offline });
    expect(classifier.provider).toBe('openai');
    expect(classifier.model).toBe('gpt-test');
    const decision = await classifier.classifyWithMeta(input);
    expect(decision).toEqual({ result: llmResult, provider: 'openai', model: 'gpt-test', latencyMs: expect.any(Number) });
    expect(await classifier.classify(input)).toEqual(llmResult);
  });

  it('answers offline alone without a primary', async () => {
    const classifier = new FallbackClassifier({ offline });
    expect(classifier.provider).toBe('offline');
    const decision = await classifier.classifyWithMeta(input);
    const { fields, ...rest } = await offline.classify(input);
    expect(decision).toEqual({ result: { ...rest, fields: expect.objectContaining(fields) }, provider: offline.provider, model: offline.model, latencyMs: expect.any(Number) });
  });

  it('defaults to the offline classifier and an 8 s limit', () => {
    const classifier = new FallbackClassifier();
    expect(classifier.provider).toBe(new OfflineClassifier().provider);
    expect(classifier.timeoutMs).toBe(8000);
  });

  it('keeps the reason a ClassifierFailure gives, with its detail', async () => {
    const classifier = new FallbackClassifier({ primary: primary(async () => Promise.reject(new ClassifierFailure('unknown_key', 'caseType "x" is not in the taxonomy'))), offline });
    const decision = await classifier.classifyWithMeta(input);
    expect(decision).toMatchObject({
      provider: 'offline',
      fallbackReason: 'unknown_key',
      fallbackDetail: 'caseType "x" is not in the taxonomy',
      attempted: { provider: 'openai', model: 'gpt-test', latencyMs: expect.any(Number) },
    });
    expect(decision.result).toMatchObject({ kind: (await offline.classify(input)).kind });
  });

  it('completes the offline answer with the deterministic fields it left out', async () => {
    const bare = { provider: 'offline', model: 'rules', classify: async (): Promise<Classification> => ({ kind: 'case', caseType: 'late_order', confidence: 0.6, language: 'en', fields: { amount: 7 } }) };
    const classifier = new FallbackClassifier({ primary: primary(() => Promise.reject(new Error('down'))), offline: bare });
    const decision = await classifier.classifyWithMeta({ ...input, text: 'Order ORD-12345 is late, I paid 300 baht', orderIdPatterns: ['ORD-\\d{5}'] });
    expect(decision.result).toMatchObject({ kind: 'case', caseType: 'late_order', fields: { orderIds: ['ORD-12345'], amount: 7 } });
    expect(decision.result.fields.amount).toBe(7);
  });

  it('reads an HTTP status from any error, and calls anything else "error"', async () => {
    const rateLimited = Object.assign(new Error('Too Many Requests'), { status: 429 });
    expect((await new FallbackClassifier({ primary: primary(() => Promise.reject(rateLimited)), offline }).classifyWithMeta(input)).fallbackReason).toBe('rate_limited');
    const boom = new FallbackClassifier({ primary: primary(async () => { throw new TypeError('x is undefined'); }), offline });
    expect(await boom.classifyWithMeta(input)).toMatchObject({ fallbackReason: 'error', fallbackDetail: 'TypeError' });
  });

  it('times out on its own clock and aborts the call', async () => {
    let signal: AbortSignal | undefined;
    const hanging = primary((opts) => {
      signal = opts?.signal;
      return new Promise(() => {});
    });
    const classifier = new FallbackClassifier({ primary: hanging, offline, timeoutMs: 50 });
    const decision = await classifier.classifyWithMeta(input);
    expect(decision).toMatchObject({ provider: 'offline', fallbackReason: 'timeout', fallbackDetail: 'no answer within 50 ms' });
    expect(signal?.aborted).toBe(true);
    expect(decision.attempted!.latencyMs).toBeGreaterThanOrEqual(45);
  });

  it('does not let a late rejection after the time-out go unhandled', async () => {
    const late = primary((opts) => new Promise((_, reject) => opts?.signal?.addEventListener('abort', () => setTimeout(() => reject(new Error('aborted')), 5))));
    const classifier = new FallbackClassifier({ primary: late, offline, timeoutMs: 20 });
    expect((await classifier.classifyWithMeta(input)).fallbackReason).toBe('timeout');
    await new Promise((r) => setTimeout(r, 20));
  });

  it('refuses a primary result outside the contract', async () => {
    const broken = primary(async () => ({ ...llmResult, confidence: 7 }));
    expect((await new FallbackClassifier({ primary: broken, offline }).classifyWithMeta(input)).fallbackReason).toBe('schema_mismatch');
  });

  it('lets an offline failure through: there is nothing left to fall back on', async () => {
    const failing = { provider: 'offline', model: 'rules', classify: () => Promise.reject(new Error('offline broke')) };
    const classifier = new FallbackClassifier({ primary: primary(() => Promise.reject(new Error('llm broke'))), offline: failing });
    await expect(classifier.classifyWithMeta(input)).rejects.toThrow('offline broke');
  });
});

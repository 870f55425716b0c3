import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import type { ClassifyInput } from './classification.ts';
import { createClassifier } from './create-classifier.ts';
import { startFakeGeminiApi } from '../../dev/fakes/gemini-api.ts';
import type { RunningFakeGeminiApi } from '../../dev/fakes/gemini-api.ts';
import { startFakeOpenAiApi } from '../../dev/fakes/openai-api.ts';
import type { RunningFakeOpenAiApi } from '../../dev/fakes/openai-api.ts';
import { OfflineClassifier } from './offline-classifier.ts';
import { taxonomySchema } from './taxonomy.ts';

const taxonomy = taxonomySchema.parse({
  caseTypes: [{ key: 'late_order', name: { en: 'Late order', th: 'ของมาช้า' }, keywords: ['late', 'ช้า'] }],
  bookingTypes: [{ key: 'cooking_class', name: { en: 'Cooking class' }, keywords: ['cooking'] }],
});
const input: ClassifyInput = { text: 'My order is late', taxonomy, now: new Date('2025-06-10T03:00:00Z'), timeZone: 'Asia/Bangkok' };

let openai: RunningFakeOpenAiApi;
let gemini: RunningFakeGeminiApi;

beforeAll(async () => {
  openai = await startFakeOpenAiApi();
  gemini = await startFakeGeminiApi();
});
afterAll(async () => {
  await openai.close();
  await gemini.close();
});

const config = (env: Record<string, string>) =>
  loadConfig({ OPENAI_BASE_URL: openai.baseUrl, GEMINI_BASE_URL: gemini.url, OPENAI_MODEL: 'gpt-4o-mini', GEMINI_MODEL: 'gemini-2.5-flash', ...env });

describe('createClassifier', () => {
  it('auto with OPENAI_API_KEY: OpenAI, through OPENAI_BASE_URL', async () => {
    const classifier = createClassifier(config({ OPENAI_API_KEY: 'sk-1', GEMINI_API_KEY: 'g-1' }));
    expect(classifier).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini' });
    const decision = await classifier.classifyWithMeta(input);
    expect(decision).toMatchObject({ provider: 'openai', result: { kind: 'case', caseType: 'late_order' } });
    expect(openai.state.requests.at(-1)?.headers.authorization).toBe('Bearer sk-1');
  });

  it('auto with only GEMINI_API_KEY: Gemini, through GEMINI_BASE_URL', async () => {
    const classifier = createClassifier(config({ GEMINI_API_KEY: 'g-1' }));
    expect(classifier).toMatchObject({ provider: 'gemini', model: 'gemini-2.5-flash' });
    const decision = await classifier.classifyWithMeta(input);
    expect(decision).toMatchObject({ provider: 'gemini', result: { kind: 'case', caseType: 'late_order' } });
    expect(gemini.state.requests.at(-1)?.headers['x-goog-api-key']).toBe('g-1');
  });

  it('auto without keys: offline only', async () => {
    const classifier = createClassifier(config({}));
    expect(classifier.provider).toBe(new OfflineClassifier().provider);
    const before = openai.state.requests.length + gemini.state.requests.length;
    const decision = await classifier.classifyWithMeta(input);
    expect(decision.fallbackReason).toBeUndefined();
    expect(decision.provider).toBe(classifier.provider);
    expect(openai.state.requests.length + gemini.state.requests.length).toBe(before);
  });

  it('llm without keys: a startup error naming the variables', () => {
    let error: unknown;
    try {
      createClassifier(config({ CLASSIFIER: 'llm' }));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/CLASSIFIER.*OPENAI_API_KEY.*GEMINI_API_KEY/);
  });

  it('llm with a key: that LLM', () => {
    expect(createClassifier(config({ CLASSIFIER: 'llm', GEMINI_API_KEY: 'g-1' })).provider).toBe('gemini');
    expect(createClassifier(config({ CLASSIFIER: 'llm', OPENAI_API_KEY: 'sk-1' })).provider).toBe('openai');
  });

  it('offline: offline only, even with keys', () => {
    expect(createClassifier(config({ CLASSIFIER: 'offline', OPENAI_API_KEY: 'sk-1', GEMINI_API_KEY: 'g-1' })).provider).toBe(new OfflineClassifier().provider);
  });

  it('takes the time limit', async () => {
    const classifier = createClassifier(config({ OPENAI_API_KEY: 'sk-1' }), { timeoutMs: 100 });
    expect(classifier.timeoutMs).toBe(100);
    openai.state.answerNext({ delayMs: 1000, content: '{}' });
    expect((await classifier.classifyWithMeta(input)).fallbackReason).toBe('timeout');
  });
});

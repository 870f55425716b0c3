import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAiApi, type RunningFakeOpenAiApi } from '../dev/fakes/openai-api.ts';
import { FallbackClassifier } from '../core/understanding/fallback-classifier.ts';
import { readPrompt } from '../core/understanding/llm/llm-classifier.ts';
import { OpenAiClassifier, createOpenAiClient } from '../core/understanding/llm/openai-classifier.ts';
import { OfflineClassifier } from '../core/understanding/offline-classifier.ts';
import { taxonomySchema } from '../core/understanding/taxonomy.ts';
import { decideAll, summariseDecisions } from './decisions.ts';
import { predictAll, type EvalMessage } from './run-eval.ts';

/**
 * What `npm run eval` reports of the bot's decisions, measured the same way for the LLM path: the
 * real `openai` client against a local server speaking its wire format, whose model answers what
 * this test says, through the bot's own `decide()`.
 */
const API_KEY = 'sk-test-eval';
const taxonomy = taxonomySchema.parse({
  caseTypes: [
    { key: 'late_order', name: { en: 'Late order' }, examples: ['my order is late'] },
    { key: 'refund', name: { en: 'Refund' }, examples: ['I want my money back'] },
  ],
  bookingTypes: [{ key: 'cooking_class', name: { en: 'Cooking class' }, examples: ['book the cooking class'] }],
  faq: [{ key: 'opening_hours', question: 'What are your opening hours?', answer: '9-18' }],
});

const messages: EvalMessage[] = [
  { id: 'm1', text: 'my parcel never came', kind: 'case', caseType: 'late_order' },
  { id: 'm2', text: 'please give my money back', kind: 'case', caseType: 'refund' },
  { id: 'm3', text: 'two seats at the cooking class on Friday', kind: 'booking', bookingType: 'cooking_class' },
  { id: 'm4', text: 'when do you open?', kind: 'question', faqKey: 'opening_hours' },
  { id: 'm5', text: 'do you sell gift cards?', kind: 'question' },
  { id: 'm6', text: 'what is the weather on Mars', kind: 'other' },
];

/** The model's answer per message: right, wrong, unsure, or acting on what is out of scope. */
const said: Record<string, Record<string, unknown>> = {
  'my parcel never came': { kind: 'case', caseType: 'late_order', confidence: 0.95 },
  'please give my money back': { kind: 'case', caseType: 'late_order', confidence: 0.9 }, // wrong type
  'two seats at the cooking class on Friday': { kind: 'booking', bookingType: 'cooking_class', confidence: 0.6 }, // unsure at 80 %
  'when do you open?': { kind: 'question', faqKey: 'opening_hours', confidence: 0.92 },
  'do you sell gift cards?': { kind: 'question', faqKey: 'opening_hours', confidence: 0.85 }, // an answer to another question
  'what is the weather on Mars': { kind: 'case', caseType: 'refund', confidence: 0.81 }, // out of scope, acted on
};

let fake: RunningFakeOpenAiApi;
beforeAll(async () => {
  fake = await startFakeOpenAiApi({ apiKeys: [API_KEY] });
  fake.state.respondWith((req) => {
    const text = readPrompt(req.system, req.user)?.message ?? '';
    const fields = { orderIds: null, amount: null, currency: null, date: null, time: null, partySize: null };
    return JSON.stringify({ kind: 'other', caseType: null, bookingType: null, faqKey: null, fields, ...said[text] });
  });
});
afterAll(() => fake?.close());

describe("the bot's decisions in the evaluation", () => {
  it('are measured on the LLM path with the same rule as the offline one', async () => {
    const llm = new FallbackClassifier({
      primary: new OpenAiClassifier({ client: createOpenAiClient({ apiKey: API_KEY, baseUrl: fake.baseUrl, timeoutMs: 5000 }), model: 'gpt-4o-mini' }),
      offline: new OfflineClassifier(),
      timeoutMs: 5000,
    });
    const preds = await predictAll(llm, messages, taxonomy);
    // Every answer is the model's (none from the offline fallback).
    expect(preds.map((p) => p.result.confidence)).toEqual([0.95, 0.9, 0.6, 0.92, 0.85, 0.81]);

    const at80 = await decideAll(preds, 0.8);
    expect(at80.map((d) => [d.decision.do, d.outcome, d.right])).toEqual([
      ['open_case', 'acted', true],
      ['open_case', 'acted', false],
      // Unsure of the class, it leans to it (at least 50 %): offered as one tap, the right one.
      ['did_you_mean', 'asked', true],
      ['faq', 'acted', true],
      ['faq', 'acted', false],
      ['open_case', 'acted', false],
    ]);
    expect(summariseDecisions(at80)).toMatchObject({ n: 6, inScope: 5, outOfScope: 1, actedCount: 5, wrongCount: 3, actedInScope: 4 / 5, outOfScopeActed: 1, wrongAmongActed: 3 / 5 });

    // At 93 % only the surest reading is acted on; the rest are asked back.
    const at93 = summariseDecisions(await decideAll(preds, 0.93));
    expect(at93).toMatchObject({ actedCount: 1, wrongCount: 0, actedInScope: 1 / 5, outOfScopeActed: 0, asked: 5 / 6 });
  });

  it('count "did you mean" as asked, and say whether the right one was among the two', async () => {
    const offline = new OfflineClassifier();
    const [p] = await predictAll(offline, [messages[0]], taxonomy);
    const withTwo = { ...p, result: { ...p.result, kind: 'case' as const, otherType: undefined, caseType: 'refund', confidence: 0.9, alternative: { kind: 'case' as const, key: 'late_order' } } };
    const [d] = await decideAll([withTwo], 0.8);
    expect(d).toMatchObject({ outcome: 'asked', right: true, decision: { do: 'did_you_mean' } });
    expect(summariseDecisions([d])).toMatchObject({ didYouMean: 1, didYouMeanRight: 1, actedCount: 0 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAiApi, type RunningFakeOpenAiApi } from '../dev/fakes/openai-api.ts';
import { MAX_EXAMPLES_PER_CLASS, readPrompt } from '../core/understanding/llm/llm-classifier.ts';
import { OpenAiClassifier, createOpenAiClient } from '../core/understanding/llm/openai-classifier.ts';
import { loadEvalMessages, loadEvalTaxonomy, predictAll, summarise } from './run-eval.ts';

/**
 * An evaluation run of the LLM classifier against the fake OpenAI server (the real `openai`
 * client, the Chat Completions wire format): every request carries the taxonomy's example phrases
 * as labelled few-shot examples, and asks for the same structured answer.
 */

const API_KEY = 'sk-test-eval';
let fake: RunningFakeOpenAiApi;

beforeAll(async () => {
  fake = await startFakeOpenAiApi({ apiKeys: [API_KEY] });
});
afterAll(() => fake.close());

describe('npm run eval with an LLM: the prompt', () => {
  it('carries every example phrase of the taxonomy, labelled, on every request', async () => {
    const { taxonomy } = loadEvalTaxonomy();
    const messages = loadEvalMessages().slice(0, 12);
    const llm = new OpenAiClassifier({ client: createOpenAiClient({ apiKey: API_KEY, baseUrl: fake.baseUrl, timeoutMs: 5000 }), model: 'gpt-4o-mini' });

    const preds = await predictAll(llm, messages, taxonomy, 4);

    expect(summarise(preds).n).toBe(12);
    const requests = fake.state.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(requests).toHaveLength(12);
    for (const r of requests) {
      const body = r.body as { messages: { role: string; content: string }[]; response_format: { json_schema: { schema: { required: string[] } } } };
      const system = body.messages.find((m) => m.role === 'system')!.content;
      for (const c of taxonomy.caseTypes) {
        for (const message of c.examples.slice(0, MAX_EXAMPLES_PER_CLASS)) expect(system).toContain(JSON.stringify({ message, kind: 'case', caseType: c.key }));
      }
      for (const b of taxonomy.bookingTypes) {
        for (const message of b.examples.slice(0, MAX_EXAMPLES_PER_CLASS)) expect(system).toContain(JSON.stringify({ message, kind: 'booking', bookingType: b.key }));
      }
      // The same structured answer as before the examples were added.
      expect(body.response_format.json_schema.schema.required.sort()).toEqual(['alternative', 'bookingType', 'caseType', 'confidence', 'faqKey', 'fields', 'kind', 'otherType']);
      const user = body.messages.find((m) => m.role === 'user')!.content;
      expect(readPrompt(system, user)?.taxonomy.caseTypes.map((c) => c.key)).toEqual(taxonomy.caseTypes.map((c) => c.key));
    }
  });
});

import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { taxonomySchema } from '../../core/understanding/taxonomy.ts';
import { startFakeOpenAiApi } from './openai-api.ts';
import type { RunningFakeOpenAiApi } from './openai-api.ts';
import { buildPrompt } from '../../core/understanding/llm/llm-classifier.ts';

// The fake's own wire behaviour, seen through the real `openai` client.

let fake: RunningFakeOpenAiApi;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAiApi({ apiKeys: ['sk-good'], models: ['gpt-4o-mini'] });
  client = new OpenAI({ apiKey: 'sk-good', baseURL: fake.baseUrl, maxRetries: 0 });
});
afterAll(() => fake.close());
afterEach(() => fake.state.reset());

const messages = [{ role: 'user' as const, content: 'hi' }];

describe('fake OpenAI API', () => {
  it('answers a chat completion in OpenAI\'s shape', async () => {
    fake.state.answerNext('{"ok":true}');
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: '{"ok":true}', refusal: null }, finish_reason: 'stop' }],
      usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), total_tokens: expect.any(Number) },
    });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion._request_id).toMatch(/^req_/);
  });

  it('refuses a strict schema OpenAI would refuse', async () => {
    const err = await client.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages,
        response_format: { type: 'json_schema', json_schema: { name: 'x', strict: true, schema: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a'], additionalProperties: false } } },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({
      message: "Invalid schema for response_format 'x': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'b'.",
      type: 'invalid_request_error',
      param: 'response_format',
    });
    const open = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages, response_format: { type: 'json_schema', json_schema: { name: 'x', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } } } })
      .catch((e: unknown) => e);
    expect((open as Error).message).toContain("'additionalProperties' is required to be supplied and to be false");
  });

  it('answers 401 to a wrong key and 404 to an unknown model, with OpenAI error bodies', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-bad', baseURL: fake.baseUrl, maxRetries: 0 });
    const auth = await wrong.chat.completions.create({ model: 'gpt-4o-mini', messages }).catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((auth as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
    const model = await client.chat.completions.create({ model: 'gpt-nope', messages }).catch((e: unknown) => e);
    expect(model).toBeInstanceOf(OpenAI.NotFoundError);
    expect((model as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
  });

  it('answers injected faults as OpenAI does', async () => {
    fake.state.answerNext({ status: 429 });
    const limited = await client.chat.completions.create({ model: 'gpt-4o-mini', messages }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('rate_limit_exceeded');
    fake.state.answerNext({ status: 500 });
    expect(await client.chat.completions.create({ model: 'gpt-4o-mini', messages }).catch((e: unknown) => e)).toBeInstanceOf(OpenAI.InternalServerError);
  });

  it('by default answers our prompt with a plausible classification from the taxonomy keywords', async () => {
    const taxonomy = taxonomySchema.parse({
      caseTypes: [{ key: 'late_order', name: { en: 'Late order' }, keywords: ['late', 'ยังไม่ได้รับ'] }],
      bookingTypes: [{ key: 'cooking_class', name: { en: 'Cooking class' }, keywords: ['cooking'] }],
    });
    const ask = async (text: string) => {
      const prompt = buildPrompt({ text, taxonomy });
      const completion = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: prompt.system },
          { role: 'user', content: prompt.user },
        ],
      });
      return JSON.parse(completion.choices[0].message.content!);
    };
    expect(await ask('สั่งของไปยังไม่ได้รับเลยค่ะ')).toMatchObject({ kind: 'case', caseType: 'late_order' });
    expect(await ask('I would like to join the cooking class')).toMatchObject({ kind: 'booking', bookingType: 'cooking_class' });
    expect(await ask('thank you!')).toMatchObject({ kind: 'other', caseType: null });
  });

  it('lists models', async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual(['gpt-4o-mini']);
  });
});

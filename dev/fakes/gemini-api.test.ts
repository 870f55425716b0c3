import { ApiError, GoogleGenAI } from '@google/genai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGeminiApi } from './gemini-api.ts';
import type { RunningFakeGeminiApi } from './gemini-api.ts';

// The fake's own wire behaviour, seen through the real `@google/genai` client.

let fake: RunningFakeGeminiApi;
let ai: GoogleGenAI;
const model = 'gemini-2.5-flash';

beforeAll(async () => {
  fake = await startFakeGeminiApi({ apiKeys: ['good-key'], models: [model] });
  ai = new GoogleGenAI({ apiKey: 'good-key', vertexai: false, httpOptions: { baseUrl: fake.url } });
});
afterAll(() => fake.close());
afterEach(() => fake.state.reset());

async function apiError(p: Promise<unknown>): Promise<{ status: number; body: any }> {
  const err = await p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return { status: (err as ApiError).status, body: JSON.parse((err as ApiError).message) };
}

describe('fake Gemini API', () => {
  it('answers generateContent in Gemini\'s shape and records the request', async () => {
    fake.state.answerNext('{"ok":true}');
    const response = await ai.models.generateContent({
      model,
      contents: 'hello',
      config: { systemInstruction: 'be brief', responseMimeType: 'application/json', responseJsonSchema: { type: 'object', properties: { ok: { type: 'boolean' } } } },
    });
    expect(response.text).toBe('{"ok":true}');
    expect(response.candidates?.[0]).toMatchObject({ finishReason: 'STOP', content: { role: 'model' } });
    expect(response.usageMetadata?.totalTokenCount).toBeGreaterThan(0);
    expect(fake.state.requests[0]).toMatchObject({ method: 'POST', path: `/v1beta/models/${model}:generateContent`, headers: { 'x-goog-api-key': 'good-key' } });
    expect(fake.state.lastModelRequest()).toMatchObject({ provider: 'gemini', model, system: 'be brief', user: 'hello', jsonSchema: { type: 'object' } });
  });

  it('takes the key as ?key= too', async () => {
    const res = await fetch(`${fake.url}/v1beta/models/${model}:generateContent?key=good-key`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(res.status).toBe(200);
  });

  it('answers errors with Google\'s error bodies', async () => {
    const wrong = new GoogleGenAI({ apiKey: 'bad', vertexai: false, httpOptions: { baseUrl: fake.url } });
    const auth = await apiError(wrong.models.generateContent({ model, contents: 'x' }));
    expect(auth).toMatchObject({ status: 400, body: { error: { code: 400, status: 'INVALID_ARGUMENT', message: 'API key not valid. Please pass a valid API key.' } } });
    expect(auth.body.error.details[0].reason).toBe('API_KEY_INVALID');

    const unknown = await apiError(ai.models.generateContent({ model: 'gemini-0', contents: 'x' }));
    expect(unknown).toMatchObject({ status: 404, body: { error: { status: 'NOT_FOUND' } } });

    fake.state.answerNext({ status: 429 });
    expect(await apiError(ai.models.generateContent({ model, contents: 'x' }))).toMatchObject({ status: 429, body: { error: { code: 429, status: 'RESOURCE_EXHAUSTED' } } });
    fake.state.answerNext({ status: 500 });
    expect(await apiError(ai.models.generateContent({ model, contents: 'x' }))).toMatchObject({ status: 500, body: { error: { status: 'INTERNAL' } } });
  });

  it('refuses a response schema without the JSON MIME type', async () => {
    const bad = await apiError(ai.models.generateContent({ model, contents: 'x', config: { responseJsonSchema: { type: 'object' } } }));
    expect(bad).toMatchObject({ status: 400, body: { error: { status: 'INVALID_ARGUMENT' } } });
  });
});

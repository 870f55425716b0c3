import { ApiError, GoogleGenAI } from '@google/genai';
import type { GenerateContentResponse } from '@google/genai';
import type { Classification, ClassifyInput, Classifier } from '../classification.ts';
import { ClassifierFailure, classifyWithLlm, failureForStatus } from './llm-classifier.ts';
import type { ClassifyOptions, LlmPrompt } from './llm-classifier.ts';

/** Gemini through `@google/genai` (the Gemini Developer API, not Vertex), with `responseJsonSchema`. */

/**
 * The real client. `baseUrl` is the origin (`https://generativelanguage.googleapis.com`); the SDK
 * adds `/v1beta/models/{model}:generateContent` and sends the key as `x-goog-api-key`. The SDK does
 * not retry unless told to.
 */
export function createGeminiClient(opts: { apiKey: string; baseUrl?: string; timeoutMs: number }): GoogleGenAI {
  return new GoogleGenAI({
    apiKey: opts.apiKey,
    vertexai: false,
    httpOptions: { ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}), timeout: opts.timeoutMs },
  });
}

export interface GeminiClassifierOptions {
  client: GoogleGenAI;
  model: string;
  temperature?: number;
}

export class GeminiClassifier implements Classifier {
  readonly provider = 'gemini';
  readonly model: string;
  readonly #client: GoogleGenAI;
  readonly #temperature: number;

  constructor(opts: GeminiClassifierOptions) {
    this.#client = opts.client;
    this.model = opts.model;
    this.#temperature = opts.temperature ?? 0;
  }

  classify(input: ClassifyInput, opts: ClassifyOptions = {}): Promise<Classification> {
    return classifyWithLlm(input, (prompt, signal) => this.#complete(prompt, signal, opts.onTokens), opts);
  }

  async #complete(prompt: LlmPrompt, signal: AbortSignal | undefined, onTokens: ((tokens: number) => void) | undefined): Promise<string | undefined> {
    let response: GenerateContentResponse;
    try {
      response = await this.#client.models.generateContent({
        model: this.model,
        contents: [{ role: 'user', parts: [{ text: prompt.user }] }],
        config: {
          systemInstruction: prompt.system,
          responseMimeType: 'application/json',
          responseJsonSchema: prompt.jsonSchema,
          temperature: this.#temperature,
          candidateCount: 1,
          ...(signal ? { abortSignal: signal } : {}),
        },
      });
    } catch (err) {
      throw geminiFailure(err);
    }
    if (response.usageMetadata?.totalTokenCount) onTokens?.(response.usageMetadata.totalTokenCount);
    if (response.promptFeedback?.blockReason) throw new ClassifierFailure('refused', `prompt blocked: ${response.promptFeedback.blockReason}`);
    const candidate = response.candidates?.[0];
    if (!candidate) throw new ClassifierFailure('empty_answer', 'no candidates');
    const finish = candidate.finishReason;
    if (finish === 'MAX_TOKENS') throw new ClassifierFailure('truncated', 'finishReason MAX_TOKENS');
    if (finish && finish !== 'STOP') throw new ClassifierFailure('refused', `finishReason ${finish}`);
    // Thought parts are not the answer.
    const text = (candidate.content?.parts ?? [])
      .filter((p) => typeof p.text === 'string' && !p.thought)
      .map((p) => p.text)
      .join('');
    return text;
  }
}

function geminiFailure(err: unknown): ClassifierFailure {
  if (err instanceof ClassifierFailure) return err;
  if (err instanceof ApiError) {
    // Gemini answers a wrong key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID.
    if (err.message.includes('API_KEY_INVALID')) return new ClassifierFailure('unauthorized', `HTTP ${err.status} API_KEY_INVALID`, { status: err.status, cause: err });
    return failureForStatus(err.status, err);
  }
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) {
    return new ClassifierFailure('timeout', 'aborted', { cause: err });
  }
  if (err instanceof SyntaxError) return new ClassifierFailure('invalid_json', 'response body is not JSON', { cause: err });
  if (err instanceof TypeError) return new ClassifierFailure('network_error', err.message, { cause: err });
  return new ClassifierFailure('error', err instanceof Error ? err.name : 'unknown error', { cause: err });
}

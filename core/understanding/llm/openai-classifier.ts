import OpenAI from 'openai';
import type { Classification, ClassifyInput, Classifier } from '../classification.ts';
import { ClassifierFailure, classifyWithLlm, failureForStatus } from './llm-classifier.ts';
import type { ClassifyOptions, LlmPrompt } from './llm-classifier.ts';

/**
 * OpenAI Chat Completions, or any server speaking it (Ollama, vLLM: `OPENAI_BASE_URL`), with
 * structured output (`response_format: json_schema`, strict).
 */

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/**
 * The real client. `baseUrl` includes the API version, as the SDK expects
 * (`https://api.openai.com/v1`, `http://localhost:11434/v1`). No retries: a failed call goes to
 * the offline classifier at once, the customer is not kept waiting.
 */
export function createOpenAiClient(opts: { apiKey: string; baseUrl?: string; timeoutMs: number }): OpenAI {
  return new OpenAI({
    apiKey: opts.apiKey,
    // Explicit, so the SDK never falls back to reading the environment itself.
    baseURL: opts.baseUrl ?? DEFAULT_OPENAI_BASE_URL,
    organization: null,
    project: null,
    timeout: opts.timeoutMs,
    maxRetries: 0,
  });
}

export interface OpenAiClassifierOptions {
  client: OpenAI;
  model: string;
  /**
   * Sent only when set: reasoning models (o-series, gpt-5) refuse any temperature but the default.
   */
  temperature?: number;
}

export class OpenAiClassifier implements Classifier {
  readonly provider = 'openai';
  readonly model: string;
  readonly #client: OpenAI;
  readonly #temperature: number | undefined;

  constructor(opts: OpenAiClassifierOptions) {
    this.#client = opts.client;
    this.model = opts.model;
    this.#temperature = opts.temperature;
  }

  classify(input: ClassifyInput, opts: ClassifyOptions = {}): Promise<Classification> {
    return classifyWithLlm(input, (prompt, signal) => this.#complete(prompt, signal, opts.onTokens), opts);
  }

  async #complete(prompt: LlmPrompt, signal: AbortSignal | undefined, onTokens: ((tokens: number) => void) | undefined): Promise<string | null> {
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await this.#client.chat.completions.create(
        {
          model: this.model,
          messages: [
            { role: 'system', content: prompt.system },
            { role: 'user', content: prompt.user },
          ],
          response_format: { type: 'json_schema', json_schema: { name: prompt.schemaName, strict: true, schema: prompt.jsonSchema } },
          ...(this.#temperature !== undefined ? { temperature: this.#temperature } : {}),
        },
        { signal },
      );
    } catch (err) {
      throw openAiFailure(err);
    }
    if (completion.usage?.total_tokens) onTokens?.(completion.usage.total_tokens);
    const choice = completion.choices?.[0];
    if (!choice) throw new ClassifierFailure('empty_answer', 'no choices');
    if (choice.message?.refusal) throw new ClassifierFailure('refused', 'the model refused');
    if (choice.finish_reason === 'length') throw new ClassifierFailure('truncated', 'finish_reason length');
    if (choice.finish_reason === 'content_filter') throw new ClassifierFailure('refused', 'finish_reason content_filter');
    return choice.message?.content ?? null;
  }
}

function openAiFailure(err: unknown): ClassifierFailure {
  if (err instanceof ClassifierFailure) return err;
  if (err instanceof OpenAI.APIUserAbortError) return new ClassifierFailure('timeout', 'aborted', { cause: err });
  if (err instanceof OpenAI.APIConnectionTimeoutError) return new ClassifierFailure('timeout', 'request timed out', { cause: err });
  if (err instanceof OpenAI.APIConnectionError) return new ClassifierFailure('network_error', err.message, { cause: err });
  if (err instanceof OpenAI.APIError && typeof err.status === 'number') return failureForStatus(err.status, err);
  // The SDK parses the body itself: a 200 whose body is not JSON surfaces here.
  if (err instanceof SyntaxError) return new ClassifierFailure('invalid_json', 'response body is not JSON', { cause: err });
  return new ClassifierFailure('error', err instanceof Error ? err.name : 'unknown error', { cause: err });
}

import { ConfigError } from '../config.ts';
import type { Config } from '../config.ts';
import type { Classifier } from './classification.ts';
import { DEFAULT_LLM_TIMEOUT_MS, FallbackClassifier } from './fallback-classifier.ts';
import type { AbortableClassifier } from './fallback-classifier.ts';
import { GeminiClassifier, createGeminiClient } from './llm/gemini-classifier.ts';
import { OpenAiClassifier, createOpenAiClient } from './llm/openai-classifier.ts';

export type ClassifierConfig = Pick<Config, 'classifier' | 'openai' | 'gemini'>;

export interface CreateClassifierOptions {
  /** The LLM's time limit before the offline classifier answers; default 8 s. */
  timeoutMs?: number;
  /** Default: `new OfflineClassifier()`. */
  offline?: Classifier;
}

/**
 * The classifier `CLASSIFIER` asks for, always behind the offline fallback:
 * - `auto`: OpenAI (or compatible) when `OPENAI_API_KEY` is set, else Gemini when
 *   `GEMINI_API_KEY` is set, else offline only;
 * - `llm`: the same choice, but without either key it is a startup error (`ConfigError`);
 * - `offline`: offline only, even with keys.
 * Call once at startup and share: it holds the HTTP client.
 */
export function createClassifier(config: ClassifierConfig, opts: CreateClassifierOptions = {}): FallbackClassifier {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  const primary = config.classifier === 'offline' ? undefined : llmFor(config, timeoutMs);
  if (config.classifier === 'llm' && !primary) {
    throw new ConfigError([
      { variable: 'CLASSIFIER', message: 'is "llm", but neither OPENAI_API_KEY nor GEMINI_API_KEY is set (set one, or use CLASSIFIER=auto or offline)' },
    ]);
  }
  return new FallbackClassifier({ primary, offline: opts.offline, timeoutMs });
}

function llmFor(config: ClassifierConfig, timeoutMs: number): AbortableClassifier | undefined {
  // The SDK's own limit is a backstop a little beyond ours, so that our timer decides and reports.
  const sdkTimeoutMs = timeoutMs + 1000;
  if (config.openai.apiKey) {
    const client = createOpenAiClient({ apiKey: config.openai.apiKey, baseUrl: config.openai.baseUrl, timeoutMs: sdkTimeoutMs });
    return new OpenAiClassifier({ client, model: config.openai.model });
  }
  if (config.gemini.apiKey) {
    const client = createGeminiClient({ apiKey: config.gemini.apiKey, baseUrl: config.gemini.baseUrl, timeoutMs: sdkTimeoutMs });
    return new GeminiClassifier({ client, model: config.gemini.model });
  }
  return undefined;
}

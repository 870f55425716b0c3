import { performance } from 'node:perf_hooks';
import { classificationSchema } from './classification.ts';
import type { Classification, ClassifyInput, Classifier } from './classification.ts';
import { ClassifierFailure, failureForStatus } from './llm/llm-classifier.ts';
import { DEFAULT_TIME_ZONE } from '../time/org-time.ts';
import type { ClassifyOptions, FallbackReason } from './llm/llm-classifier.ts';
import { extractFields } from './extract-fields.ts';
import { OfflineClassifier } from './offline-classifier.ts';

export type { FallbackReason };

/** How long the LLM may take before the offline classifier answers instead. */
export const DEFAULT_LLM_TIMEOUT_MS = 8000;

/** A classifier whose call can be cancelled (the LLM adapters); a plain `Classifier` fits too. */
export interface AbortableClassifier extends Classifier {
  classify(input: ClassifyInput, opts?: ClassifyOptions): Promise<Classification>;
}

/** What is stored with every decision (DESIGN.md decision 9). */
export interface ClassificationDecision {
  result: Classification;
  /** Who made the decision that was used: `openai`, `gemini` or `offline`. */
  provider: string;
  model: string;
  /** From the call to the result, including a failed LLM attempt before a fallback. */
  latencyMs: number;
  /** Set when the LLM was tried and the offline classifier answered instead. */
  fallbackReason?: FallbackReason;
  /** Statuses, keys, schema paths: never the customer's text. */
  fallbackDetail?: string;
  /** The LLM that was tried, and how long it took to fail. */
  attempted?: { provider: string; model: string; latencyMs: number };
  /** The tokens the LLM's provider reported for this decision, answered or not (absent: not asked or not said). */
  llmTokens?: number;
}

export interface FallbackClassifierOptions {
  /** The LLM; without one, the offline classifier answers alone. */
  primary?: AbortableClassifier;
  /** Default: `new OfflineClassifier()`. */
  offline?: Classifier;
  /** Default `DEFAULT_LLM_TIMEOUT_MS`. */
  timeoutMs?: number;
}

/**
 * Tries the LLM and, on any failure (error, timeout, 429, invalid JSON, schema mismatch, unknown
 * key), answers with the offline classifier and says why. Never throws because of the LLM; only an
 * offline failure propagates.
 */
export class FallbackClassifier implements Classifier {
  readonly #primary: AbortableClassifier | undefined;
  readonly #offline: Classifier;
  readonly timeoutMs: number;

  constructor(opts: FallbackClassifierOptions = {}) {
    this.#primary = opts.primary;
    this.#offline = opts.offline ?? new OfflineClassifier();
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  }

  /** No LLM to ask: every reading is the offline classifier's, a few milliseconds of this process's time. */
  get readsOffline(): boolean {
    return !this.#primary;
  }

  /** The provider tried first. */
  get provider(): string {
    return (this.#primary ?? this.#offline).provider;
  }

  get model(): string {
    return (this.#primary ?? this.#offline).model;
  }

  async classify(input: ClassifyInput): Promise<Classification> {
    return (await this.classifyWithMeta(input)).result;
  }

  /** `llm: false`: the business's LLM budget is used up, the offline classifier answers and says so. */
  async classifyWithMeta(input: ClassifyInput, o: { llm?: boolean } = {}): Promise<ClassificationDecision> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const primary = this.#primary;
    if (!primary) {
      const result = await this.#classifyOffline(input);
      return { result, provider: this.#offline.provider, model: this.#offline.model, latencyMs: elapsed() };
    }
    if (o.llm === false) {
      const result = await this.#classifyOffline(input);
      return { result, provider: this.#offline.provider, model: this.#offline.model, latencyMs: elapsed(), fallbackReason: 'llm_budget' };
    }

    let failure: ClassifierFailure;
    let tokens = 0;
    const used = () => (tokens > 0 ? { llmTokens: tokens } : {});
    try {
      const result = await this.#withTimeout(primary, input, (n) => (tokens += n));
      return { result, provider: primary.provider, model: primary.model, latencyMs: elapsed(), ...used() };
    } catch (err) {
      failure = asFailure(err);
    }
    const attempted = { provider: primary.provider, model: primary.model, latencyMs: elapsed() };
    const result = await this.#classifyOffline(input);
    return {
      result,
      provider: this.#offline.provider,
      model: this.#offline.model,
      latencyMs: elapsed(),
      fallbackReason: failure.reason,
      ...(failure.detail ? { fallbackDetail: failure.detail } : {}),
      attempted,
      ...used(),
    };
  }

  /**
   * The offline answer, with the deterministic fields filled in where it left them empty, so that
   * every decision carries what `extractFields` finds, whichever classifier made it.
   */
  async #classifyOffline(input: ClassifyInput): Promise<Classification> {
    const result = await this.#offline.classify(input);
    let extracted;
    try {
      extracted = extractFields(input.text, { now: input.now ?? new Date(), timeZone: input.timeZone ?? DEFAULT_TIME_ZONE, orderIdPatterns: input.orderIdPatterns });
    } catch {
      return result;
    }
    const fields: Record<string, unknown> = { ...result.fields };
    for (const [key, value] of Object.entries(extracted)) if (fields[key] === undefined) fields[key] = value;
    return { ...result, fields: fields as Classification['fields'] };
  }

  async #withTimeout(primary: AbortableClassifier, input: ClassifyInput, onTokens: (tokens: number) => void): Promise<Classification> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new ClassifierFailure('timeout', `no answer within ${this.timeoutMs} ms`));
        controller.abort();
      }, this.timeoutMs);
    });
    try {
      const call = primary.classify(input, { signal: controller.signal, onTokens });
      // The race may be lost by the call: its later rejection (the abort) must not go unhandled.
      call.catch(() => {});
      const result = await Promise.race([call, timedOut]);
      const checked = classificationSchema.safeParse(result);
      if (!checked.success) throw new ClassifierFailure('schema_mismatch', 'result does not match the classification contract');
      return checked.data;
    } finally {
      clearTimeout(timer);
    }
  }
}

function asFailure(err: unknown): ClassifierFailure {
  if (err instanceof ClassifierFailure) return err;
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 600) return failureForStatus(status, err);
  return new ClassifierFailure('error', err instanceof Error ? err.name : 'unknown error', { cause: err });
}

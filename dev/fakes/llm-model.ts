import { EventEmitter } from 'node:events';
import type { Context } from 'koa';
import { readPrompt } from '../../core/understanding/llm/llm-classifier.ts';
import { flatHeaders, parseMaybeJson, readRaw } from './server-kit.ts';

/**
 * The model behind both fake LLM providers (OpenAI, Gemini): what a request looks like once its
 * provider's wire format is read, what the model answers (a test's function, a fault, or a
 * plausible answer made from the prompt's taxonomy), and the requests it recorded.
 */

/** A request as the model sees it, whichever provider's format it came in. */
export interface ModelRequest {
  provider: 'openai' | 'gemini';
  model: string;
  /** System instruction(s), joined. */
  system: string;
  /** User turn(s), joined. */
  user: string;
  /** The JSON Schema that structured output was requested with; undefined when none was. */
  jsonSchema: Record<string, unknown> | undefined;
  /** The request body as sent. */
  body: Record<string, unknown>;
}

/**
 * What the model does with a request: a string is the model's text. An object can instead
 * refuse, stop early (`finishReason` in the provider's own words: `length`, `MAX_TOKENS`...),
 * answer an HTTP error (`status`, with the provider's error body unless `body` is given), answer
 * a raw body, or wait first (`delayMs`).
 */
export type ModelReply =
  | string
  | {
      content?: string;
      refusal?: string;
      finishReason?: string;
      status?: number;
      body?: unknown;
      /** The response body as raw text (e.g. not JSON); `status` defaults to 200. */
      rawBody?: string;
      headers?: Record<string, string>;
      delayMs?: number;
    };

export type ModelResponder = (request: ModelRequest) => ModelReply | Promise<ModelReply>;

export interface RecordedModelRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON, or the text when it is not JSON. */
  body: unknown;
  /** Set for generate requests that were understood. */
  model?: ModelRequest;
  status?: number;
  at: number;
}

export interface FakeModelOptions {
  /** Accepted API keys; unset: any non-empty key. */
  apiKeys?: string[];
  /** Known models; unset: any model name. */
  models?: string[];
  /** Default `defaultModelAnswer`. */
  respond?: ModelResponder;
}

type ModelEvents = { request: [RecordedModelRequest] };

export class FakeModelState extends EventEmitter<ModelEvents> {
  readonly requests: RecordedModelRequest[] = [];
  apiKeys: Set<string> | undefined;
  models: Set<string> | undefined;
  #respond: ModelResponder;
  readonly #defaultRespond: ModelResponder;
  #queued: { reply: ModelReply; remaining: number }[] = [];

  constructor(opts: FakeModelOptions = {}) {
    super();
    this.apiKeys = opts.apiKeys ? new Set(opts.apiKeys) : undefined;
    this.models = opts.models ? new Set(opts.models) : undefined;
    this.#defaultRespond = opts.respond ?? defaultModelAnswer;
    this.#respond = this.#defaultRespond;
  }

  /** How the model answers from now on. */
  respondWith(respond: ModelResponder): void {
    this.#respond = respond;
  }

  /** The next `times` generate requests get `reply`, before `respondWith`'s function is asked. */
  answerNext(reply: ModelReply, times = 1): void {
    this.#queued.push({ reply, remaining: times });
  }

  /** Generate requests that were understood, oldest first. */
  modelRequests(): ModelRequest[] {
    return this.requests.flatMap((r) => (r.model ? [r.model] : []));
  }

  lastModelRequest(): ModelRequest | undefined {
    return this.modelRequests().at(-1);
  }

  isAcceptedKey(key: string | undefined): boolean {
    if (!key) return false;
    return this.apiKeys === undefined || this.apiKeys.has(key);
  }

  isKnownModel(model: string): boolean {
    return this.models === undefined || this.models.has(model);
  }

  /** Forgets requests and queued replies, and restores the default answer. */
  reset(): void {
    this.requests.length = 0;
    this.#queued = [];
    this.#respond = this.#defaultRespond;
  }

  /** @internal */
  async replyTo(request: ModelRequest): Promise<Exclude<ModelReply, string>> {
    const next = this.#queued[0];
    let reply: ModelReply;
    if (next) {
      if (--next.remaining <= 0) this.#queued.shift();
      reply = next.reply;
    } else {
      reply = await this.#respond(request);
    }
    return typeof reply === 'string' ? { content: reply } : reply;
  }

  /** @internal */
  record(request: RecordedModelRequest): void {
    this.requests.push(request);
    this.emit('request', request);
  }
}

/**
 * A plausible answer without a model, for evaluation: the taxonomy entry whose keywords, names or
 * examples occur most in the message; a question when it ends with a question mark; else "other".
 * Answers `{}`-shaped nonsense to prompts that are not ours, like a model would.
 */
export function defaultModelAnswer(request: ModelRequest): string {
  const prompt = readPrompt(request.system, request.user);
  const empty = { orderIds: null, amount: null, currency: null, date: null, time: null, partySize: null };
  const answer = (kind: string, keys: { caseType?: string; bookingType?: string; faqKey?: string }, confidence: number) =>
    JSON.stringify({ kind, caseType: keys.caseType ?? null, bookingType: keys.bookingType ?? null, faqKey: keys.faqKey ?? null, confidence, fields: empty });
  if (!prompt) return answer('other', {}, 0.2);
  const text = prompt.message.toLowerCase();
  const score = (terms: (string | undefined)[]) => terms.filter((t): t is string => !!t && t.length > 1 && text.includes(t.toLowerCase())).length;
  const best = (entries: { key: string; terms: (string | undefined)[] }[]) =>
    entries.map((e) => ({ key: e.key, score: score(e.terms) })).sort((a, b) => b.score - a.score)[0];
  const terms = (e: { name: { en?: string; th?: string }; keywords: string[]; examples: string[] }) => [e.name.en, e.name.th, ...e.keywords, ...e.examples];
  const caseHit = best(prompt.taxonomy.caseTypes.map((e) => ({ key: e.key, terms: terms(e) })));
  const bookingHit = best(prompt.taxonomy.bookingTypes.map((e) => ({ key: e.key, terms: terms(e) })));
  if (caseHit && caseHit.score > 0 && caseHit.score >= (bookingHit?.score ?? 0)) return answer('case', { caseType: caseHit.key }, 0.7);
  if (bookingHit && bookingHit.score > 0) return answer('booking', { bookingType: bookingHit.key }, 0.7);
  if (/[?？]\s*$/.test(prompt.message.trim()) || /ไหม|มั้ย|อย่างไร|ยังไง|เท่าไหร่/.test(prompt.message)) {
    const faqHit = best(prompt.taxonomy.faq.map((f) => ({ key: f.key, terms: f.question.split(/\s+/).filter((w) => w.length > 3) })));
    return answer('question', faqHit && faqHit.score > 1 ? { faqKey: faqHit.key } : {}, 0.6);
  }
  return answer('other', {}, 0.5);
}

/** A rough count (four characters a token), enough for usage fields. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Records every request in the state (both fakes): what the tests read back to check the prompt. */
export function recordRequests(state: FakeModelState) {
  return async (ctx: Context, next: () => Promise<unknown>) => {
    const raw = await readRaw(ctx);
    ctx.state.rawBody = raw;
    const record: RecordedModelRequest = {
      method: ctx.method,
      path: ctx.path,
      query: Object.fromEntries(new URLSearchParams(ctx.querystring)),
      headers: flatHeaders(ctx.headers),
      body: parseMaybeJson(raw),
      at: Date.now(),
    };
    ctx.state.record = record;
    state.record(record);
    try {
      await next();
    } finally {
      record.status = ctx.status;
    }
  };
}

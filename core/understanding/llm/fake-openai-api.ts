import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import Koa from 'koa';
import type { Context } from 'koa';
import Router from '@koa/router';
import { startFake, type RunningFake } from '../../http/listen-on-loopback.ts';
import { readPrompt } from './llm-classifier.ts';
import { readRaw, parseMaybeJson, flatHeaders, sleep } from '../../http/fake-server-kit.ts';

/**
 * A local stand-in for OpenAI's Chat Completions API (and so for any OpenAI-compatible server),
 * speaking its wire format, so the real `openai` client can be pointed at it with `baseURL`
 * (`${url}/v1`). The test (or whoever evaluates the product) decides what the model answers:
 * a function from the request to the model's text, or a fault (an HTTP error, a delay, text that
 * is not JSON). Requests are recorded, prompts included.
 */

// ---- what both fake LLM providers share ----

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

// ---- OpenAI ----

/** OpenAI's error body. */
function openAiError(message: string, type: string, code: string | null = null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

function defaultOpenAiError(status: number, model: string) {
  switch (status) {
    case 401:
      return openAiError('Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key');
    case 429:
      return openAiError(
        `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
        'requests',
        'rate_limit_exceeded',
      );
    case 500:
      return openAiError('The server had an error while processing your request. Sorry about that!', 'server_error');
    case 503:
      return openAiError('The engine is currently overloaded, please try again later', 'server_error');
    default:
      return openAiError(`Request failed with status ${status}`, status >= 500 ? 'server_error' : 'invalid_request_error');
  }
}

export function createFakeOpenAiApi(opts: FakeModelOptions = {}): { app: Koa; state: FakeModelState } {
  const state = new FakeModelState(opts);
  const app = new Koa();
  app.silent = true;

  app.use(recordRequests(state));
  app.use(async (ctx, next) => {
    ctx.set('x-request-id', `req_${randomBytes(16).toString('hex')}`);
    ctx.set('openai-version', '2020-10-01');
    await next();
  });

  // Authentication comes first on every route, as with OpenAI.
  app.use(async (ctx, next) => {
    const match = /^Bearer (.+)$/.exec(ctx.get('authorization'));
    if (!match) {
      return answer(ctx, 401, openAiError("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error'));
    }
    if (!state.isAcceptedKey(match[1])) return answer(ctx, 401, defaultOpenAiError(401, ''));
    await next();
  });

  const router = new Router();

  router.post('/v1/chat/completions', async (ctx) => {
    const started = Date.now();
    const body = jsonObject(ctx);
    if (!body) return;
    const problem = validateChatRequest(body);
    if (problem) return answer(ctx, 400, problem);
    const model = body.model as string;
    if (!state.isKnownModel(model)) {
      return answer(ctx, 404, openAiError(`The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found'));
    }
    const request = toModelRequest(body);
    (ctx.state.record as RecordedModelRequest).model = request;

    const reply = await state.replyTo(request);
    if (reply.delayMs) await sleep(reply.delayMs);
    for (const [k, v] of Object.entries(reply.headers ?? {})) ctx.set(k, v);
    ctx.set('openai-processing-ms', String(Date.now() - started));
    if (reply.rawBody !== undefined) {
      ctx.status = reply.status ?? 200;
      ctx.type = 'application/json';
      ctx.body = reply.rawBody;
      return;
    }
    if (reply.status !== undefined && reply.status >= 400) return answer(ctx, reply.status, reply.body ?? defaultOpenAiError(reply.status, model));
    if (reply.body !== undefined) return answer(ctx, reply.status ?? 200, reply.body);

    const content = reply.refusal !== undefined ? null : (reply.content ?? '');
    const promptTokens = estimateTokens(request.system + request.user);
    const completionTokens = estimateTokens(content ?? reply.refusal ?? '');
    answer(ctx, 200, {
      id: `chatcmpl-${randomBytes(12).toString('base64url')}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: reply.refusal ?? null, annotations: [] },
          logprobs: null,
          finish_reason: reply.finishReason ?? 'stop',
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
      service_tier: 'default',
      system_fingerprint: 'fp_fake',
    });
  });

  router.get('/v1/models', (ctx) => {
    const ids = state.models ? [...state.models] : ['gpt-4o-mini'];
    answer(ctx, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'system' })) });
  });

  app.use(router.routes());
  app.use((ctx) => answer(ctx, 404, openAiError(`Invalid URL (${ctx.method} ${ctx.path})`, 'invalid_request_error')));
  return { app, state };
}

export type RunningFakeOpenAiApi = RunningFake<FakeModelState> & {
  /** `${url}/v1`: what OPENAI_BASE_URL is set to (the `openai` client's `baseURL`). */
  baseUrl: string;
};

export async function startFakeOpenAiApi(opts: FakeModelOptions & { port?: number; host?: string } = {}): Promise<RunningFakeOpenAiApi> {
  const running = await startFake(createFakeOpenAiApi, opts);
  return { ...running, baseUrl: `${running.url}/v1` };
}

function validateChatRequest(body: Record<string, unknown>) {
  if (typeof body.model !== 'string' || body.model === '') return openAiError('you must provide a model parameter', 'invalid_request_error');
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return openAiError("[] is too short - 'messages'", 'invalid_request_error', 'empty_array', 'messages');
  }
  for (const [i, m] of (body.messages as unknown[]).entries()) {
    const msg = m as { role?: unknown; content?: unknown } | null;
    if (!msg || !['system', 'developer', 'user', 'assistant', 'tool'].includes(String(msg.role))) {
      return openAiError(`Invalid value: '${String(msg?.role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`, 'invalid_request_error', 'invalid_value', `messages.[${i}].role`);
    }
  }
  const format = body.response_format as { type?: unknown; json_schema?: Record<string, unknown> } | undefined;
  if (format === undefined || format === null) return undefined;
  if (!['text', 'json_object', 'json_schema'].includes(String(format.type))) {
    return openAiError(`Invalid value: '${String(format.type)}'. Supported values are: 'json_object', 'json_schema' and 'text'.`, 'invalid_request_error', 'invalid_value', 'response_format.type');
  }
  if (format.type !== 'json_schema') return undefined;
  const spec = format.json_schema;
  if (!spec || typeof spec.name !== 'string') return openAiError("Missing required parameter: 'response_format.json_schema.name'.", 'invalid_request_error', 'missing_required_parameter', 'response_format.json_schema.name');
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(spec.name)) {
    return openAiError(`Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`, 'invalid_request_error', 'invalid_value', 'response_format.json_schema.name');
  }
  if (spec.strict === true) {
    const problem = strictSchemaProblem(spec.schema, []);
    if (problem) return openAiError(`Invalid schema for response_format '${spec.name}': ${problem}`, 'invalid_request_error', null, 'response_format');
  }
  return undefined;
}

/** The rules of OpenAI's strict structured outputs that a schema generator can break. */
function strictSchemaProblem(schema: unknown, context: string[]): string | undefined {
  const where = `In context=(${context.map((c) => `'${c}'`).join(', ')})`;
  if (!schema || typeof schema !== 'object') return `${where}, schema must be a JSON Schema of 'type: \"object\"', got 'type: \"None\"'.`;
  const s = schema as Record<string, unknown>;
  if (context.length === 0 && s.type !== 'object') return `schema must be a JSON Schema of 'type: "object"', got 'type: "${String(s.type)}"'.`;
  if (s.type === 'object' || s.properties) {
    if (s.additionalProperties !== false) return `${where}, 'additionalProperties' is required to be supplied and to be false.`;
    const keys = Object.keys((s.properties as Record<string, unknown>) ?? {});
    const required = Array.isArray(s.required) ? (s.required as string[]) : [];
    const missing = keys.find((k) => !required.includes(k));
    if (missing !== undefined) return `${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
    for (const k of keys) {
      const p = strictSchemaProblem((s.properties as Record<string, unknown>)[k], [...context, 'properties', k]);
      if (p) return p;
    }
  }
  if (s.items) {
    const p = strictSchemaProblem(s.items, [...context, 'items']);
    if (p) return p;
  }
  if (Array.isArray(s.anyOf)) {
    for (const [i, sub] of (s.anyOf as unknown[]).entries()) {
      const p = strictSchemaProblem(sub, [...context, 'anyOf', String(i)]);
      if (p) return p;
    }
  }
  return undefined;
}

function toModelRequest(body: Record<string, unknown>): ModelRequest {
  const messages = body.messages as { role: string; content: unknown }[];
  const text = (roles: string[]) =>
    messages
      .filter((m) => roles.includes(m.role))
      .map((m) => (typeof m.content === 'string' ? m.content : Array.isArray(m.content) ? m.content.map((p: { text?: string }) => p.text ?? '').join('') : ''))
      .join('\n');
  const format = body.response_format as { type?: string; json_schema?: { schema?: Record<string, unknown> } } | undefined;
  return {
    provider: 'openai',
    model: body.model as string,
    system: text(['system', 'developer']),
    user: text(['user']),
    jsonSchema: format?.type === 'json_schema' ? format.json_schema?.schema : undefined,
    body,
  };
}

// ---- small helpers, shared with the Gemini fake ----

/** A rough count (four characters a token), enough for usage fields. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function answer(ctx: Context, status: number, body: unknown): void {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(body ?? {});
}

function jsonObject(ctx: Context): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse((ctx.state.rawBody as Buffer).toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  answer(ctx, 400, openAiError("We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)", 'invalid_request_error'));
  return undefined;
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





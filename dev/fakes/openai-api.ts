import { randomBytes } from 'node:crypto';
import Koa from 'koa';
import Router from '@koa/router';
import { FakeModelState, estimateTokens, recordRequests, type FakeModelOptions, type ModelRequest, type RecordedModelRequest } from './llm-model.ts';
import { answer, jsonObject, sleep, startFake, type RunningFake } from './server-kit.ts';

/**
 * A local stand-in for OpenAI's Chat Completions API (and so for any OpenAI-compatible server),
 * speaking its wire format, so the real `openai` client can be pointed at it with `baseURL`
 * (`${url}/v1`). The test (or whoever evaluates the product) decides what the model answers:
 * a function from the request to the model's text, or a fault (an HTTP error, a delay, text that
 * is not JSON). Requests are recorded, prompts included.
 */

// ---- OpenAI ----

/** OpenAI's error body. */
function openAiError(message: string, type: string, code: string | null = null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

const INVALID_JSON = openAiError(
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
  'invalid_request_error',
);

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
    const body = jsonObject(ctx, INVALID_JSON);
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

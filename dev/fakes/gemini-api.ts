import { randomBytes } from 'node:crypto';
import Koa from 'koa';
import { FakeModelState, estimateTokens, recordRequests, type FakeModelOptions, type ModelRequest, type RecordedModelRequest } from './llm-model.ts';
import { answer, jsonObject, sleep, startFake, type RunningFake } from './server-kit.ts';

/**
 * A local stand-in for the Gemini Developer API (generativelanguage.googleapis.com):
 * `POST /v1beta/models/{model}:generateContent`, key in `x-goog-api-key` or `?key=`, Google's error
 * bodies. The real `@google/genai` client points at it with `httpOptions.baseUrl`. What the model
 * answers is decided as in the OpenAI fake (`FakeModelState`, llm-model.ts).
 */

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** Google's error body. */
function googleError(code: number, message: string, details?: unknown[]) {
  return { error: { code, message, status: STATUS_NAMES[code] ?? 'UNKNOWN', ...(details ? { details } : {}) } };
}

function defaultGeminiError(status: number) {
  switch (status) {
    case 429:
      return googleError(429, 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.');
    case 500:
      return googleError(500, 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting');
    case 503:
      return googleError(503, 'The model is overloaded. Please try again later.');
    default:
      return googleError(status, `Request failed with status ${status}`);
  }
}

const INVALID_JSON = googleError(400, 'Invalid JSON payload received. Unexpected token.');

const API_KEY_INVALID = googleError(400, 'API key not valid. Please pass a valid API key.', [
  { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
]);

const GENERATE = /^\/(v1beta|v1|v1alpha)\/models\/([^/:]+):generateContent$/;

export function createFakeGeminiApi(opts: FakeModelOptions = {}): { app: Koa; state: FakeModelState } {
  const state = new FakeModelState(opts);
  const app = new Koa();
  app.silent = true;

  app.use(recordRequests(state));

  app.use(async (ctx, next) => {
    const key = ctx.get('x-goog-api-key') || (ctx.query.key as string | undefined);
    if (!key) {
      return answer(ctx, 403, googleError(403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."));
    }
    if (!state.isAcceptedKey(key)) return answer(ctx, 400, API_KEY_INVALID);
    await next();
  });

  app.use(async (ctx) => {
    const match = GENERATE.exec(ctx.path);
    if (!match || ctx.method !== 'POST') return answer(ctx, 404, googleError(404, `Method not found: ${ctx.method} ${ctx.path}`));
    const [, version, model] = match;
    const body = jsonObject(ctx, INVALID_JSON);
    if (!body) return;
    const problem = validateGenerateRequest(body);
    if (problem) return answer(ctx, 400, googleError(400, problem));
    if (!state.isKnownModel(model)) {
      return answer(ctx, 404, googleError(404, `models/${model} is not found for API version ${version}, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`));
    }
    const request = toModelRequest(model, body);
    (ctx.state.record as RecordedModelRequest).model = request;

    const reply = await state.replyTo(request);
    if (reply.delayMs) await sleep(reply.delayMs);
    for (const [k, v] of Object.entries(reply.headers ?? {})) ctx.set(k, v);
    if (reply.rawBody !== undefined) {
      ctx.status = reply.status ?? 200;
      ctx.type = 'application/json';
      ctx.body = reply.rawBody;
      return;
    }
    if (reply.status !== undefined && reply.status >= 400) return answer(ctx, reply.status, reply.body ?? defaultGeminiError(reply.status));
    if (reply.body !== undefined) return answer(ctx, reply.status ?? 200, reply.body);

    const promptTokens = estimateTokens(request.system + request.user);
    const text = reply.content ?? '';
    const candidate =
      reply.refusal !== undefined
        ? { finishReason: reply.finishReason ?? 'SAFETY', index: 0 }
        : { content: { parts: [{ text }], role: 'model' }, finishReason: reply.finishReason ?? 'STOP', index: 0 };
    const candidatesTokens = reply.refusal !== undefined ? 0 : estimateTokens(text);
    answer(ctx, 200, {
      candidates: [candidate],
      usageMetadata: {
        promptTokenCount: promptTokens,
        candidatesTokenCount: candidatesTokens,
        totalTokenCount: promptTokens + candidatesTokens,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
      },
      modelVersion: model,
      responseId: randomBytes(12).toString('base64url'),
    });
  });

  return { app, state };
}

export type RunningFakeGeminiApi = RunningFake<FakeModelState>;

/** Listens on loopback; `url` is GEMINI_BASE_URL, the client's `httpOptions.baseUrl`. */
export function startFakeGeminiApi(opts: FakeModelOptions & { port?: number; host?: string } = {}): Promise<RunningFakeGeminiApi> {
  return startFake(createFakeGeminiApi, opts);
}

function validateGenerateRequest(body: Record<string, unknown>): string | undefined {
  if (!Array.isArray(body.contents) || body.contents.length === 0) return '* GenerateContentRequest.contents: contents is not specified\n';
  const config = (body.generationConfig ?? {}) as Record<string, unknown>;
  if (config.responseSchema !== undefined && config.responseJsonSchema !== undefined) {
    return '* GenerateContentRequest.generation_config: only one of response_schema and response_json_schema may be set\n';
  }
  const hasSchema = config.responseSchema !== undefined || config.responseJsonSchema !== undefined;
  if (hasSchema && config.responseMimeType !== 'application/json' && config.responseMimeType !== 'text/x.enum') {
    return '* GenerateContentRequest.generation_config.response_mime_type: a response schema needs response_mime_type application/json\n';
  }
  return undefined;
}

function partsText(content: unknown): string {
  const parts = (content as { parts?: { text?: unknown }[] } | null)?.parts ?? [];
  return parts.map((p) => (typeof p.text === 'string' ? p.text : '')).join('');
}

function toModelRequest(model: string, body: Record<string, unknown>): ModelRequest {
  const config = (body.generationConfig ?? {}) as Record<string, unknown>;
  const contents = body.contents as { role?: string }[];
  const schema = (config.responseJsonSchema ?? config.responseSchema) as Record<string, unknown> | undefined;
  return {
    provider: 'gemini',
    model,
    system: partsText(body.systemInstruction),
    user: contents
      .filter((c) => (c.role ?? 'user') === 'user')
      .map(partsText)
      .join('\n'),
    jsonSchema: config.responseMimeType === 'application/json' ? schema : undefined,
    body,
  };
}

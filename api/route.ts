import type Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import type { Permission } from '../core/access/roles.ts';
import type { ApiKeyIdentity } from '../core/api-keys/api-key-service.ts';
import { validationFailed } from '../core/errors/index.ts';
import type { AppDeps } from './deps.ts';
import { requireApiKey } from './middleware/api-key-auth.ts';
import { jsonBody, readBodyOnce } from './middleware/body.ts';
import { requireLiffCaller, type LiffCaller } from './liff/line-id-token.ts';
import { requireLiffStaff, type LiffStaff } from './liff/staff-caller.ts';

/**
 * One declaration per endpoint: the router and the OpenAPI document are both built from it, so
 * the document cannot drift from what the server does. Every audience's routes (admin/, public/)
 * are declared and mounted this one way.
 */
export interface RouteInput<B, Q> {
  body: B;
  query: Q;
  params: Record<string, string>;
  identity: ApiKeyIdentity | undefined;
  /** `access: 'liff'`: the LINE user the verified ID token names. */
  liff: LiffCaller | undefined;
  /** `access: { liffStaff }`: the staff member the verified ID token names, whose role has the permission. */
  staff: LiffStaff | undefined;
  deps: AppDeps;
  ctx: Context;
}

export type RouteAccess = 'public' | 'liff' | { liffStaff: Permission } | Permission;

export interface Route<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /**
   * `public`: no key needed; `liff`: a LIFF ID token LINE vouches for; `{ liffStaff }`: such a
   * token of an active staff member whose role has that permission (api/liff/staff-caller.ts);
   * otherwise the API key's role must have this permission.
   */
  access: RouteAccess;
  body?: B;
  query?: Q;
  response: R;
  /** Success status; 200 unless said. */
  status?: number;
  handle(input: RouteInput<z.infer<B>, z.infer<Q>>): Promise<z.infer<R> | { status: number; body: z.infer<R> }>;
}

export function route<B extends z.ZodType, Q extends z.ZodType, R extends z.ZodType>(r: Route<B, Q, R>): Route {
  return r as unknown as Route;
}

/** Serves one declared route: checks its access, parses its body and query, answers its result. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function mountRoute(router: Router, r: Route, deps: AppDeps): void {
  router[r.method](r.path, async (ctx) => {
    const a = r.access;
    const identity = a === 'public' || a === 'liff' || typeof a === 'object' ? undefined : await requireApiKey(ctx, deps, a);
    const liff = a === 'liff' ? await requireLiffCaller(ctx, deps) : undefined;
    const staff = typeof a === 'object' ? await requireLiffStaff(ctx, deps, a.liffStaff) : undefined;
    // Only now, routed and allowed (public routes are rate-limited before routing: api/app.ts).
    await readBodyOnce(ctx, deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT);
    const body = r.body ? parseRequest(r.body, jsonBody(ctx), 'body') : undefined;
    const query = r.query ? parseRequest(r.query, ctx.query, 'query') : undefined;
    const result = await r.handle({ body, query, params: ctx.params, identity, liff, staff, deps, ctx });
    if (result && typeof result === 'object' && 'status' in result && 'body' in result && typeof result.status === 'number') {
      ctx.status = result.status;
      ctx.body = result.body;
    } else {
      ctx.status = r.status ?? 200;
      ctx.body = result;
    }
  });
}

/** A request part checked against its contract: 422 `validation_failed` naming each wrong field. */
export function parseRequest<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query'): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw validationFailed(
      `The request ${where} is not valid`,
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return parsed.data;
}

import type { Context } from 'koa';
import type { z } from 'zod';
import type { Permission } from '../../core/access/roles.ts';
import type { ApiKeyIdentity } from '../../core/api-keys/api-key-service.ts';
import type { AppDeps } from '../deps.ts';

/**
 * One declaration per endpoint: the router and the OpenAPI document are both built from it, so
 * the document cannot drift from what the server does.
 */
export interface RouteInput<B, Q> {
  body: B;
  query: Q;
  params: Record<string, string>;
  identity: ApiKeyIdentity | undefined;
  deps: AppDeps;
  ctx: Context;
}

export interface Route<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /** `public`: no key needed; otherwise the API key's role must have this permission. */
  access: 'public' | Permission;
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

import type Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import type { Permission, Role } from '../core/access/roles.ts';
import type { ApiKeyIdentity } from '../core/api-keys/api-key-service.ts';
import { DomainError, unauthenticated, validationFailed } from '../core/errors/index.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyBodySignature } from '../core/http/body-signature.ts';
import type { AppDeps } from './deps.ts';
import { requireApiKey } from './middleware/api-key-auth.ts';
import { requirePlatformKey } from './middleware/platform-key-auth.ts';
import { formBody, jsonBody, readBodyOnce, type FormRules, type UploadedFile } from './middleware/body.ts';
import { requireLiffCaller, type LiffCaller } from './liff/line-id-token.ts';
import { requireLiffStaff, type LiffStaff } from './liff/staff-caller.ts';

/**
 * One declaration per operation: the router and the OpenAPI document are both built from it, so
 * the document cannot drift from what the server does. Every audience's routes (admin/, public/,
 * liff/) are declared and mounted this one way, and an operation both API keys and the staff apps
 * call is declared once and served to both (`staffApp`).
 */

/**
 * Who called, whichever audience they came through: an API key, or a staff member signed in with
 * LINE. `actor` is what the audit log and the timelines record (`api_key` or `staff`); `staffId`
 * the staff member acting (the key's own, if it belongs to one), whose bookings a support role is
 * narrowed to.
 */
export interface Caller {
  orgId: string;
  actor: { type: 'api_key' | 'staff'; id: string };
  role: Role;
  staffId: string | null;
  requestId: string | undefined;
}

export interface RouteInput<B, Q, C extends Caller | undefined = Caller | undefined> {
  body: B;
  query: Q;
  params: Record<string, string>;
  /** The API key or the signed-in staff member; none on `public` and `liff` routes. */
  caller: C;
  identity: ApiKeyIdentity | undefined;
  /** `access: 'liff'`: the LINE user the verified ID token names. */
  liff: LiffCaller | undefined;
  /** `access: { liffStaff }`: the staff member the verified ID token names, whose role has the permission. */
  staff: LiffStaff | undefined;
  /** `form`: the files of a multipart body, each of an accepted type and size (none with a JSON body). */
  files: UploadedFile[];
  deps: AppDeps;
  ctx: Context;
}

/**
 * `public`: no key needed; `liff`: a LIFF ID token LINE vouches for; `platform`: the platform
 * operator's key (api/middleware/platform-key-auth.ts), outside every org; `{ liffStaff }`: such a
 * token of an active staff member whose role has that permission (api/liff/staff-caller.ts);
 * otherwise the API key's role must have this permission (and, with `staffApp`, so must the
 * signed-in staff member's role there).
 */
export type RouteAccess = 'public' | 'liff' | 'platform' | { liffStaff: Permission } | Permission;

/** Where the staff apps are served an operation API keys are served too: its LIFF API path, and how the document files it there. */
export interface StaffAppMount {
  path: string;
  tag: string;
  summary: string;
}

type CallerOf<A> = A extends 'public' | 'liff' | 'platform' ? undefined : Caller;

export interface Route<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType, A extends RouteAccess = RouteAccess> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  access: A;
  /** Also served to staff signed in with LINE, at this path, under the same permission. */
  staffApp?: A extends Permission ? StaffAppMount : never;
  body?: B;
  /**
   * The body is a file, not JSON (`ctx.request.rawBody`): its Content-Type must be one of `types`
   * (415 otherwise) and it may be at most `limitBytes` (413), both checked before it is read.
   */
  upload?: { limitBytes: number; types: readonly string[]; /** The refusals in the route's own words. */ tooLarge?: string; unsupported?: string };
  /**
   * The body must also be signed (core/http/body-signature.ts: HMAC-SHA256 of the timestamp and the
   * raw bytes) with the secret `variable` names: checked once the caller is known and the body
   * read, before it is parsed. A missing, wrong or stale signature is 401; the secret unset, 503.
   */
  signed?: { variable: string; secret: (deps: AppDeps) => string | undefined };
  /**
   * The body may also be multipart/form-data, to carry files with the fields: the fields are one
   * JSON part (checked by `body` as a JSON body is), the files the parts named `fileField`
   * (api/middleware/body.ts `formBody`). Each is checked before the handler runs.
   */
  form?: FormRules;
  query?: Q;
  response: R;
  /** The answer's content type when it is not JSON (a PDF): what the OpenAPI document names. */
  produces?: string;
  /** Success status; 200 unless said. */
  status?: number;
  handle(input: RouteInput<z.infer<B>, z.infer<Q>, CallerOf<A>>): Promise<z.infer<R> | { status: number; body: z.infer<R> }>;
}

export function route<B extends z.ZodType, Q extends z.ZodType, R extends z.ZodType, const A extends RouteAccess>(r: Route<B, Q, R, A>): Route {
  return r as unknown as Route;
}

/** One audience's door to a route: where it is served, to whom, and how the document names it. */
export interface ServedRoute {
  path: string;
  tag: string;
  summary: string;
  access: RouteAccess;
}

/** Every door of a route: its own, and the staff apps' when it names one. */
export function servedAt(r: Route): ServedRoute[] {
  const own = { path: r.path, tag: r.tag, summary: r.summary, access: r.access };
  if (!r.staffApp || typeof r.access !== 'string' || r.access === 'public' || r.access === 'liff' || r.access === 'platform') return [own];
  return [own, { ...r.staffApp, access: { liffStaff: r.access } }];
}

/** Serves one declared route: checks its access, parses its body and query, answers its result. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function mountRoute(router: Router, r: Route, deps: AppDeps): void {
  for (const door of servedAt(r)) {
    router[r.method](door.path, async (ctx) => {
      const a = door.access;
      if (a === 'platform') await requirePlatformKey(ctx, deps);
      const identity = a === 'public' || a === 'liff' || a === 'platform' || typeof a === 'object' ? undefined : await requireApiKey(ctx, deps, a);
      const liff = a === 'liff' ? await requireLiffCaller(ctx, deps) : undefined;
      const staff = typeof a === 'object' ? await requireLiffStaff(ctx, deps, a.liffStaff) : undefined;
      const caller = callerOf(ctx, identity, staff);
      // Only now, routed and allowed (public routes are rate-limited before routing: api/app.ts).
      if (r.upload && !r.upload.types.includes(ctx.request.type)) throw unsupportedType(r.upload);
      const secret = r.signed && signingSecret(r.signed, deps);
      const multipart = r.form && ctx.request.is('multipart/form-data') ? r.form : undefined;
      const own = multipart ? { limitBytes: multipart.limitBytes, tooLarge: multipart.bodyTooLarge } : r.upload;
      await readBodyOnce(ctx, own?.limitBytes ?? deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT).catch((err) => {
        throw own?.tooLarge && err instanceof DomainError && err.code === 'payload_too_large' ? new DomainError(err.code, own.tooLarge, err.details) : err;
      });
      if (secret) requireSignature(ctx, secret);
      const form = multipart ? await formBody(ctx, multipart) : undefined;
      const body = r.body ? parseRequest(r.body, form ? form.fields : jsonBody(ctx), 'body') : undefined;
      const query = r.query ? parseRequest(r.query, ctx.query, 'query') : undefined;
      const result = await r.handle({ body, query, params: ctx.params, caller, identity, liff, staff, files: form?.files ?? [], deps, ctx });
      if (result && typeof result === 'object' && 'status' in result && 'body' in result && typeof result.status === 'number') {
        ctx.status = result.status;
        ctx.body = result.body;
      } else {
        ctx.status = r.status ?? 200;
        ctx.body = result;
      }
    });
  }
}

function signingSecret(signed: NonNullable<Route['signed']>, deps: AppDeps): string {
  const secret = signed.secret(deps);
  if (!secret) throw new DomainError('unavailable', `This endpoint is not configured: set ${signed.variable} and restart`);
  return secret;
}

function requireSignature(ctx: Context, secret: string): void {
  const check = verifyBodySignature(ctx.request.rawBody ?? Buffer.alloc(0), { timestamp: ctx.get(TIMESTAMP_HEADER) || undefined, signature: ctx.get(SIGNATURE_HEADER) || undefined }, secret);
  if (!check.ok) throw unauthenticated(check.message);
}

const unsupportedType = (u: { types: readonly string[]; unsupported?: string }) =>
  new DomainError('unsupported_media_type', u.unsupported ?? `Send the file with its Content-Type, one of: ${u.types.join(', ')}`, { accepted: u.types });

function callerOf(ctx: Context, identity: ApiKeyIdentity | undefined, staff: LiffStaff | undefined): Caller | undefined {
  const requestId = ctx.state.requestId as string | undefined;
  if (identity) return { orgId: identity.orgId, actor: { type: 'api_key', id: identity.apiKeyId }, role: identity.role, staffId: identity.staffId ?? null, requestId };
  if (staff) return { orgId: staff.orgId, actor: { type: 'staff', id: staff.id }, role: staff.role, staffId: staff.id, requestId };
  return undefined;
}

/**
 * A request part checked against its contract: 422 `validation_failed` naming every wrong field
 * at once (core/contracts/all-issues.ts). A field left out or left blank is `code: 'required'`,
 * "Required", so a form can say so next to each in its reader's language.
 */
export function parseRequest<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query' | 'path'): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw validationFailed(
      `The request ${where} is not valid`,
      parsed.error.issues.map((i) =>
        isMissing(i, value)
          ? { path: i.path.join('.'), message: 'Required', code: 'required' }
          : // A limit passed says which, so a form can say it in its reader's language too.
            { path: i.path.join('.'), message: i.message, code: i.code, ...(i.code === 'too_big' ? { origin: i.origin, maximum: Number(i.maximum) } : {}) },
      ),
    );
  }
  return parsed.data;
}

/** Nothing given where a value is needed: absent, null or only spaces. */
function isMissing(i: z.core.$ZodIssue, value: unknown): boolean {
  // A refinement's own words ("needs th, en or both") say more than "Required".
  if (i.code === 'custom') return false;
  const given = i.path.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<PropertyKey, unknown>)[k] : undefined), value);
  return given === undefined || given === null || (typeof given === 'string' && given.trim() === '');
}

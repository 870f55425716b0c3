import Router from '@koa/router';
import Koa from 'koa';
import type { z } from 'zod';
import { validationFailed } from '../core/errors/index.ts';
import type { AppDeps } from './deps.ts';
import { requireApiKey } from './middleware/api-key-auth.ts';
import { jsonBody, readBody } from './middleware/body.ts';
import { errorBody } from './middleware/errors.ts';
import { requestContext } from './middleware/request-context.ts';
import { buildOpenApi } from './openapi.ts';
import { caseRoutes } from './routes/case-routes.ts';
import { channelRoutes } from './routes/channel-routes.ts';
import { platformRoutes } from './routes/platform-routes.ts';
import { publicRoutes } from './routes/public-routes.ts';
import { staffRoutes } from './routes/staff-routes.ts';
import { staffGroupRoutes } from './routes/staff-group-routes.ts';
import { mediaRoutes } from './routes/media-routes.ts';
import { orgSettingsRoutes } from './routes/org-settings-routes.ts';
import { templateRoutes } from './routes/template-routes.ts';
import type { Route } from './routes/route.ts';
import { taxonomyRoutes } from './routes/taxonomy-routes.ts';
import { webhookRoutes } from './routes/webhook-endpoint-routes.ts';
import { mountLineWebhook } from './webhooks/line-webhook.ts';
import { mountPaymentsWebhook } from './webhooks/payments-webhook.ts';
import { mountWhatsAppWebhook } from './webhooks/whatsapp-webhook.ts';

export const apiRoutes: Route[] = [...platformRoutes, ...channelRoutes, ...caseRoutes, ...taxonomyRoutes, ...webhookRoutes, ...templateRoutes, ...staffRoutes, ...staffGroupRoutes, ...publicRoutes, ...mediaRoutes, ...orgSettingsRoutes];

const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.proxy = true;
  app.silent = true;
  app.use(requestContext(deps.logger));
  app.use(errorBody);
  app.use(readBody({ limitBytes: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT }));
  if (deps.devMiddleware) app.use(deps.devMiddleware);

  const router = new Router();
  const openapi = buildOpenApi(apiRoutes, { title: 'Opsdesk API', version: '1' });
  router.get('/api/v1/openapi.json', (ctx) => {
    ctx.body = openapi;
  });
  for (const r of apiRoutes) mount(router, r, deps);
  // Platform webhooks speak the platforms' formats, not ours: they are not in the OpenAPI document.
  mountLineWebhook(router, deps);
  mountWhatsAppWebhook(router, deps);
  mountPaymentsWebhook(router, deps);
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

function mount(router: Router, r: Route, deps: AppDeps) {
  router[r.method](r.path, async (ctx) => {
    const identity = r.access === 'public' ? undefined : await requireApiKey(ctx, deps, r.access);
    const body = r.body ? parse(r.body, jsonBody(ctx), 'body') : undefined;
    const query = r.query ? parse(r.query, ctx.query, 'query') : undefined;
    const result = await r.handle({ body, query, params: ctx.params, identity, deps, ctx });
    if (result && typeof result === 'object' && 'status' in result && 'body' in result && typeof result.status === 'number') {
      ctx.status = result.status;
      ctx.body = result.body;
    } else {
      ctx.status = r.status ?? 200;
      ctx.body = result;
    }
  });
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query'): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw validationFailed(
      `The request ${where} is not valid`,
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return parsed.data;
}

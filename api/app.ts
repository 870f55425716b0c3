import Router from '@koa/router';
import Koa, { type Middleware } from 'koa';
import { withDatabaseWait } from '../core/db/request-wait.ts';
import { bookingRoutes } from './admin/booking-routes.ts';
import { bookingRuleRoutes } from './admin/booking-rule-routes.ts';
import { analyticsRoutes } from './admin/analytics-routes.ts';
import { providerRoutes } from './admin/provider-routes.ts';
import { caseRoutes } from './admin/case-routes.ts';
import { caseOpeningRoutes } from './admin/case-opening-routes.ts';
import { orderRoutes } from './admin/order-routes.ts';
import { documentRoutes } from './admin/document-routes.ts';
import { documentLinkRoutes } from './public/document-link-routes.ts';
import { caseNoteRoutes } from './admin/case-note-routes.ts';
import { conversationRoutes } from './admin/conversation-routes.ts';
import { contactRoutes } from './admin/contact-routes.ts';
import { privacyRoutes } from './admin/privacy-routes.ts';
import { channelRoutes } from './admin/channel-routes.ts';
import { richMenuRoutes } from './admin/rich-menu-routes.ts';
import { savedReplyRoutes } from './admin/saved-reply-routes.ts';
import { orgSettingsRoutes } from './admin/org-settings-routes.ts';
import { platformRoutes } from './admin/platform-routes.ts';
import { platformOrgRoutes } from './platform/org-routes.ts';
import { staffGroupRoutes } from './admin/staff-group-routes.ts';
import { staffRoutes } from './admin/staff-routes.ts';
import { taxonomyRoutes } from './admin/taxonomy-routes.ts';
import { sessionRoutes } from './admin/session-routes.ts';
import { templateRoutes } from './admin/template-routes.ts';
import { webhookRoutes } from './admin/webhook-endpoint-routes.ts';
import type { AppDeps } from './deps.ts';
import { healthRoutes } from './health-routes.ts';
import { dashboardRoutes } from './liff/dashboard-api.ts';
import { deskRoutes } from './liff/desk-api.ts';
import { liffRoutes } from './liff/liff-api.ts';
import { liffStaffRoutes } from './liff/staff-api.ts';
import { liffPages } from './liff/liff-pages.ts';
import { settingsRoutes } from './liff/settings-api.ts';
import { errorBody } from './middleware/errors.ts';
import { limitsBeforeRouting } from './middleware/rate-limit.ts';
import { requestContext } from './middleware/request-context.ts';
import { buildOpenApi } from './openapi.ts';
import { bookingIntakeRoutes } from './public/booking-intake-routes.ts';
import { privacyNoticeRoutes } from './public/privacy-notice-routes.ts';
import { quoteRoutes } from './public/quote-routes.ts';
import { waitlistRoutes } from './public/waitlist-routes.ts';
import { serviceFeedRoutes } from './public/service-feed-routes.ts';
import { publicRoutes } from './public/case-tracking-routes.ts';
import { mediaRoutes } from './public/media-routes.ts';
import { mountUnsubscribePage } from './public/unsubscribe-page.ts';
import { corporateUsageRoutes } from './public/corporate-usage-page.ts';
import { mountRoute, type Route } from './route.ts';
import { outboxRoutes } from './admin/outbox-routes.ts';
import { auditRoutes } from './admin/audit-routes.ts';
import { inboundProblemRoutes } from './admin/inbound-problem-routes.ts';
import { mountLineWebhook } from './webhooks/line-webhook.ts';
import { mountPaymentsWebhook } from './webhooks/payments-webhook.ts';
import { mountStripeWebhook } from './webhooks/stripe-webhook.ts';
import { paymentRoutes } from './admin/payment-routes.ts';
import { memberRoutes } from './admin/member-routes.ts';
import { corporateClientRoutes } from './admin/corporate-client-routes.ts';
import { mountTwilioWebhooks } from './webhooks/twilio-webhooks.ts';

/** Every declared endpoint, by audience (DESIGN.md section 3); the OpenAPI document lists them in this order. */
export const apiRoutes: Route[] = [
  ...healthRoutes,
  // platform/: /platform/v1, the platform operator's key, outside every org (and the doors of a new org: its kit, its invitation)
  ...platformOrgRoutes,
  // admin/: /api/v1, an API key whose role allows the route
  ...platformRoutes,
  ...outboxRoutes,
  ...auditRoutes,
  ...inboundProblemRoutes,
  ...channelRoutes,
  ...richMenuRoutes,
  ...caseRoutes,
  ...caseOpeningRoutes,
  ...orderRoutes,
  ...caseNoteRoutes,
  ...conversationRoutes,
  ...savedReplyRoutes,
  ...bookingRoutes,
  ...bookingRuleRoutes,
  ...paymentRoutes,
  ...memberRoutes,
  ...corporateClientRoutes,
  ...documentRoutes,
  ...contactRoutes,
  ...privacyRoutes,
  ...analyticsRoutes,
  ...providerRoutes,
  ...taxonomyRoutes,
  ...sessionRoutes,
  ...webhookRoutes,
  ...templateRoutes,
  ...staffRoutes,
  ...staffGroupRoutes,
  ...orgSettingsRoutes,
  // public/: no login, a token or a signed link is the key
  ...publicRoutes,
  ...bookingIntakeRoutes,
  ...privacyNoticeRoutes,
  ...quoteRoutes,
  ...waitlistRoutes,
  ...serviceFeedRoutes,
  ...mediaRoutes,
  ...documentLinkRoutes,
  ...corporateUsageRoutes,
  // liff/: the mini-apps' API, a LIFF ID token LINE vouches for (api/liff/README.md)
  ...liffRoutes,
  // liff-staff/: the staff apps' API, a LIFF ID token of an active staff member whose role allows the route
  // (the operations API keys call too are the admin routes above, each naming its staff app path)
  ...liffStaffRoutes,
  ...dashboardRoutes,
  ...deskRoutes,
  ...settingsRoutes,
];

/**
 * Requests wait at most `ms` for a pooled connection, then answer 503 with Retry-After
 * (core/db/request-wait.ts). Not the platforms' webhooks: a correctly signed delivery is never
 * refused for load (DESIGN.md decision 13); it waits for the database as before.
 */
function databaseWait(ms: number | undefined): Middleware {
  return (ctx, next) => (ms && !ctx.path.startsWith('/webhooks/') ? withDatabaseWait(ms, next) : next());
}

export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  // X-Forwarded-* are believed only behind a proxy that sets them (TRUST_PROXY): otherwise any
  // caller could choose the host, protocol and address the app sees.
  app.proxy = deps.trustProxy === true;
  app.silent = true;
  app.use(requestContext(deps.logger));
  app.use(errorBody);
  app.use(databaseWait(deps.databaseRequestWaitMs));
  // Nothing reads a body here: webhooks read theirs once rate-limited, the API's routes once
  // routed and authenticated (api/route.ts), so an unauthenticated write is refused unread.
  app.use(limitsBeforeRouting(deps));
  if (deps.devMiddleware) app.use(deps.devMiddleware);

  const router = new Router();
  const openapi = buildOpenApi(apiRoutes, { title: 'Opsdesk API', version: '1' });
  router.get('/api/v1/openapi.json', (ctx) => {
    ctx.body = openapi;
  });
  for (const r of apiRoutes) mountRoute(router, r, deps);
  // Platform webhooks speak the platforms' formats, not ours: they are not in the OpenAPI document.
  mountLineWebhook(router, deps);
  mountTwilioWebhooks(router, deps);
  mountPaymentsWebhook(router, deps);
  mountStripeWebhook(router, deps);
  // A page for people (the unsubscribe link of a notice e-mail), not an API: not in the document either.
  mountUnsubscribePage(router, deps);
  // The mini-apps themselves (liff/dist): static files, one HTML page per app.
  router.get(['/liff', '/liff/{*path}'], liffPages(deps));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

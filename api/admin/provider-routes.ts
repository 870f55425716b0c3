import * as c from '../../core/contracts/providers.ts';
import { listProviders, providerWithTimeline, setProviderPaused } from '../../core/providers/provider-pause.ts';
import { createProvider, providerSettingsOf, updateProvider } from '../../core/providers/provider-settings.ts';
import { inSettingsApp } from '../liff/staff-apps.ts';
import { route } from '../route.ts';

/**
 * Providers: the list with each one's pause, one provider with its timeline (pauses and risk
 * changes), and pausing: a paused provider gets no new case (core/providers/provider-pause.ts).
 * The Settings app adds and changes providers through these routes; its list and its pause answer
 * with the settings view instead (api/liff/settings-api.ts).
 */
export const providerRoutes = [
  route({
    method: 'get',
    path: '/api/v1/providers',
    summary: "The org's providers, each with whether it is paused",
    tag: 'providers',
    access: 'providers.read',
    response: c.providerList,
    handle: async ({ caller, deps }) => listProviders(deps.knex, caller.orgId),
  }),

  route({
    method: 'get',
    path: '/api/v1/providers/:key',
    summary: 'A provider with its timeline: pauses, unpauses and risk changes (level, repeat flag, reasons)',
    tag: 'providers',
    access: 'providers.read',
    response: c.providerDetail,
    handle: async ({ caller, deps, params }) => providerWithTimeline(deps.knex, caller.orgId, params.key),
  }),

  route({
    method: 'post',
    path: '/api/v1/providers/:key/pause',
    summary: 'Pause a provider (a reason is required): no new case goes to it until it is unpaused; 409 if already paused',
    tag: 'providers',
    access: 'providers.pause',
    body: c.providerPause,
    response: c.providerView,
    handle: async ({ caller, deps, params, body }) =>
      deps.knex.transaction((trx) => setProviderPaused(trx, { orgId: caller.orgId, key: params.key, paused: true, reason: body.reason, actor: caller.actor })),
  }),

  route({
    method: 'post',
    path: '/api/v1/providers/:key/unpause',
    summary: 'Unpause a provider: new cases may go to it again; 409 if it is not paused',
    tag: 'providers',
    access: 'providers.pause',
    body: c.providerUnpause,
    response: c.providerView,
    handle: async ({ caller, deps, params, body }) =>
      deps.knex.transaction((trx) => setProviderPaused(trx, { orgId: caller.orgId, key: params.key, paused: false, reason: body.reason, actor: caller.actor })),
  }),

  route({
    method: 'post',
    path: '/api/v1/providers',
    summary: 'Add a provider: API or manual, the case types it handles, the time it is given to answer, its contact and how it is told; 409 if the key is taken',
    tag: 'providers',
    access: 'providers.manage',
    staffApp: inSettingsApp('/providers', 'Add a provider (as POST /api/v1/providers)'),
    body: c.providerCreate,
    response: c.providerSettings,
    status: 201,
    handle: async ({ caller, deps, body }) => createProvider(deps.knex, caller, body),
  }),

  route({
    method: 'get',
    path: '/api/v1/providers/:key/settings',
    summary: "A provider's settings, with the risk level the provider report last gave it",
    tag: 'providers',
    access: 'providers.read',
    response: c.providerSettings,
    handle: async ({ caller, deps, params }) => providerSettingsOf(deps.knex, caller.orgId, params.key),
  }),

  route({
    method: 'patch',
    path: '/api/v1/providers/:key',
    summary: "Change a provider's settings (the key stays; its pause is POST .../pause and .../unpause)",
    tag: 'providers',
    access: 'providers.manage',
    staffApp: inSettingsApp('/providers/:key', "Change a provider's settings (as PATCH /api/v1/providers/:key)"),
    body: c.providerUpdate,
    response: c.providerSettings,
    handle: async ({ caller, deps, params, body }) => updateProvider(deps.knex, caller, params.key, body),
  }),
];

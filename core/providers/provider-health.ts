import type { Knex } from 'knex';
import { providerHealthOf, type ProviderHealth } from '../contracts/org-settings.ts';
import { setProviderPaused } from './provider-pause.ts';
import { recordProviderEvent } from './provider-timeline.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * Provider health from orders (seed 004 section 9.3): when the business's main system reports an
 * order failed (core/orders/order-sync.ts), its provider's failed orders within the org's window
 * are counted (by when each failed in the main system, up to now). At the org's threshold the
 * provider is flagged at risk: `orders_failing` on its timeline, with the count, the rule and the
 * orders, which the managers hear of (core/staff/provider-health-notice.ts) and the providers
 * report reads as a high risk (core/analytics/insights.ts). With the org's `autoPause` it is
 * paused too, as a manager would pause it (core/providers/provider-pause.ts), by the system.
 *
 * Once per window: a provider flagged within the last window is not flagged again for more
 * failures in it, so a failing provider is one alert, not one per order. Two syncs crossing the
 * threshold at once take turns on a lock of the provider, so only one of them flags it.
 */
export const FAILING_ORDERS_SHOWN = 10;

export interface FailingOrdersFlag {
  providerId: string;
  failed: number;
  paused: boolean;
}

export async function checkFailingOrders(trx: Knex.Transaction, c: { orgId: string; providerIds: string[]; now: Date }): Promise<FailingOrdersFlag[]> {
  if (c.providerIds.length === 0) return [];
  const org = await orgSettingsRow(trx, c.orgId);
  const rule = providerHealthOf(org?.settings);
  const flags: FailingOrdersFlag[] = [];
  for (const providerId of [...new Set(c.providerIds)].sort()) {
    const flag = await checkProvider(trx, c.orgId, providerId, rule, c.now);
    if (flag) flags.push(flag);
  }
  return flags;
}

async function checkProvider(trx: Knex.Transaction, orgId: string, providerId: string, rule: ProviderHealth, now: Date): Promise<FailingOrdersFlag | undefined> {
  const since = new Date(now.getTime() - rule.windowMinutes * 60_000);
  const failedSince = () =>
    trx('orders').where({ org_id: orgId, provider_id: providerId, status: 'failed' }).where('status_changed_at', '>', since).where('status_changed_at', '<=', now);
  const [{ n }] = await failedSince().count<{ n: string }[]>({ n: '*' });
  const failed = Number(n);
  if (failed < rule.failedOrders) return undefined;
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`provider-health:${providerId}`]);
  const flagged = await trx('provider_events').where({ provider_id: providerId, type: 'orders_failing' }).where('created_at', '>', since).first('id');
  if (flagged) return undefined;
  const provider = await trx('providers').select('key', 'paused_at').where({ id: providerId, org_id: orgId }).first();
  if (!provider) return undefined;
  const orders = await failedSince().orderBy('status_changed_at', 'desc').limit(FAILING_ORDERS_SHOWN).pluck('number');
  const data = { failed, threshold: rule.failedOrders, windowMinutes: rule.windowMinutes, orders };
  const pauses = rule.autoPause && !provider.paused_at;
  if (pauses) {
    await setProviderPaused(trx, {
      orgId,
      key: provider.key,
      paused: true,
      reason: `Paused automatically: ${failed} failed orders within ${rule.windowMinutes} minutes (the org's threshold is ${rule.failedOrders})`,
      actor: { type: 'system', id: null },
      data: { automatic: true, ...data },
      at: now,
    });
  }
  await recordProviderEvent(trx, { orgId, providerId, type: 'orders_failing', actor: { type: 'system', id: null }, data: { ...data, paused: pauses, wasPaused: Boolean(provider.paused_at) }, at: now });
  return { providerId, failed, paused: pauses };
}

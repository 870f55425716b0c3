import type { Knex } from 'knex';
import { DomainError, notFound, validationFailed } from '../errors/index.ts';
import { providerTimeline, recordProviderEvent, type ProviderEventView } from './provider-timeline.ts';

/**
 * Pausing a provider: a manager stops new cases going to a provider that keeps failing (the
 * provider report's risk level says which). While paused, a case's provider cannot be set to it
 * (core/cases/case-provider.ts refuses with 409) and its LINE groups are handed no new case
 * (core/staff/provider-handoff.ts); cases that already depend on it stay as they are, to be
 * finished or moved. Pause and unpause are on the provider's timeline with who and why.
 */
type Db = Knex | Knex.Transaction;

export interface ProviderView {
  key: string;
  name: string;
  kind: string;
  active: boolean;
  paused: boolean;
  pausedAt: string | null;
  pauseReason: string | null;
}

const view = (p: Record<string, any>): ProviderView => ({
  key: p.key,
  name: p.name,
  kind: p.kind,
  active: Boolean(p.is_active),
  paused: p.paused_at !== null,
  pausedAt: p.paused_at ? new Date(p.paused_at).toISOString() : null,
  pauseReason: p.pause_reason ?? null,
});

export async function listProviders(db: Db, orgId: string): Promise<ProviderView[]> {
  return (await db('providers').select('key', 'name', 'kind', 'is_active', 'paused_at', 'pause_reason').where({ org_id: orgId }).orderBy('key')).map(view);
}

export async function providerWithTimeline(db: Db, orgId: string, key: string): Promise<ProviderView & { timeline: ProviderEventView[] }> {
  const p = await db('providers').select('id', 'key', 'name', 'kind', 'is_active', 'paused_at', 'pause_reason').where({ org_id: orgId, key }).first();
  if (!p) throw notFound('Provider', { key });
  return { ...view(p), timeline: await providerTimeline(db, p.id) };
}

/** Is this provider paused? (for the modules that route cases to providers) */
export async function isProviderPaused(db: Db, providerId: string): Promise<boolean> {
  const p = await db('providers').select('paused_at').where({ id: providerId }).first();
  return Boolean(p?.paused_at);
}

export async function setProviderPaused(
  trx: Knex.Transaction,
  a: { orgId: string; key: string; paused: boolean; reason?: string; actor: { type: 'staff' | 'api_key' | 'system'; id: string | null }; data?: Record<string, unknown>; at?: Date },
): Promise<ProviderView> {
  const p = await trx('providers').select('*').where({ org_id: a.orgId, key: a.key }).forUpdate().first();
  if (!p) throw notFound('Provider', { key: a.key });
  const reason = a.reason?.trim();
  if (a.paused && !reason) throw validationFailed('Pausing a provider needs a reason', [{ path: 'reason', message: 'Required' }]);
  if (a.paused === Boolean(p.paused_at)) {
    throw new DomainError('conflict', `Provider ${a.key} is ${p.paused_at ? 'already paused' : 'not paused'}`, { key: a.key, paused: Boolean(p.paused_at) });
  }
  const [row] = await trx('providers')
    .where({ id: p.id })
    .update(a.paused ? { paused_at: a.at ?? trx.fn.now(), pause_reason: reason } : { paused_at: null, pause_reason: null })
    .returning('*');
  await recordProviderEvent(trx, { orgId: a.orgId, providerId: p.id, type: a.paused ? 'paused' : 'unpaused', actor: a.actor, data: { ...(reason ? { reason } : {}), ...a.data }, at: a.at });
  return view(row);
}

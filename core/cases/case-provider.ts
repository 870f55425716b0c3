import type { Knex } from 'knex';
import { DomainError, notFound } from '../errors/index.ts';
import { recordCaseEvent } from './case-timeline.ts';

/**
 * Which provider a case depends on (the partner whose system or service failed). Set by staff
 * when the case goes to Waiting provider (the LINE button asks), or by the API with the move; the
 * provider's group is told when the case waits on it (core/staff/provider-handoff.ts). The change
 * bumps the case's version and is on the timeline. A paused provider gets no new case (409).
 */
export async function setCaseProvider(
  trx: Knex.Transaction,
  p: { orgId: string; caseId: string; providerKey: string; actor: { type: 'staff' | 'api_key'; id: string | null } },
): Promise<{ changed: boolean }> {
  const provider = await trx('providers').select('id', 'paused_at').where({ org_id: p.orgId, key: p.providerKey, is_active: true }).first();
  if (!provider) throw notFound('Provider', { key: p.providerKey });
  const c = await trx('cases').select('provider_id', 'version').where({ id: p.caseId, org_id: p.orgId }).forUpdate().first();
  if (!c) throw notFound('Case');
  if (c.provider_id === provider.id) return { changed: false };
  // A paused provider (core/providers/provider-pause.ts) takes no new case; one already on it stays.
  if (provider.paused_at) throw new DomainError('conflict', `Provider ${p.providerKey} is paused: no new case goes to it`, { key: p.providerKey, paused: true });
  await trx('cases').where({ id: p.caseId }).update({ provider_id: provider.id, version: c.version + 1 });
  await recordCaseEvent(trx, {
    orgId: p.orgId,
    caseId: p.caseId,
    type: 'provider_changed',
    actor: p.actor,
    isPublic: false,
    data: { from: c.provider_id, to: provider.id, key: p.providerKey },
  });
  return { changed: true };
}

/**
 * A case handed to this provider, in this org, by id (a quoted message's) or by number, with the
 * provider's name: the only cases a provider's group may write on or learn of.
 */
export async function caseOfProvider(
  db: Knex | Knex.Transaction,
  p: { orgId: string; providerId: string; caseId?: string; number?: string },
): Promise<{ id: string; number: string; provider: string } | undefined> {
  return db('cases')
    .join('providers', 'providers.id', 'cases.provider_id')
    .select('cases.id', 'cases.number', 'providers.name as provider')
    .where({ 'cases.org_id': p.orgId, 'cases.provider_id': p.providerId, 'providers.org_id': p.orgId })
    .andWhere((q) => (p.caseId ? q.where('cases.id', p.caseId) : q.where('cases.number', p.number ?? '')))
    .first();
}

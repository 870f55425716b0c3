import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import type { ProviderCreate, ProviderSettings, ProviderUpdate } from '../contracts/providers.ts';
import { notFound, validationFailed } from '../errors/index.ts';
import { latestRiskOf } from './provider-timeline.ts';

/**
 * A provider's settings (seed 004 section 4.4.1): name, API or manual, the case types it handles,
 * the time it is given to answer, how staff reach it and whether a case waiting on it goes to its
 * LINE group. Its risk level is the provider report's, never set by hand; its pause is
 * provider-pause.ts's. Every write is one transaction with its audit row.
 */
type Db = Knex | Knex.Transaction;

export interface ProviderWriter {
  orgId: string;
  /** `system`: a starter kit applied by the platform operator (core/orgs/starter-kits.ts). */
  actor: { type: 'api_key' | 'staff' | 'system'; id?: string | null };
  requestId?: string;
}

const json = <T>(v: unknown, fallback: T): T => (v === null || v === undefined ? fallback : typeof v === 'string' ? JSON.parse(v) : (v as T));

function view(p: Record<string, any>, risk: Map<string, { level: string; flagged: boolean }>): ProviderSettings {
  return {
    key: p.key,
    name: p.name,
    kind: p.kind,
    active: Boolean(p.is_active),
    paused: p.paused_at !== null,
    pausedAt: p.paused_at ? new Date(p.paused_at).toISOString() : null,
    pauseReason: p.pause_reason ?? null,
    caseTypeKeys: json<string[]>(p.case_type_keys, []),
    defaultSlaMinutes: p.default_sla_minutes ?? null,
    contact: json<Record<string, string>>(p.contact, {}),
    notifyBy: p.notify_by,
    notes: p.notes ?? null,
    risk: risk.get(p.id) ?? null,
  };
}

export async function listProviderSettings(db: Db, orgId: string): Promise<ProviderSettings[]> {
  const [rows, risk] = await Promise.all([db('providers').select('*').where({ org_id: orgId }).orderBy('name'), latestRiskOf(db, orgId)]);
  return rows.map((r) => view(r, risk));
}

export async function providerSettingsOf(db: Db, orgId: string, key: string): Promise<ProviderSettings> {
  const row = await db('providers').select('*').where({ org_id: orgId, key }).first();
  if (!row) throw notFound('Provider', { key });
  return view(row, await latestRiskOf(db, orgId));
}

/** Case types it handles must be the org's own: a typo would silently match nothing. */
async function refuseUnknownCaseTypes(trx: Knex.Transaction, orgId: string, keys: string[] | undefined): Promise<void> {
  if (!keys?.length) return;
  const known = new Set((await trx('case_types').select('key').where({ org_id: orgId }).whereIn('key', keys)).map((r) => r.key as string));
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length) {
    throw validationFailed(`Unknown case types: ${unknown.join(', ')}`, unknown.map((k) => ({ path: 'caseTypeKeys', message: `no case type ${k} in this org` })));
  }
}

function columns(input: ProviderUpdate): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  if (input.name !== undefined) c.name = input.name;
  if (input.kind !== undefined) c.kind = input.kind;
  if (input.caseTypeKeys !== undefined) c.case_type_keys = JSON.stringify([...new Set(input.caseTypeKeys)]);
  if (input.defaultSlaMinutes !== undefined) c.default_sla_minutes = input.defaultSlaMinutes;
  if (input.contact !== undefined) c.contact = JSON.stringify(input.contact);
  if (input.notifyBy !== undefined) c.notify_by = input.notifyBy;
  if (input.notes !== undefined) c.notes = input.notes || null;
  if (input.active !== undefined) c.is_active = input.active;
  return c;
}

export async function createProvider(knex: Knex, w: ProviderWriter, input: ProviderCreate): Promise<ProviderSettings> {
  await knex.transaction(async (trx) => {
    await refuseUnknownCaseTypes(trx, w.orgId, input.caseTypeKeys);
    // A key taken is the database's unique violation: 409 already_exists (core/errors/sqlstate.ts).
    const [row] = await trx('providers')
      .insert({ org_id: w.orgId, key: input.key, ...columns(input) })
      .returning('id');
    await recordAudit(trx, { orgId: w.orgId, actorType: w.actor.type, actorId: w.actor.id, action: 'provider.created', subjectType: 'provider', subjectId: row.id, details: { ...input }, requestId: w.requestId });
  });
  return providerSettingsOf(knex, w.orgId, input.key);
}

export async function updateProvider(knex: Knex, w: ProviderWriter, key: string, patch: ProviderUpdate): Promise<ProviderSettings> {
  await knex.transaction(async (trx) => {
    const current = await trx('providers').select('*').where({ org_id: w.orgId, key }).forUpdate().first();
    if (!current) throw notFound('Provider', { key });
    await refuseUnknownCaseTypes(trx, w.orgId, patch.caseTypeKeys);
    await trx('providers').where({ id: current.id }).update(columns(patch));
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, current[{ caseTypeKeys: 'case_type_keys', defaultSlaMinutes: 'default_sla_minutes', notifyBy: 'notify_by', active: 'is_active' }[k] ?? k]]));
    await recordAudit(trx, { orgId: w.orgId, actorType: w.actor.type, actorId: w.actor.id, action: 'provider.updated', subjectType: 'provider', subjectId: current.id, details: { key, before, after: patch }, requestId: w.requestId });
  });
  return providerSettingsOf(knex, w.orgId, key);
}

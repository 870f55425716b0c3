import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { whereOrgServed, type LiffOrgScope } from '../access/liff-org-scope.ts';
import { issueApiKey, type ApiKeyHasher } from '../api-keys/api-key-service.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { BUSINESS_TYPES, ORG_STATUSES, StarterKit } from '../contracts/tenants.ts';
import { DomainError, notFound } from '../errors/index.ts';
import { installStartingTexts, type StartingText } from '../templates/template-admin.ts';
import { issueInvitation } from './org-invitations.ts';
import { applyStarterKit, type KitResult } from './starter-kits.ts';
import { changingOrg } from '../db/org-cache.ts';

/**
 * The businesses one deployment serves, as the platform operator sees and changes them
 * (`/platform/v1/orgs`). An org is created active, with a one-time invitation for its first admin;
 * it may be suspended (nothing new is taken in: its webhooks are answered and not stored, its
 * people are told) and resumed; deleting is org-deletion.ts.
 */
export type OrgStatus = (typeof ORG_STATUSES)[number];
export type OrgLimits = { api?: { points: number; seconds: number } | null; botMessagesPerDay?: number | null; storageMb?: number | null; llmTokensPerDay?: number | null };

export interface OrgRecord {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  languages: ('th' | 'en')[];
  businessType: string | null;
  status: OrgStatus;
  isDefault: boolean;
  starterKits: string[];
  lineLoginChannelId: string | null;
  refusedDeliveries: number;
  /** The operator's limits for this org over the deployment's defaults (`api`: its API keys together; null: none). */
  limits: OrgLimits;
  suspendedAt: Date | null;
  deletionDueAt: Date | null;
  createdAt: Date;
}

const record = (r: Record<string, any>): OrgRecord => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  timeZone: r.time_zone,
  languages: r.languages,
  businessType: r.business_type,
  status: r.status,
  isDefault: Boolean(r.is_default),
  starterKits: r.starter_kits ?? [],
  lineLoginChannelId: r.line_login_channel_id,
  refusedDeliveries: r.refused_deliveries,
  limits: r.limits ?? {},
  suspendedAt: r.suspended_at,
  deletionDueAt: r.deletion_due_at,
  createdAt: r.created_at,
});

/** The operator acts from outside every org: the audit log of the org names them as the system. */
const PLATFORM = { type: 'system' as const, id: null };

export async function listOrgs(db: Knex): Promise<OrgRecord[]> {
  return (await db('orgs').select('*').orderBy('created_at')).map(record);
}

export async function getOrgRecord(db: Knex | Knex.Transaction, id: string): Promise<OrgRecord> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Org');
  const row = await db('orgs').select('*').where({ id }).first();
  if (!row) throw notFound('Org');
  return record(row);
}

/** A slug from the name (Latin letters and digits), or `org`, made unique with a short suffix when taken. */
async function freeSlug(trx: Knex.Transaction, name: string, asked?: string): Promise<string> {
  if (asked) {
    if (await trx('orgs').where({ slug: asked }).first('id')) throw new DomainError('already_exists', `An org with the slug ${asked} exists already`, { slug: asked });
    return asked;
  }
  const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'org';
  const taken = await trx('orgs').where({ slug: base }).first('id');
  return taken ? `${base}-${randomBytes(3).toString('hex')}` : base;
}

export interface NewOrg {
  name: string;
  slug?: string;
  timeZone: string;
  languages: ('th' | 'en')[];
  businessType: (typeof BUSINESS_TYPES)[number];
  starterKit?: StarterKit;
  lineLoginChannelId?: string;
  adminApiKey: boolean;
}

/** What every new org starts with, whatever its kind: the texts the product sends its customers. */
export interface OrgStartingSet {
  texts: readonly StartingText[];
}

export interface CreatedOrg {
  org: OrgRecord;
  invitation: { token: string; expiresAt: Date };
  adminApiKey?: string;
  kit?: KitResult;
}

/**
 * The org, its first admin's invitation (and, when asked, an admin API key) commit together; the
 * starter kit is applied next, through the owners of what it adds, and can be applied again.
 */
export async function createOrg(knex: Knex, hasher: ApiKeyHasher, o: NewOrg, starting: OrgStartingSet): Promise<CreatedOrg> {
  const made = await knex.transaction(async (trx) => {
    if (o.lineLoginChannelId && (await trx('orgs').where({ line_login_channel_id: o.lineLoginChannelId }).first('id'))) {
      throw new DomainError('conflict', 'This LINE Login channel already belongs to another business', { reason: 'login_channel_taken' });
    }
    const slug = await freeSlug(trx, o.name, o.slug);
    const [row] = await trx('orgs')
      .insert({
        slug,
        name: o.name,
        time_zone: o.timeZone,
        default_language: o.languages[0],
        languages: JSON.stringify(o.languages),
        business_type: o.businessType,
        line_login_channel_id: o.lineLoginChannelId ?? null,
      })
      .returning('*');
    await recordAudit(trx, { orgId: row.id, actorType: PLATFORM.type, action: 'org.created', subjectType: 'org', subjectId: row.id, details: { by: 'platform', name: o.name, businessType: o.businessType } });
    await installStartingTexts(trx, row.id, starting.texts);
    const invitation = await issueInvitation(trx, row.id);
    const key = o.adminApiKey ? await issueApiKey(trx, hasher, { orgId: row.id, name: 'admin (issued with the org)', role: 'admin' }) : undefined;
    return { id: row.id as string, invitation, adminApiKey: key?.key };
  });
  const kit = o.starterKit ? await applyKit(knex, made.id, o.starterKit, PLATFORM) : undefined;
  return { org: await getOrgRecord(knex, made.id), invitation: made.invitation, adminApiKey: made.adminApiKey, kit };
}

/** Applies a kit and notes it on the org (once); refused while the org is being deleted. */
export async function applyKit(knex: Knex, orgId: string, kit: StarterKit, actor: { type: 'api_key' | 'staff' | 'system'; id?: string | null }, requestId?: string): Promise<KitResult> {
  const org = await getOrgRecord(knex, orgId);
  if (org.status === 'deleting') throw new DomainError('conflict', 'This org is being deleted', { reason: 'org_deleting' });
  const result = await applyStarterKit(knex, orgId, kit, actor, requestId);
  await knex('orgs')
    .where({ id: orgId })
    .whereRaw('NOT (starter_kits @> ?::jsonb)', [JSON.stringify([kit])])
    .update({ starter_kits: knex.raw(`starter_kits || ?::jsonb`, [JSON.stringify([kit])]) });
  return result;
}

async function changeStatus(knex: Knex, id: string, from: OrgStatus, to: OrgStatus, action: string): Promise<OrgRecord> {
  return changingOrg(knex, id, async (trx) => {
    const org = await getOrgRecord(trx, id);
    if (org.status === to) return org;
    if (org.status !== from) throw new DomainError('conflict', `The org is ${org.status}`, { reason: `org_${org.status}`, status: org.status });
    if (org.isDefault && to === 'suspended') throw new DomainError('conflict', 'The default org cannot be suspended', { reason: 'default_org' });
    await trx('orgs').where({ id }).update({ status: to, suspended_at: to === 'suspended' ? trx.fn.now() : null });
    await recordAudit(trx, { orgId: id, actorType: PLATFORM.type, action, subjectType: 'org', subjectId: id, details: { by: 'platform' } });
    return getOrgRecord(trx, id);
  });
}

export const suspendOrg = (knex: Knex, id: string) => changeStatus(knex, id, 'active', 'suspended', 'org.suspended');
export const resumeOrg = (knex: Knex, id: string) => changeStatus(knex, id, 'suspended', 'active', 'org.resumed');

/** Whether an org has this LINE Login channel of its own (so a token issued for it is checked for it). */
export async function hasOwnLoginChannel(db: Knex, loginChannelId: string): Promise<boolean> {
  return Boolean(await db('orgs').where({ line_login_channel_id: loginChannelId }).whereNot({ status: 'deleting' }).first('id'));
}

/** The org a customer's LIFF sign-in books with: the one the page names, else the default org first. */
export async function orgServing(db: Knex, scope: LiffOrgScope): Promise<{ id: string; slug: string } | undefined> {
  return whereOrgServed(db('orgs as o').select('o.id', 'o.slug').where('o.status', 'active').orderBy('o.is_default', 'desc').orderBy('o.created_at'), scope).first();
}

/**
 * The operator sets an org's own limits: a limit given replaces the default for it (null: none at
 * all), a limit left out goes back to the default. Audited on the org.
 */
export async function setOrgLimits(knex: Knex, id: string, limits: OrgLimits): Promise<OrgRecord> {
  return changingOrg(knex, id, async (trx) => {
    const before = await getOrgRecord(trx, id);
    await trx('orgs').where({ id }).update({ limits: JSON.stringify(limits) });
    await recordAudit(trx, { orgId: id, actorType: PLATFORM.type, action: 'org.limits_set', subjectType: 'org', subjectId: id, details: { by: 'platform', before: before.limits, after: limits } });
    return getOrgRecord(trx, id);
  });
}

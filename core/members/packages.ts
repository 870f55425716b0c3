import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import { DomainError, isUniqueViolation, notFound, validationFailed } from '../errors/index.ts';

/**
 * The packages an org sells (n credits of some services, a price, days of validity): the one
 * writer of `member_packages`. A change is for what is sold from now on (its `version` goes up);
 * each package sold copied its terms when it was sold (package-sales.ts).
 */
type Db = Knex | Knex.Transaction;

export interface PackageTerms {
  key: string;
  nameTh: string;
  nameEn: string;
  credits: number;
  services: string[];
  priceMinor: number;
  currency: string;
  validityDays: number;
}

export interface MemberPackage extends PackageTerms {
  id: string;
  serviceIds: string[];
  isActive: boolean;
  version: number;
  updatedAt: string;
}

/** The services' ids by key, refusing (422 on `services`) a key the org has not. */
async function serviceIds(db: Db, orgId: string, keys: string[]): Promise<string[]> {
  const rows = await db('services').where({ org_id: orgId }).whereIn('key', keys).select('id', 'key');
  const missing = keys.filter((k) => !rows.some((r) => r.key === k));
  if (missing.length) throw validationFailed('The package is not valid', [{ path: 'services', message: `No service ${missing.join(', ')}` }]);
  return keys.map((k) => rows.find((r) => r.key === k)!.id);
}

/** Service keys of ids (a service's key may have changed since: read now). */
export async function serviceKeys(db: Db, orgId: string, ids: string[]): Promise<string[]> {
  const rows = await db('services').where({ org_id: orgId }).whereIn('id', ids).select('id', 'key');
  return ids.map((id) => rows.find((r) => r.id === id)?.key ?? id);
}

async function view(db: Db, r: Record<string, unknown>): Promise<MemberPackage> {
  const ids = r.service_ids as string[];
  return {
    id: r.id as string,
    key: r.key as string,
    nameTh: r.name_th as string,
    nameEn: r.name_en as string,
    credits: r.credits as number,
    services: await serviceKeys(db, r.org_id as string, ids),
    serviceIds: ids,
    priceMinor: Number(r.price_minor),
    currency: r.currency as string,
    validityDays: r.validity_days as number,
    isActive: r.is_active as boolean,
    version: r.version as number,
    updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}

export async function listPackages(db: Db, orgId: string): Promise<MemberPackage[]> {
  const rows = await db('member_packages').where({ org_id: orgId }).orderBy('key');
  return Promise.all(rows.map((r) => view(db, r)));
}

export async function packageByKey(db: Db, orgId: string, key: string): Promise<MemberPackage> {
  const r = await db('member_packages').where({ org_id: orgId, key }).first();
  if (!r) throw notFound('Package', { key });
  return view(db, r);
}

type Writer = { orgId: string; actor: { type: 'api_key' | 'staff'; id: string | null } };

export async function createPackage(trx: Knex.Transaction, w: Writer, p: PackageTerms): Promise<MemberPackage> {
  const ids = await serviceIds(trx, w.orgId, p.services);
  try {
    const [row] = await trx('member_packages')
      .insert({ org_id: w.orgId, key: p.key, name_th: p.nameTh, name_en: p.nameEn, credits: p.credits, service_ids: ids, price_minor: p.priceMinor, currency: p.currency, validity_days: p.validityDays })
      .returning('*');
    await recordAudit(trx, { orgId: w.orgId, actorType: w.actor.type, actorId: w.actor.id, action: 'member_package.created', subjectType: 'member_package', subjectId: row.id, details: { after: p } });
    return view(trx, row);
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('already_exists', `A package ${p.key} exists already`, { key: p.key });
    throw err;
  }
}

export async function changePackage(trx: Knex.Transaction, w: Writer, key: string, c: Partial<Omit<PackageTerms, 'key' | 'currency'>> & { isActive?: boolean }): Promise<MemberPackage> {
  const before = await trx('member_packages').where({ org_id: w.orgId, key }).forUpdate().first();
  if (!before) throw notFound('Package', { key });
  const set: Record<string, unknown> = { version: before.version + 1, updated_at: trx.fn.now() };
  if (c.nameTh !== undefined) set.name_th = c.nameTh;
  if (c.nameEn !== undefined) set.name_en = c.nameEn;
  if (c.credits !== undefined) set.credits = c.credits;
  if (c.services !== undefined) set.service_ids = await serviceIds(trx, w.orgId, c.services);
  if (c.priceMinor !== undefined) set.price_minor = c.priceMinor;
  if (c.validityDays !== undefined) set.validity_days = c.validityDays;
  if (c.isActive !== undefined) set.is_active = c.isActive;
  const [row] = await trx('member_packages').where({ id: before.id }).update(set).returning('*');
  await recordAudit(trx, { orgId: w.orgId, actorType: w.actor.type, actorId: w.actor.id, action: 'member_package.changed', subjectType: 'member_package', subjectId: row.id, details: { before: await view(trx, before), after: c } });
  return view(trx, row);
}

/** The packages on sale online, with the names of the services a credit pays for (the member card's offers). */
export async function packagesOnSale(db: Db, orgId: string) {
  const rows = await db('member_packages').where({ org_id: orgId, is_active: true }).where('price_minor', '>', 0).orderBy('price_minor');
  const ids = [...new Set(rows.flatMap((r) => r.service_ids as string[]))];
  const services = await db('services').where({ org_id: orgId }).whereIn('id', ids).select('id', 'name_th', 'name_en');
  return rows.map((r) => ({
    key: r.key as string,
    nameTh: r.name_th as string,
    nameEn: r.name_en as string,
    credits: r.credits as number,
    services: (r.service_ids as string[]).map((id) => services.find((x) => x.id === id)).filter(Boolean).map((x) => ({ th: (x.name_th ?? x.name_en ?? '') as string, en: (x.name_en ?? x.name_th ?? '') as string })),
    priceMinor: Number(r.price_minor),
    currency: r.currency as string,
    validityDays: r.validity_days as number,
  }));
}

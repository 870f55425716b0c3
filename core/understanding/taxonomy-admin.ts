import type { Knex } from 'knex';
import { iso } from '../time/iso.ts';
import { phrasingsOf } from '../contracts/faq-phrasings.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { changingOrg, orgCachedShared } from '../db/org-cache.ts';
import type {
  CaseTypeCreate,
  CaseTypeUpdate,
  CaseTypeView,
  ExamplesInput,
  FaqCreate,
  FaqUpdate,
  FaqView,
  ServiceCreate,
  ServiceUpdate,
  ServiceView,
} from '../contracts/taxonomy.ts';
import { DomainError, notFound, translateDbError, validationFailed } from '../errors/index.ts';
import { calendarOfOrg } from '../sla/business-calendar.ts';


/** Which steps of a case of this type the customer is told about. */
export interface CaseTypeNotify {
  created: boolean;
  workStarted: boolean;
  waitingCustomer: boolean;
  /** Ask the customer to rate the case when it is resolved (core/cases/case-satisfaction.ts); off when left out. */
  satisfaction?: boolean;
  resolved: boolean;
}

/** What happens when a case of this type misses its SLA. */
export interface CaseTypeEscalation {
  notifyManagers: boolean;
  /** One step up (low -> normal -> high -> critical). */
  raiseSeverity: boolean;
  /** A staff id to hand the case to, or null to keep the owner. */
  reassignTo: string | null;
}

/** Example customer phrases per language, for the classifier. */
export interface LocalizedExamples {
  th: string[];
  en: string[];
}

/**
 * The business edits its own taxonomy: case types, bookable services and FAQ entries. Every
 * write is one transaction with its audit row; nothing is deleted (deactivating keeps the row, so
 * cases, bookings and decisions that name it keep their history, and it can be switched on again).
 * The classifier reads the same rows through `OrgTaxonomies`, which notices the change on the next
 * message: no retraining, no restart.
 *
 * Keys are lower snake case and unique per org; a duplicate surfaces as the database's unique
 * violation and leaves here, through the SQLSTATE translator, as `already_exists` (409).
 */

export interface TaxonomyWriter {
  orgId: string;
  actor: { type: 'api_key' | 'staff' | 'system'; id?: string | null };
  requestId?: string;
}

type Db = Knex | Knex.Transaction;
type Row = Record<string, any>;

// ---------------------------------------------------------------- examples and small helpers

const THAI_LETTER = /[\u0E01-\u0E4E]/;

/** Sorts example phrases by script: a phrase with a Thai letter is Thai, any other English. Trimmed, empty and repeated phrases dropped. */
export function sortExamples(input: ExamplesInput | string[] | undefined): LocalizedExamples {
  const all = input === undefined ? [] : Array.isArray(input) ? input : [...(input.th ?? []), ...(input.en ?? [])];
  const out: LocalizedExamples = { th: [], en: [] };
  const seen = new Set<string>();
  for (const raw of all) {
    const text = raw.trim();
    if (!text || seen.has(text)) continue;
    seen.add(text);
    (THAI_LETTER.test(text) ? out.th : out.en).push(text);
  }
  return out;
}

/** Trimmed, without empties and repeats (case-insensitive), in the order given. */
export function cleanKeywords(input: string[] | undefined): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of input ?? []) {
    const k = raw.trim();
    if (!k || seen.has(k.toLowerCase())) continue;
    seen.add(k.toLowerCase());
    out.push(k);
  }
  return out;
}

const fieldError = (path: string, message: string) => validationFailed('The request body is not valid', [{ path, message }]);

/** The next sort position: new entries go to the end of lists (quick replies show the first few). */
async function nextSortOrder(trx: Knex.Transaction, table: string, orgId: string): Promise<number> {
  const [{ max }] = await trx(table).where({ org_id: orgId }).max({ max: 'sort_order' });
  return max === null || max === undefined ? 0 : Number(max) + 1;
}

// ---------------------------------------------------------------- one engine for three tables

interface Kind<V extends { key: string; isActive: boolean }> {
  table: string;
  /** audit `subject_type` and the action prefix: `case_type.created`. */
  subject: string;
  /** For messages: "Case type". */
  noun: string;
  orderBy: string[];
  view(row: Row): V;
}

async function list<V extends { key: string; isActive: boolean }>(db: Db, kind: Kind<V>, orgId: string, opts: { includeInactive?: boolean } = {}): Promise<V[]> {
  const q = db(kind.table).select('*').where({ org_id: orgId }).orderBy(kind.orderBy);
  if (!opts.includeInactive) q.andWhere({ is_active: true });
  return (await q).map(kind.view);
}

/** An active entry by key, or undefined: what the bot may offer or answer with. */
/**
 * An active entry as the bot reads it for an answer (a FAQ entry's answer, a service's name and
 * form): from the org's active entries of its kind, kept in memory with the org's settings until a
 * committed change to the table is notified (core/db/org-cache.ts; the tables' triggers, migration
 * 20261204100000). Shared and frozen: its readers only read. This module's writes drop this
 * process's copy at commit (`changingOrg`), so an admin's next read is what they saved.
 */
async function activeEntries<V extends { key: string; isActive: boolean }>(db: Db, kind: Kind<V>, orgId: string): Promise<Readonly<Record<string, Readonly<V>>>> {
  const active = await orgCachedShared(db, `active ${kind.table}`, orgId, async (q) =>
    Object.fromEntries((await q(kind.table).where({ org_id: orgId, is_active: true })).map((row: Row) => [row.key, kind.view(row)])),
  );
  return (active ?? {}) as Readonly<Record<string, Readonly<V>>>;
}
async function findActive<V extends { key: string; isActive: boolean }>(db: Db, kind: Kind<V>, orgId: string, key: string): Promise<V | undefined> {
  const active = await activeEntries(db, kind, orgId);
  return Object.hasOwn(active, key) ? (active[key] as V) : undefined;
}
async function get<V extends { key: string; isActive: boolean }>(db: Db, kind: Kind<V>, orgId: string, key: string): Promise<V> {
  const row = await db(kind.table).where({ org_id: orgId, key }).first();
  if (!row) throw notFound(kind.noun, { key });
  return kind.view(row);
}

async function create<V extends { key: string; isActive: boolean }>(
  knex: Knex,
  kind: Kind<V>,
  w: TaxonomyWriter,
  key: string,
  columns: (trx: Knex.Transaction) => Promise<Row>,
): Promise<V> {
  try {
    return await changingOrg(knex, w.orgId, async (trx) => {
      const values = await columns(trx);
      const [row] = await trx(kind.table).insert({ ...values, org_id: w.orgId, key }).returning('*');
      const view = kind.view(row);
      await audit(trx, kind, w, 'created', row.id, { key, values: auditable(view) });
      return view;
    });
  } catch (err) {
    throw duplicateKey(err, kind, key);
  }
}

async function update<V extends { key: string; isActive: boolean }>(
  knex: Knex,
  kind: Kind<V>,
  w: TaxonomyWriter,
  key: string,
  columns: (trx: Knex.Transaction, current: Row) => Promise<Row>,
  action: 'updated' | 'deactivated' = 'updated',
): Promise<V> {
  return changingOrg(knex, w.orgId, async (trx) => {
    const current = await trx(kind.table).where({ org_id: w.orgId, key }).forUpdate().first();
    if (!current) throw notFound(kind.noun, { key });
    const before = kind.view(current);
    const values = await columns(trx, current);
    const changed = changes(auditable(before), auditable(kind.view({ ...current, ...values })));
    // Nothing to change: no write, no audit row, and the classifier's cache stays valid.
    if (Object.keys(changed).length === 0) return before;
    const [row] = await trx(kind.table).where({ id: current.id }).update(values).returning('*');
    await audit(trx, kind, w, action, row.id, { key, changes: changed });
    return kind.view(row);
  });
}

async function audit(trx: Knex.Transaction, kind: Kind<any>, w: TaxonomyWriter, action: string, id: string, details: Record<string, unknown>) {
  await recordAudit(trx, {
    orgId: w.orgId,
    actorType: w.actor.type,
    actorId: w.actor.id ?? null,
    action: `${kind.subject}.${action}`,
    subjectType: kind.subject,
    subjectId: id,
    details,
    requestId: w.requestId,
  });
}

/** What an audit row says about an entry: everything but its id and timestamps. */
function auditable(view: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = view;
  return rest;
}

function changes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of Object.keys(after)) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) out[field] = { from: before[field], to: after[field] };
  }
  return out;
}

function duplicateKey(err: unknown, kind: Kind<any>, key: string): unknown {
  const translated = translateDbError(err);
  if (translated instanceof DomainError && translated.code === 'already_exists') {
    return new DomainError('already_exists', `${kind.noun} "${key}" already exists`, { key, ...(translated.details as object) }, { cause: err });
  }
  return translated;
}

// ---------------------------------------------------------------- case types

// The satisfaction question is off until an admin turns it on for the case type.
const DEFAULT_NOTIFY: CaseTypeNotify = { created: true, workStarted: true, waitingCustomer: true, resolved: true, satisfaction: false };
const DEFAULT_ESCALATION: CaseTypeEscalation = { notifyManagers: true, raiseSeverity: false, reassignTo: null };

const caseTypes: Kind<CaseTypeView> = {
  table: 'case_types',
  subject: 'case_type',
  noun: 'Case type',
  orderBy: ['sort_order', 'key'],
  view: (r) => ({
    id: r.id,
    key: r.key,
    name: { th: r.name_th, en: r.name_en },
    category: r.category,
    defaultSeverity: r.default_severity,
    firstResponseMinutes: r.first_response_minutes,
    resolutionMinutes: r.resolution_minutes,
    requiresProvider: r.requires_provider,
    requiresOrderId: r.requires_order_id,
    notify: { ...DEFAULT_NOTIFY, ...parseJson(r.notify) } as Required<CaseTypeNotify>,
    escalation: { ...DEFAULT_ESCALATION, ...parseJson(r.escalation) },
    warnAtRatio: Number(r.warn_at_ratio),
    keywords: r.keywords ?? [],
    examples: { th: [], en: [], ...parseJson(r.examples) },
    description: r.description ?? null,
    sop: r.sop ?? null,
    isActive: r.is_active,
    sortOrder: r.sort_order,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }),
};

/** jsonb arrives parsed from the driver; a value written in this transaction as a JSON string is read back too. */
function parseJson(v: unknown): Record<string, any> {
  if (typeof v === 'string') return JSON.parse(v);
  return (v as Record<string, any>) ?? {};
}

/** A reassignment target must be an active staff member of the org. */
async function checkReassignTo(trx: Knex.Transaction, orgId: string, staffId: string | null | undefined) {
  if (!staffId) return;
  const staff = await trx('staff').where({ org_id: orgId, id: staffId, is_active: true }).first('id');
  if (!staff) {
    throw new DomainError('invalid_reference', 'escalation.reassignTo is not an active staff member of this org', [
      { path: 'escalation.reassignTo', message: 'no active staff member with this id' },
    ]);
  }
}

export const listCaseTypes = (db: Db, orgId: string, opts?: { includeInactive?: boolean }) => list(db, caseTypes, orgId, opts);
export const getCaseType = (db: Db, orgId: string, key: string) => get(db, caseTypes, orgId, key);
export const activeCaseType = (db: Db, orgId: string, key: string) => findActive(db, caseTypes, orgId, key);

/** The active case types whose cases need an order id ("requires order id"). */
export const caseTypesNeedingOrderId = async (db: Db, orgId: string): Promise<string[]> =>
  Object.values(await activeEntries(db, caseTypes, orgId))
    .filter((t) => t.requiresOrderId)
    .map((t) => t.key);

export function createCaseType(knex: Knex, w: TaxonomyWriter, input: CaseTypeCreate): Promise<CaseTypeView> {
  return create(knex, caseTypes, w, input.key, async (trx) => {
    await checkReassignTo(trx, w.orgId, input.escalation?.reassignTo);
    return {
      name_th: input.name.th,
      name_en: input.name.en,
      category: input.category,
      default_severity: input.defaultSeverity,
      first_response_minutes: input.firstResponseMinutes,
      resolution_minutes: input.resolutionMinutes,
      requires_provider: input.requiresProvider,
      requires_order_id: input.requiresOrderId,
      notify: JSON.stringify({ ...DEFAULT_NOTIFY, ...input.notify }),
      escalation: JSON.stringify({ ...DEFAULT_ESCALATION, ...input.escalation }),
      ...(input.warnAtRatio !== undefined ? { warn_at_ratio: input.warnAtRatio } : {}),
      keywords: cleanKeywords(input.keywords),
      examples: JSON.stringify(sortExamples(input.examples)),
      description: input.description ?? null,
      sop: input.sop ?? null,
      sort_order: input.sortOrder ?? (await nextSortOrder(trx, 'case_types', w.orgId)),
    };
  });
}

export function updateCaseType(knex: Knex, w: TaxonomyWriter, key: string, patch: CaseTypeUpdate): Promise<CaseTypeView> {
  return update(knex, caseTypes, w, key, async (trx, current) => {
    const first = patch.firstResponseMinutes ?? current.first_response_minutes;
    const resolution = patch.resolutionMinutes ?? current.resolution_minutes;
    if (resolution < first) {
      throw fieldError(patch.resolutionMinutes !== undefined ? 'resolutionMinutes' : 'firstResponseMinutes', `resolutionMinutes (${resolution}) must be at least firstResponseMinutes (${first})`);
    }
    if (patch.escalation?.reassignTo) await checkReassignTo(trx, w.orgId, patch.escalation.reassignTo);
    const v: Row = {};
    if (patch.name?.th !== undefined) v.name_th = patch.name.th;
    if (patch.name?.en !== undefined) v.name_en = patch.name.en;
    if (patch.category !== undefined) v.category = patch.category;
    if (patch.defaultSeverity !== undefined) v.default_severity = patch.defaultSeverity;
    if (patch.firstResponseMinutes !== undefined) v.first_response_minutes = patch.firstResponseMinutes;
    if (patch.resolutionMinutes !== undefined) v.resolution_minutes = patch.resolutionMinutes;
    if (patch.requiresProvider !== undefined) v.requires_provider = patch.requiresProvider;
    if (patch.requiresOrderId !== undefined) v.requires_order_id = patch.requiresOrderId;
    if (patch.notify) v.notify = JSON.stringify({ ...DEFAULT_NOTIFY, ...parseJson(current.notify), ...patch.notify });
    if (patch.escalation) v.escalation = JSON.stringify({ ...DEFAULT_ESCALATION, ...parseJson(current.escalation), ...patch.escalation });
    if (patch.warnAtRatio !== undefined) v.warn_at_ratio = patch.warnAtRatio;
    if (patch.keywords) v.keywords = cleanKeywords(patch.keywords);
    if (patch.examples) v.examples = JSON.stringify(sortExamples(patch.examples));
    if (patch.description !== undefined) v.description = patch.description;
    if (patch.sop !== undefined) v.sop = patch.sop;
    if (patch.sortOrder !== undefined) v.sort_order = patch.sortOrder;
    if (patch.isActive !== undefined) v.is_active = patch.isActive;
    return v;
  });
}

/** Deactivates: the classifier stops offering it and no new case opens with it; open cases carry on. */
export function deactivateCaseType(knex: Knex, w: TaxonomyWriter, key: string): Promise<CaseTypeView> {
  return update(knex, caseTypes, w, key, async () => ({ is_active: false }), 'deactivated');
}

// ---------------------------------------------------------------- bookable services

const services: Kind<ServiceView> = {
  table: 'services',
  subject: 'service',
  noun: 'Service',
  orderBy: ['sort_order', 'key'],
  view: (r) => ({
    id: r.id,
    key: r.key,
    name: { th: r.name_th, en: r.name_en },
    description: r.description ?? null,
    durationMinutes: r.duration_minutes ?? null,
    capacity: r.capacity ?? null,
    // NUMERIC(12,2) arrives as a string; 12 digits are exact in a double, so this only pads ("1500" -> "1500.00").
    price: r.price === null || r.price === undefined ? null : Number(r.price).toFixed(2),
    costMinor: r.cost_minor === null || r.cost_minor === undefined ? null : Number(r.cost_minor),
    currency: r.currency,
    keywords: r.keywords ?? [],
    examples: { th: [], en: [], ...parseJson(r.examples) },
    isActive: r.is_active,
    sortOrder: r.sort_order,
    formFields: r.form_fields === null || r.form_fields === undefined ? null : (parseJson(r.form_fields) as unknown as ServiceView['formFields']),
    hours: r.hours === null || r.hours === undefined ? null : parseJson(r.hours),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }),
};

/** A service's own opening hours, checked as the business calendar checks hours (a period of no length, a week with none are refused). */
function serviceHoursColumn(hours: ServiceCreate['hours']): string | null {
  if (!hours) return null;
  calendarOfOrg({ business_hours: hours });
  return JSON.stringify(hours);
}

export const listServices = (db: Db, orgId: string, opts?: { includeInactive?: boolean }) => list(db, services, orgId, opts);
export const getService = (db: Db, orgId: string, key: string) => get(db, services, orgId, key);
export const activeService = (db: Db, orgId: string, key: string) => findActive(db, services, orgId, key);

export function createService(knex: Knex, w: TaxonomyWriter, input: ServiceCreate): Promise<ServiceView> {
  return create(knex, services, w, input.key, async (trx) => ({
    name_th: input.name.th,
    name_en: input.name.en,
    description: input.description ?? null,
    duration_minutes: input.durationMinutes ?? null,
    capacity: input.capacity ?? null,
    price: input.price ?? null,
    cost_minor: input.costMinor ?? null,
    currency: input.currency,
    keywords: cleanKeywords(input.keywords),
    examples: JSON.stringify(sortExamples(input.examples)),
    sort_order: input.sortOrder ?? (await nextSortOrder(trx, 'services', w.orgId)),
    form_fields: input.formFields ? JSON.stringify(input.formFields) : null,
    hours: serviceHoursColumn(input.hours),
  }));
}

export function updateService(knex: Knex, w: TaxonomyWriter, key: string, patch: ServiceUpdate): Promise<ServiceView> {
  return update(knex, services, w, key, async () => {
    const v: Row = {};
    if (patch.name?.th !== undefined) v.name_th = patch.name.th;
    if (patch.name?.en !== undefined) v.name_en = patch.name.en;
    if (patch.description !== undefined) v.description = patch.description;
    if (patch.durationMinutes !== undefined) v.duration_minutes = patch.durationMinutes;
    if (patch.capacity !== undefined) v.capacity = patch.capacity;
    if (patch.price !== undefined) v.price = patch.price;
    if (patch.costMinor !== undefined) v.cost_minor = patch.costMinor;
    if (patch.currency !== undefined) v.currency = patch.currency;
    if (patch.keywords) v.keywords = cleanKeywords(patch.keywords);
    if (patch.examples) v.examples = JSON.stringify(sortExamples(patch.examples));
    if (patch.sortOrder !== undefined) v.sort_order = patch.sortOrder;
    if (patch.isActive !== undefined) v.is_active = patch.isActive;
    if (patch.formFields !== undefined) v.form_fields = patch.formFields ? JSON.stringify(patch.formFields) : null;
    if (patch.hours !== undefined) v.hours = serviceHoursColumn(patch.hours);
    return v;
  });
}

/** Deactivates: no longer bookable or offered; bookings made with it keep it. */
export function deactivateService(knex: Knex, w: TaxonomyWriter, key: string): Promise<ServiceView> {
  return update(knex, services, w, key, async () => ({ is_active: false }), 'deactivated');
}

// ---------------------------------------------------------------- FAQ entries

const faq: Kind<FaqView> = {
  table: 'faq_entries',
  subject: 'faq_entry',
  noun: 'FAQ entry',
  orderBy: ['key'],
  view: (r) => ({
    id: r.id,
    key: r.key,
    question: { th: r.question_th ?? null, en: r.question_en ?? null },
    answer: { th: r.answer_th, en: r.answer_en },
    keywords: r.keywords ?? [],
    isActive: r.is_active,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }),
};

export const listFaqEntries = (db: Db, orgId: string, opts?: { includeInactive?: boolean }) => list(db, faq, orgId, opts);
export const getFaqEntry = (db: Db, orgId: string, key: string) => get(db, faq, orgId, key);
export const activeFaqEntry = (db: Db, orgId: string, key: string) => findActive(db, faq, orgId, key);

export function createFaqEntry(knex: Knex, w: TaxonomyWriter, input: FaqCreate): Promise<FaqView> {
  return create(knex, faq, w, input.key, async () => ({
    question_th: input.question.th ?? null,
    question_en: input.question.en ?? null,
    answer_th: input.answer.th,
    answer_en: input.answer.en,
    keywords: cleanKeywords(input.keywords),
  }));
}

export function updateFaqEntry(knex: Knex, w: TaxonomyWriter, key: string, patch: FaqUpdate): Promise<FaqView> {
  return update(knex, faq, w, key, async (_trx, current) => {
    const v: Row = {};
    if (patch.question) {
      if (patch.question.th !== undefined) v.question_th = patch.question.th;
      if (patch.question.en !== undefined) v.question_en = patch.question.en;
      const th = v.question_th !== undefined ? v.question_th : current.question_th;
      const en = v.question_en !== undefined ? v.question_en : current.question_en;
      if (!th && !en) throw fieldError('question', 'needs th, en or both');
    }
    if (patch.answer?.th !== undefined) v.answer_th = patch.answer.th;
    if (patch.answer?.en !== undefined) v.answer_en = patch.answer.en;
    if (patch.keywords) v.keywords = cleanKeywords(patch.keywords);
    if (patch.isActive !== undefined) v.is_active = patch.isActive;
    return v;
  });
}

/** Deactivates: the bot stops answering with it. */
export function deactivateFaqEntry(knex: Knex, w: TaxonomyWriter, key: string): Promise<FaqView> {
  return update(knex, faq, w, key, async () => ({ is_active: false }), 'deactivated');
}

/** The two lists a staff group's routing picks from. */
export type CatalogList = 'case_types' | 'services';

/** An org's active case types or services in their own order, as a manager picks them in LINE (group set-up). */
export async function catalogChoices(db: Db, orgId: string, list: CatalogList, limit: number): Promise<{ id: string; key: string; name: { th: string; en: string } }[]> {
  const rows: { id: string; key: string; name_th: string; name_en: string }[] = await db(list)
    .select('id', 'key', 'name_th', 'name_en')
    .where({ org_id: orgId, is_active: true })
    .orderBy('sort_order')
    .limit(limit);
  return rows.map((r) => ({ id: r.id, key: r.key, name: { th: r.name_th, en: r.name_en } }));
}

/** The key of an org's case type in use, by its id (a button names the type by id: a key may be too long for it); undefined otherwise. */
export async function activeCaseTypeKey(db: Db, orgId: string, id: string): Promise<string | undefined> {
  const row = await db('case_types').select('key').where({ org_id: orgId, id, is_active: true }).first();
  return row?.key;
}

/** Of these keys, in their order, those the org's list has (active or not). */
export async function keysInCatalog(db: Db, orgId: string, list: CatalogList, keys: string[]): Promise<string[]> {
  const known: string[] = await db(list).where({ org_id: orgId }).whereIn('key', keys).pluck('key');
  return keys.filter((k) => known.includes(k));
}

// ---------------------------------------------------------------- one phrase at a time (learned from staff)

/** The entries that take example phrases, by the name the learned examples use. */
/** A class staff can teach an example phrase to: a case type's or a service's examples, a FAQ entry's ways of asking. */
export type ExampleClass = 'case_type' | 'service' | 'faq';
const withExamples: Record<ExampleClass, Kind<{ key: string; isActive: boolean }>> = { case_type: caseTypes, service: services, faq };

const phrasesOf = (row: Row): string[] => {
  const ex = parseJson(row.examples);
  return [...(ex.th ?? []), ...(ex.en ?? [])];
};

/** A FAQ entry's ways of asking, Thai and English: each an example phrase to the classifiers. */
const waysOfAsking = (row: Row): string[] => [...phrasingsOf(row.question_th ?? ''), ...phrasingsOf(row.question_en ?? '')];

/** Every example phrase of a class's row, whatever the class keeps them in. */
export const examplePhrasesOf = (kind: ExampleClass, row: Row): string[] => (kind === 'faq' ? waysOfAsking(row) : phrasesOf(row));

/** A FAQ entry's ways of asking with `phrase` added (to the Thai ones when it has a Thai letter) or those `same` names taken out, one per line as the Settings app saves them. */
function faqQuestions(row: Row, change: { add: string } | { drop: (phrase: string) => boolean }): Row {
  const keep = (q: string | null) => phrasingsOf(q ?? '').filter((p) => !('drop' in change && change.drop(p)));
  const th = keep(row.question_th);
  const en = keep(row.question_en);
  if ('add' in change) (THAI_LETTER.test(change.add) ? th : en).push(change.add);
  // An entry is always asked some way: its last way of asking stays.
  if (!th.length && !en.length) return {};
  return { question_th: th.length ? th.join('\n') : null, question_en: en.length ? en.join('\n') : null };
}

/**
 * Adds one example phrase to a case type or a service (a way of asking to a FAQ entry), as a PATCH
 * of its examples would (one audit row, the classifier sees it on the next message). Inside the
 * caller's transaction, so a learned example and the suggestion that records it commit together.
 */
export async function addExamplePhrase(db: Db, w: TaxonomyWriter, kind: ExampleClass, key: string, phrase: string): Promise<void> {
  await update(db as Knex, withExamples[kind], w, key, async (_trx, current) =>
    kind === 'faq' ? faqQuestions(current, { add: phrase }) : { examples: JSON.stringify(sortExamples([...phrasesOf(current), phrase])) },
  );
}

/** Takes out of a class's examples (a FAQ entry's ways of asking) every phrase `same` says is this one. */
export async function removeExamplePhrase(db: Db, w: TaxonomyWriter, kind: ExampleClass, key: string, same: (phrase: string) => boolean): Promise<void> {
  await update(db as Knex, withExamples[kind], w, key, async (_trx, current) =>
    kind === 'faq' ? faqQuestions(current, { drop: same }) : { examples: JSON.stringify(sortExamples(phrasesOf(current).filter((p) => !same(p)))) },
  );
}

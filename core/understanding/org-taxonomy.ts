import type { Knex } from 'knex';
import { orgCached } from '../db/org-cache.ts';
import type { FaqEntry, Taxonomy } from './taxonomy.ts';

/**
 * An org's taxonomy, read from its own master data (case types, bookable services, FAQ). An edit
 * through the admin API is used from the next message on: each lookup asks the database for a
 * cheap version of the master data (row counts and the sum of their row versions) and reloads
 * only when it moved.
 * The classifiers cache their indexes by content, so an unchanged taxonomy is never re-indexed.
 */
interface Cached {
  version: string;
  taxonomy: Taxonomy;
}

export class OrgTaxonomies {
  readonly #knex: Knex;
  readonly #cache = new Map<string, Cached>();

  constructor(knex: Knex) {
    this.#knex = knex;
  }

  /**
   * `db`: what a miss is read with: the caller's transaction when it is in one. A second connection
   * taken from the pool while holding one could wait on a pool its peers hold, and on the embedded
   * database, one session held by the transaction, would wait for ever.
   */
  async of(orgId: string, db: Knex | Knex.Transaction = this.#knex): Promise<Taxonomy> {
    // Kept with the org's settings until a change to the three tables is notified (migration 20261204100000).
    const version = (await orgCached(db, 'taxonomy-version', orgId, (d) => masterDataVersion(d, orgId)))!;
    const hit = this.#cache.get(orgId);
    if (hit && hit.version === version) return hit.taxonomy;
    const taxonomy = await loadOrgTaxonomy(db, orgId);
    this.#cache.set(orgId, { version, taxonomy });
    return taxonomy;
  }
}

async function masterDataVersion(db: Knex | Knex.Transaction, orgId: string): Promise<string> {
  const { rows } = await db.raw<{ rows: { v: string }[] }>(
    // xmin moves with every committed row version, whenever its transaction started.
    `SELECT concat_ws(':',
       (SELECT concat(count(*), '@', sum(xmin::text::bigint)) FROM case_types WHERE org_id = :org),
       (SELECT concat(count(*), '@', sum(xmin::text::bigint)) FROM services WHERE org_id = :org),
       (SELECT concat(count(*), '@', sum(xmin::text::bigint)) FROM faq_entries WHERE org_id = :org)) AS v`,
    { org: orgId },
  );
  return rows[0].v;
}

interface MasterRow {
  key: string;
  name_th: string;
  name_en: string;
  description: string | null;
  keywords: string[];
  examples: { th?: string[]; en?: string[] } | null;
}

const entry = (r: MasterRow) => ({
  key: r.key,
  name: { th: r.name_th, en: r.name_en },
  description: r.description ?? '',
  keywords: r.keywords ?? [],
  examples: [...(r.examples?.th ?? []), ...(r.examples?.en ?? [])],
});

export async function loadOrgTaxonomy(db: Knex | Knex.Transaction, orgId: string): Promise<Taxonomy> {
  const columns = ['key', 'name_th', 'name_en', 'description', 'keywords', 'examples'];
  // One after another: `db` may be a transaction, one connection, which takes one statement at a time.
  const caseTypes = await db('case_types').select(columns).where({ org_id: orgId, is_active: true }).orderBy(['sort_order', 'key']);
  const services = await db('services').select(columns).where({ org_id: orgId, is_active: true }).orderBy(['sort_order', 'key']);
  const faq = await db('faq_entries').select('key', 'question_th', 'question_en', 'answer_th', 'answer_en', 'keywords').where({ org_id: orgId, is_active: true }).orderBy('key');
  return {
    caseTypes: caseTypes.map(entry),
    bookingTypes: services.map(entry),
    // One FAQ entry per language it is asked in, so that both phrasings are matched.
    faq: faq.flatMap((f): FaqEntry[] => [
      ...(f.question_th ? [{ key: f.key, question: f.question_th, answer: f.answer_th, keywords: f.keywords ?? [] }] : []),
      ...(f.question_en ? [{ key: f.key, question: f.question_en, answer: f.answer_en, keywords: f.keywords ?? [] }] : []),
    ]),
  };
}

import type { Knex } from 'knex';

/**
 * The names a person reads in the audit log instead of ids: who acted (a staff member's name, an
 * API key's name) and what the entry is about (a case's or a booking's number, a case type's or a
 * service's names, a channel's or a provider's name). Looked up for one page (or one CSV batch) at
 * a time, a query per kind of thing on it, so the log's own reading stays on its indexes. A thing
 * since deleted, or one with no name (the org, a template, a customer), has none.
 */
export interface Name {
  th: string;
  en: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const one = (name: string | null | undefined): Name | null => (name ? { th: name, en: name } : null);
const two = (th: string | null | undefined, en: string | null | undefined): Name | null => (th || en ? { th: th || en!, en: en || th! } : null);

/** How each kind of subject is named: its table, the columns read, and the name made of them. */
const NAMED: Record<string, { table: string; columns: string[]; name: (r: Record<string, string | null>) => Name | null }> = {
  staff: { table: 'staff', columns: ['display_name'], name: (r) => one(r.display_name) },
  api_key: { table: 'api_keys', columns: ['name'], name: (r) => one(r.name) },
  case: { table: 'cases', columns: ['number'], name: (r) => one(r.number) },
  booking: { table: 'bookings', columns: ['number'], name: (r) => one(r.number) },
  order: { table: 'orders', columns: ['number'], name: (r) => one(r.number) },
  channel: { table: 'channels', columns: ['name'], name: (r) => one(r.name) },
  provider: { table: 'providers', columns: ['name'], name: (r) => one(r.name) },
  staff_group: { table: 'staff_groups', columns: ['name'], name: (r) => one(r.name) },
  case_type: { table: 'case_types', columns: ['name_th', 'name_en'], name: (r) => two(r.name_th, r.name_en) },
  service: { table: 'services', columns: ['name_th', 'name_en'], name: (r) => two(r.name_th, r.name_en) },
  faq_entry: { table: 'faq_entries', columns: ['question_th', 'question_en'], name: (r) => two(r.question_th, r.question_en) },
  saved_reply: { table: 'saved_replies', columns: ['title'], name: (r) => one(r.title) },
};

export interface Nameable {
  actorType: string;
  actorId: string | null;
  entity: string | null;
  entityId: string | null;
}

export async function withNames<T extends Nameable>(db: Knex, orgId: string, entries: T[]): Promise<(T & { actorName: string | null; entityName: Name | null })[]> {
  // Every id wanted, by kind: actors are staff or API keys; subjects whatever NAMED knows.
  const wanted = new Map<string, Set<string>>();
  const want = (kind: string | null, id: string | null) => {
    if (!kind || !id || !NAMED[kind] || !UUID.test(id)) return;
    if (!wanted.has(kind)) wanted.set(kind, new Set());
    wanted.get(kind)!.add(id);
  };
  for (const e of entries) {
    want(e.actorType, e.actorId);
    want(e.entity, e.entityId);
  }
  const found = new Map<string, Name | null>();
  await Promise.all(
    [...wanted].map(async ([kind, ids]) => {
      const n = NAMED[kind];
      const rows: Record<string, string | null>[] = await db(n.table)
        .select('id', ...n.columns)
        .where({ org_id: orgId })
        .whereIn('id', [...ids]);
      for (const r of rows) found.set(`${kind}:${r.id}`, n.name(r));
    }),
  );
  const nameOf = (kind: string | null, id: string | null) => (kind && id ? (found.get(`${kind}:${id}`) ?? null) : null);
  return entries.map((e) => ({ ...e, actorName: nameOf(e.actorType, e.actorId)?.en ?? null, entityName: nameOf(e.entity, e.entityId) }));
}

import type { Knex } from 'knex';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { recordAudit } from '../audit/audit-log.ts';
import { DomainError } from '../errors/index.ts';
import { addToOutbox } from '../outbox/outbox.ts';
import { getOrgRecord, type OrgRecord } from './tenants.ts';
import { changingOrg } from '../db/org-cache.ts';

/**
 * Deleting a business: first every row it owns is exported (one JSON line per row, under
 * DATA_DIR/exports, for the operator to hand over), the org stops serving anyone (`deleting`: no
 * webhook stored, no sign-in, no API key, no job of it runs), and when `deletion_due_at` comes a
 * job removes every row of every table that carries its `org_id`, children before the rows they
 * point at, then the org itself. The job belongs to no org, so it outlives the rows it removes.
 */
export const ORG_DELETION_QUEUE = 'system';
export const ORG_DELETION_JOB = 'delete-org';

/** Every table of the business schema with an `org_id` column, in an order that deletes children first. */
export async function tablesOfAnOrg(db: Knex | Knex.Transaction): Promise<string[]> {
  const { rows: tables } = await db.raw<{ rows: { table_name: string }[] }>(
    `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.column_name = 'org_id' AND c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' ORDER BY c.table_name`,
  );
  const names = new Set(tables.map((t) => t.table_name));
  const { rows: fks } = await db.raw<{ rows: { child: string; parent: string }[] }>(
    `SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent FROM pg_constraint
      WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`,
  );
  // Children first: a table goes once no table still to go points at it.
  const pointsAt = new Map<string, Set<string>>();
  for (const { child, parent } of fks) {
    const [c, p] = [child.replace(/"/g, ''), parent.replace(/"/g, '')];
    if (c !== p && names.has(c) && names.has(p)) (pointsAt.get(p) ?? pointsAt.set(p, new Set()).get(p)!).add(c);
  }
  const order: string[] = [];
  const left = new Set(names);
  while (left.size) {
    const next = [...left].filter((t) => ![...(pointsAt.get(t) ?? [])].some((c) => left.has(c)));
    // A cycle of references: one of it goes first, and the purge retries what it could not remove.
    for (const t of next.length ? next : [[...left].sort((a, b) => (pointsAt.get(a)?.size ?? 0) - (pointsAt.get(b)?.size ?? 0))[0]]) {
      order.push(t);
      left.delete(t);
    }
  }
  return order;
}

/** Writes every row of the org, table by table, as JSON lines; returns the file and how many rows. */
export async function exportOrg(knex: Knex, dataDir: string, org: OrgRecord, now = new Date()): Promise<{ file: string; rows: number }> {
  const dir = join(dataDir, 'exports');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `org-${org.slug}-${now.toISOString().replace(/[:.]/g, '-')}.jsonl`);
  const out = createWriteStream(file, { flags: 'wx' });
  let rows = 0;
  for (const table of [...(await tablesOfAnOrg(knex))].reverse()) {
    for (const row of await knex(table).where({ org_id: org.id })) {
      if (!out.write(JSON.stringify({ table, row }) + '\n')) await once(out, 'drain');
      rows++;
    }
  }
  out.end(JSON.stringify({ table: 'orgs', row: org }) + '\n');
  await once(out, 'finish');
  return { file, rows: rows + 1 };
}

/** Exports the org, then marks it `deleting` with its removal queued for `afterHours` from now. */
export async function scheduleOrgDeletion(knex: Knex, dataDir: string, id: string, afterHours: number, now = new Date()): Promise<{ org: OrgRecord; exportFile: string; exportedRows: number }> {
  const org = await getOrgRecord(knex, id);
  if (org.isDefault) throw new DomainError('conflict', 'The default org cannot be deleted', { reason: 'default_org' });
  if (org.status === 'deleting') throw new DomainError('conflict', 'This org is being deleted already', { reason: 'org_deleting', deletionDueAt: org.deletionDueAt });
  // Closed first, so the export holds everything the org will ever have.
  await knex('orgs').where({ id }).update({ status: 'deleting' });
  const exported = await exportOrg(knex, dataDir, { ...org, status: 'deleting' }, now);
  const due = new Date(now.getTime() + afterHours * 3_600_000);
  await changingOrg(knex, id, async (trx) => {
    await trx('orgs').where({ id }).update({ deletion_due_at: due, export_file: exported.file });
    await recordAudit(trx, { orgId: id, actorType: 'system', action: 'org.deletion_scheduled', subjectType: 'org', subjectId: id, details: { by: 'platform', due: due.toISOString(), exportFile: exported.file, rows: exported.rows } });
    await addToOutbox(trx, { orgId: null, queue: ORG_DELETION_QUEUE, jobName: ORG_DELETION_JOB, payload: { orgId: id }, availableAt: due });
  });
  return { org: await getOrgRecord(knex, id), exportFile: exported.file, exportedRows: exported.rows };
}

/**
 * Removes every row of an org whose deletion is due, in one transaction: all or nothing. Returns
 * the rows removed per table; nothing when the org is gone already or not due (a resumed plan).
 */
export async function purgeOrg(knex: Knex, id: string, now = new Date()): Promise<Record<string, number>> {
  return changingOrg(knex, id, async (trx) => {
    const org = await trx('orgs').where({ id }).forUpdate().first('status', 'deletion_due_at');
    if (!org || org.status !== 'deleting' || !org.deletion_due_at || new Date(org.deletion_due_at) > now) return {};
    // The append-only tables let this org's rows go in this transaction only (migration 20261130120100).
    await trx.raw(`SELECT set_config('opsdesk.org_deletion', ?, true)`, [id]);
    const removed: Record<string, number> = {};
    // In the order found, each table in a savepoint: one a row still points at (a reference the
    // order could not see: a cycle) waits for the next pass; a pass that removes nothing is an error.
    let left = await tablesOfAnOrg(trx);
    while (left.length) {
      const waiting: string[] = [];
      const why: string[] = [];
      for (const table of left) {
        try {
          const n = await trx.transaction((sp) => sp(table).where({ org_id: id }).del());
          if (n) removed[table] = (removed[table] ?? 0) + n;
        } catch (err) {
          const code = (err as { code?: string }).code;
          // A table that lets its rows go only with their org (issued documents): the org's own cascade removes them.
          if (code === '23001') continue;
          if (code !== '23503') throw err;
          waiting.push(table);
          why.push((err as { constraint?: string }).constraint ?? table);
        }
      }
      if (waiting.length === left.length) {
        // Rows that point at each other (a case and the message it came from): the optional links
        // among what is left are cut first; a cycle of required links is an error.
        const cut = await cutLinksAmong(trx, id, waiting);
        if (!cut) throw new Error(`org ${id}: rows of ${waiting.join(', ')} still point at each other (${why.join(', ')})`);
      }
      left = waiting;
    }
    await trx('orgs').where({ id }).del();
    return removed;
  });
}

/** Sets to null the org's optional references between these tables; returns how many rows it changed. */
async function cutLinksAmong(trx: Knex.Transaction, orgId: string, tables: string[]): Promise<number> {
  const { rows } = await trx.raw<{ rows: { child: string; col: string }[] }>(
    `SELECT conrelid::regclass::text AS child, a.attname AS col FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace AND array_length(c.conkey, 1) = 1
        AND NOT a.attnotnull AND conrelid::regclass::text = ANY(?) AND confrelid::regclass::text = ANY(?)`,
    [tables, tables],
  );
  let changed = 0;
  for (const { child, col } of rows) changed += await trx(child).where({ org_id: orgId }).whereNotNull(col).update({ [col]: null });
  return changed;
}

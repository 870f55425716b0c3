import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/test-database.ts';

/**
 * The layers of DESIGN.md section 3, checked on the source: core/ imports no outer layer, liff/
 * imports nothing of the server but core/contracts, the folders of core/ import each other
 * without cycles, and each table is written only by its owner: every table the migrations create
 * has one.
 */
const root = resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
    }
  };
  walk(join(root, dir));
  return out;
}

const rel = (p: string) => relative(root, p).split(sep).join('/');

/** Relative imports of a file, resolved to paths from the repository root. */
function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => rel(resolve(dirname(file), m[1])));
}

/** Which folders (or files) may write each table. Seeds and migrations load data and are not owners. */
export const TABLE_OWNERS: Record<string, string[]> = {
  cases: ['core/cases/'],
  case_orders: ['core/cases/'],
  orders: ['core/orders/'],
  case_status_periods: ['core/cases/'],
  case_events: ['core/cases/case-timeline.ts'],
  case_files: ['core/cases/case-files.ts'],
  bookings: ['core/bookings/'],
  booking_events: ['core/bookings/booking-timeline.ts'],
  booking_intakes: ['core/bookings/intake-ledger.ts'],
  booking_assignment_rules: ['core/bookings/'],
  booking_follow_up_targets: ['core/bookings/'],
  booking_quotes: ['core/bookings/'],
  booking_stage_settings: ['core/bookings/'],
  service_sessions: ['core/bookings/service-sessions.ts'],
  session_waitlist: ['core/bookings/session-waitlist.ts'],
  service_slot_rules: ['core/bookings/service-slots.ts'],
  service_slot_usage: ['core/bookings/service-slots.ts'],
  contacts: ['core/contacts/'],
  contact_identities: ['core/contacts/'],
  contact_merges: ['core/contacts/'],
  contact_events: ['core/contacts/merge-contacts.ts'],
  contact_consents: ['core/contacts/consent.ts'],
  channel_opt_outs: ['core/contacts/channel-opt-outs.ts'],
  privacy_notices: ['core/contacts/privacy-notices.ts'],
  case_types: ['core/understanding/taxonomy-admin.ts'],
  services: ['core/understanding/taxonomy-admin.ts'],
  faq_entries: ['core/understanding/taxonomy-admin.ts'],
  classifications: ['core/understanding/'],
  learned_examples: ['core/understanding/learned-examples.ts'],
  staff: ['core/staff/'],
  staff_groups: ['core/staff/'],
  staff_action_nonces: ['core/staff/'],
  conversations: ['core/conversations/'],
  messages: ['core/conversations/'],
  conversation_events: ['core/conversations/conversation-timeline.ts'],
  saved_replies: ['core/conversations/saved-replies.ts'],
  conversation_attachments: ['core/conversations/attachments.ts'],
  channels: ['core/channels/'],
  unknown_line_destinations: ['core/channels/unknown-destinations.ts'],
  inbound_events: ['core/inbound/'],
  // The relay moves rows through their states (DESIGN.md section 2 puts it in workers/); the
  // webhook's one-statement insert of an event with its outbox row is the ingestion fast path.
  // Stripe's events land the same way, in one statement with their job (core/checkout/stripe-events.ts).
  outbox: ['core/outbox/', 'workers/outbox-relay.ts', 'workers/outbox-outcomes.ts', 'core/inbound/inbound-events.ts', 'core/checkout/stripe-events.ts'],
  payments: ['core/payments/'],
  // Money (docs/money.md): the ledger is its own owner; customers' payments on bookings are core/checkout/.
  ledger_accounts: ['core/ledger/ledger.ts'],
  ledger_postings: ['core/ledger/ledger.ts'],
  ledger_entries: ['core/ledger/ledger.ts'],
  booking_payments: ['core/checkout/'],
  payment_refunds: ['core/checkout/'],
  stripe_events: ['core/checkout/stripe-events.ts'],
  stripe_payouts: ['core/checkout/payouts.ts'],
  stripe_payout_lines: ['core/checkout/payouts.ts'],
  documents: ['core/documents/documents.ts'],
  // Members (docs/members.md): balances are the ledger's; these hold who, what was sold, and how a booking was paid.
  members: ['core/members/members.ts'],
  member_packages: ['core/members/packages.ts'],
  member_package_sales: ['core/members/package-sales.ts'],
  member_booking_payments: ['core/members/booking-credits.ts'],
  member_adjustments: ['core/members/adjustments.ts'],
  member_top_ups: ['core/members/wallet-top-ups.ts'],
  member_tier_changes: ['core/members/member-tiers.ts'],
  corporate_clients: ['core/members/corporate-clients.ts'],
  corporate_seats: ['core/members/corporate-clients.ts'],
  corporate_code_misses: ['core/members/corporate-clients.ts'],
  webhook_endpoints: ['core/integrations/'],
  webhook_deliveries: ['core/integrations/'],
  api_keys: ['core/api-keys/'],
  audit_log: ['core/audit/'],
  orgs: ['core/orgs/'],
  org_invitations: ['core/orgs/org-invitations.ts'],
  org_counters: ['core/org-counters.ts'],
  templates: ['core/templates/'],
  providers: ['core/providers/'],
  provider_events: ['core/providers/provider-timeline.ts'],
  analytics_case_facts: ['core/analytics/case-rollup.ts'],
  analytics_dirty_cases: ['core/analytics/case-rollup.ts'],
  analytics_rollup_state: ['core/analytics/case-rollup.ts'],
  analytics_day_counts: ['core/analytics/case-rollup.ts'],
  // The relays' note of which queue store (Redis run) they last saw, to tell a lost store from a
  // restarted relay: the relay's own bookkeeping, beside its outbox states.
  queue_store_marks: ['workers/outbox-relay.ts'],
  // Created and written by rate-limiter-flexible, on behalf of this module.
  rate_limits: ['core/limits/rate-limits.ts'],
};

/** Tables no migration creates: made at run time by a library, on behalf of their owner. */
const CREATED_AT_RUN_TIME = ['rate_limits'];

const WRITE_CALL = /\.(insert|upsert|update|del|delete|increment|decrement|truncate)\s*\(/;

/**
 * Every place a file writes a table: a knex builder on the table (`trx('x').insert(...)`,
 * `trx.table('x').update(...)`, `trx.insert(...).into('x')`, `trx.del().from('x')`) and raw
 * INSERT/UPDATE/DELETE/TRUNCATE.
 */
export function tableWrites(src: string): { table: string; line: number }[] {
  const found: { table: string; line: number }[] = [];
  const lineOf = (i: number) => src.slice(0, i).split('\n').length;
  const statementAround = (i: number, from: 'here' | 'its start') => {
    const end = src.indexOf(';', i);
    const start = from === 'here' ? i : src.lastIndexOf(';', i) + 1;
    return src.slice(start, end === -1 ? undefined : end);
  };
  for (const m of src.matchAll(/(\.(?:into|table|from))?\(\s*['"`]([a-z_]+)(?:\s+as\s+\w+)?['"`]\s*\)/g)) {
    const [, method, table] = m;
    if (!(table in TABLE_OWNERS)) continue;
    // `.into()` is only ever an insert's; after `.table()` or `.from()` the verb may come first.
    const writes = method === '.into' || WRITE_CALL.test(statementAround(m.index, method ? 'its start' : 'here'));
    if (writes) found.push({ table, line: lineOf(m.index) });
  }
  for (const m of src.matchAll(/\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+([a-z_]+)\b/g)) {
    if (m[1] in TABLE_OWNERS) found.push({ table: m[1], line: lineOf(m.index) });
  }
  return found;
}

/** Every circle in a graph of imports, each once, as `a -> b -> a` from its smallest name. */
function cyclesOf(edges: Map<string, Set<string>>): string[] {
  const cycles: string[] = [];
  const visit = (node: string, path: string[]) => {
    for (const next of edges.get(node) ?? []) {
      if (next === path[0]) cycles.push([...path, next].join(' -> '));
      else if (!path.includes(next) && next > path[0]) visit(next, [...path, next]);
    }
  };
  for (const start of edges.keys()) visit(start, [start]);
  return cycles;
}

/**
 * The writers behind the commands (DESIGN.md decision 14), with the names a door must not call: a
 * LINE tap, the dialogue, a route or a worker changes a case or a booking through its domain's
 * commands (core/cases/case-commands.ts, core/bookings/booking-commands.ts), which hold the rules.
 */
const BEHIND_COMMANDS: Record<string, RegExp> = {
  'core/cases/transition.ts': /\btransitionCase\b/,
  'core/cases/case-assignment.ts': /\b(takeCase|reassignCase)\b/,
  'core/cases/case-provider.ts': /\bsetCaseProvider\b/,
  'core/bookings/booking-desk.ts': /\b(moveBooking|confirmBooking|proposeTime|declineBooking|reopenForAnotherTime|takeBooking)\b/,
};

/** `file imports name`, for each name a door takes from a writer behind the commands. */
function doorsAroundCommands(file: string, src: string): string[] {
  const found: string[] = [];
  for (const m of src.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const from = rel(resolve(dirname(file), m[2]));
    const names = BEHIND_COMMANDS[from];
    if (!names) continue;
    for (const name of m[1].split(',').map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0])) {
      if (names.test(name)) found.push(`${rel(file)} imports ${name} from ${from}`);
    }
  }
  return found;
}

describe('the layers', () => {
  it('core imports nothing of bot, api, workers, liff, dev or bin', () => {
    const outward = sourceFiles('core').flatMap((f) => importsOf(f).filter((i) => !i.startsWith('core/')).map((i) => `${rel(f)} -> ${i}`));
    expect(outward).toEqual([]);
  });

  it('liff imports nothing of the server but core/contracts', () => {
    const files = sourceFiles('liff');
    const outward = files.flatMap((f) =>
      importsOf(f)
        .filter((i) => !i.startsWith('liff/') && !i.startsWith('core/contracts/') && i !== 'core/vocabulary.ts')
        .map((i) => `${rel(f)} -> ${i}`),
    );
    expect(outward).toEqual([]);
  });

  it('the folders of core import each other without a cycle', () => {
    const folderOf = (p: string) => p.split('/').slice(0, 2).join('/').replace(/\.ts$/, '');
    const edges = new Map<string, Set<string>>();
    for (const f of sourceFiles('core')) {
      const from = folderOf(rel(f));
      for (const i of importsOf(f)) {
        const to = folderOf(i);
        if (to !== from && i.startsWith('core/')) (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(to);
      }
    }
    expect(cyclesOf(edges)).toEqual([]);
  });

  it('no file imports itself back, through any path, type imports included', () => {
    // A circle inside a folder is as hard on a reader as one between folders: neither file can be
    // read, tested or moved without the other.
    const files = ['bot', 'api', 'core', 'workers', 'bin', 'dev'].flatMap(sourceFiles);
    const known = new Set(files.map(rel));
    const edges = new Map(files.map((f) => [rel(f), new Set(importsOf(f).filter((i) => known.has(i)))]));
    expect(cyclesOf(edges)).toEqual([]);
  });

  it('finds a circle of three files, and none in a chain', () => {
    const graph = (pairs: [string, string][]) => new Map(Object.entries(Object.groupBy(pairs, ([a]) => a)).map(([a, ps]) => [a, new Set(ps!.map(([, b]) => b))]));
    expect(cyclesOf(graph([['a', 'b'], ['b', 'c'], ['c', 'a']]))).toEqual(['a -> b -> c -> a']);
    expect(cyclesOf(graph([['a', 'b'], ['b', 'c'], ['a', 'c']]))).toEqual([]);
  });

  it('doors change cases and bookings only through their commands', () => {
    const doors = ['bot', 'api', 'workers'].flatMap(sourceFiles);
    expect(doors.flatMap((f) => doorsAroundCommands(f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('finds a door that goes around a command, and lets reads through', () => {
    const tap = join(root, 'bot/staff/example-tap.ts');
    expect(doorsAroundCommands(tap, "import { caseState } from '../../core/cases/case-queries.ts';\nimport { loadBooking, type BookingView } from '../../core/bookings/booking-desk.ts';")).toEqual([]);
    expect(doorsAroundCommands(tap, "import {\n  loadBooking,\n  confirmBooking as confirm,\n} from '../../core/bookings/booking-desk.ts';\nimport { transitionCase } from '../../core/cases/transition.ts';")).toEqual([
      'bot/staff/example-tap.ts imports confirmBooking from core/bookings/booking-desk.ts',
      'bot/staff/example-tap.ts imports transitionCase from core/cases/transition.ts',
    ]);
  });

  it('bot and api reach tables only through the owners in core', () => {
    // A table named to knex (`trx('cases')`, `.from('cases')`) or in raw SQL (`FROM cases`).
    const tableUse = /\b(?:trx|knex|db)\(\s*['"`][a-z_]+['"`]|\.(?:from|into|table|join|leftJoin)\(\s*['"`][a-z_]+|\b(?:FROM|JOIN|INTO|UPDATE)\s+[a-z_]+\b(?=[^`]*`)/;
    const offenders: string[] = [];
    for (const dir of ['bot', 'api']) {
      for (const f of sourceFiles(dir)) {
        readFileSync(f, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (!line.trimStart().startsWith('*') && !line.trimStart().startsWith('//') && tableUse.test(line)) offenders.push(`${rel(f)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    expect(offenders).toEqual([]);
  });

  it('each table is written only by its owner', () => {
    const offenders: string[] = [];
    for (const dir of ['core', 'bot', 'api', 'workers', 'bin', 'dev']) {
      for (const f of sourceFiles(dir)) {
        const path = rel(f);
        for (const w of tableWrites(readFileSync(f, 'utf8'))) {
          if (!TABLE_OWNERS[w.table].some((owner) => path === owner || (owner.endsWith('/') && path.startsWith(owner)))) {
            offenders.push(`${path}:${w.line} writes ${w.table}`);
          }
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('finds a write however it is spelled, and no read', () => {
    const writes = tableWrites(`
      await trx('cases').where({ id }).update({ status });
      await trx('case_events as e').insert(row);
      await db.raw('UPDATE cases SET version = version + 1');
      await trx('cases').select('id').where({ id }).first();
      await trx('unknown_table').insert({});
      await trx.insert(row).into('case_events');
      await trx.table('bookings').where({ id }).update({ stage });
      await trx.update({ stage }).table('bookings').where({ id });
      await trx.del().from('contacts').where({ id });
      await trx.select('id').from('contacts').where({ id });
      await trx.table('bookings').where({ id }).first();
      await db.raw('TRUNCATE TABLE outbox');
    `);
    expect(writes.map((w) => [w.table, w.line])).toEqual([
      ['cases', 2],
      ['case_events', 3],
      ['case_events', 7],
      ['bookings', 8],
      ['bookings', 9],
      ['contacts', 10],
      ['cases', 4],
      ['outbox', 13],
    ]);
  });

  it('gives every table the migrations create an owner, and names no table that is not there', { timeout: 120_000 }, async () => {
    const db = await createTestDatabase();
    try {
      const rows: { table_name: string }[] = await db
        .knex('information_schema.tables')
        .select('table_name')
        .where({ table_schema: 'public', table_type: 'BASE TABLE' })
        .whereNotIn('table_name', ['knex_migrations', 'knex_migrations_lock']);
      const created = rows.map((r) => r.table_name).sort();
      expect(created.filter((t) => !(t in TABLE_OWNERS))).toEqual([]);
      expect(Object.keys(TABLE_OWNERS).filter((t) => !created.includes(t) && !CREATED_AT_RUN_TIME.includes(t))).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});

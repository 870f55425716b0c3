import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Knex } from 'knex';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.ts';
import { getCaseType, listCaseTypes, listServices } from '../core/understanding/taxonomy-admin.ts';
import { STAFF_ROLES } from '../core/vocabulary.ts';
import { demoTemplates, loadDemoSeed } from './demo.ts';
import { TEMPLATE_VARIABLES } from '../core/templates/template-admin.ts';

const TABLES = ['staff', 'providers', 'case_types', 'services', 'templates'];

/** The messages the product sends; each must exist in Thai and English. */
const REQUIRED_TEMPLATE_KEYS = [
  'case_created', 'case_work_started', 'case_waiting_customer', 'case_waiting_provider', 'case_resolved',
  'case_closed', 'case_reopened', 'sla_delay_apology', 'booking_received', 'booking_ask_missing',
  'booking_summary_confirm', 'booking_confirmed', 'booking_proposed_time', 'booking_declined', 'booking_proposal_declined', 'clarify_intent', 'pick_case_type', 'did_you_mean',
  'handoff_to_person', 'handoff_after_hours', 'faq_no_match', 'greeting_follow', 'greeting_open_case', 'staff_enrolment_ok',
];

let db: TestDatabase;
let knex: Knex;
let orgId: string;

async function counts(org: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const [{ count }] = await knex(table).where({ org_id: org }).count({ count: '*' });
    out[table] = Number(count);
  }
  return out;
}

const variables = (body: string) => [...new Set([...body.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort();

beforeAll(async () => {
  db = await createTestDatabase();
  knex = db.knex;
  const [org] = await knex('orgs').insert({ slug: 'demo', name: 'Demo', is_default: true }).returning('id');
  orgId = org.id;
  await loadDemoSeed(knex, orgId);
});

afterAll(async () => {
  await db?.destroy();
});

describe('loadDemoSeed', () => {
  it('is idempotent, also when two loads race', async () => {
    const first = await counts(orgId);
    expect(first.case_types).toBeGreaterThanOrEqual(5);
    await loadDemoSeed(knex, orgId);
    await Promise.all([loadDemoSeed(knex, orgId), loadDemoSeed(knex, orgId)]);
    expect(await counts(orgId)).toEqual(first);
  });

  it('fills a second org independently', async () => {
    const [other] = await knex('orgs').insert({ slug: 'other', name: 'Other' }).returning('id');
    await Promise.all([loadDemoSeed(knex, other.id), loadDemoSeed(knex, other.id)]);
    expect(await counts(other.id)).toEqual(await counts(orgId));
  });

  it('refuses an org that does not exist', async () => {
    await expect(loadDemoSeed(knex, '00000000-0000-0000-0000-000000000000')).rejects.toThrow(/does not exist/);
  });

  it('has every template key in Thai and in English, with the same variables', async () => {
    const rows = await knex('templates').where({ org_id: orgId }).select('key', 'language', 'body');
    for (const key of REQUIRED_TEMPLATE_KEYS) {
      const th = rows.find((r) => r.key === key && r.language === 'th');
      const en = rows.find((r) => r.key === key && r.language === 'en');
      expect(th?.body, `${key} th`).toBeTruthy();
      expect(en?.body, `${key} en`).toBeTruthy();
      expect(variables(th.body), key).toEqual(variables(en.body));
    }
    expect(new Set(rows.map((r) => r.key))).toEqual(new Set(demoTemplates.map((t) => t.key)));
    expect(rows).toHaveLength(demoTemplates.length * 2);
  });

  it('writes polite Thai and uses only known variables', () => {
    const known = new Set<string>(TEMPLATE_VARIABLES);
    for (const t of demoTemplates) {
      // Button labels are captions, not sentences: no polite particle.
      if (!t.key.startsWith('label_')) expect(t.th, t.key).toMatch(/ค่ะ|คะ/);
      expect(t.th, t.key).not.toMatch(/ครับ/);
      for (const v of variables(t.th + t.en)) expect(known.has(v), `${t.key}: {{${v}}}`).toBe(true);
    }
  });

  it('has topup_not_credited as a critical payment case with a 15-minute first response', async () => {
    const topup = await getCaseType(knex, orgId, 'topup_not_credited');
    expect(topup).toBeDefined();
    expect(topup!.category).toBe('payment');
    expect(topup!.defaultSeverity).toBe('critical');
    expect(topup!.firstResponseMinutes).toBe(15);
    expect(topup!.name.th).toBe('เติมเงินแล้วเครดิตไม่เข้า');
    expect(topup!.notify.created).toBe(true);
    expect(typeof topup!.warnAtRatio).toBe('number');
  });

  it('has the six case types, each with names, keywords, examples and an SOP', async () => {
    const types = await listCaseTypes(knex, orgId);
    expect(types.map((t) => t.key).sort()).toEqual(
      ['account_access', 'order_not_delivered', 'refund_request', 'service_complaint', 'topup_not_credited', 'wrong_amount'],
    );
    for (const t of types) {
      expect(t.name.th && t.name.en, t.key).toBeTruthy();
      expect(t.keywords.length, t.key).toBeGreaterThan(3);
      expect(t.examples.th.length, t.key).toBeGreaterThanOrEqual(3);
      expect(t.examples.en.length, t.key).toBeGreaterThanOrEqual(3);
      expect(t.sop, t.key).toBeTruthy();
      expect(typeof t.escalation.notifyManagers, t.key).toBe('boolean');
    }
  });

  it('has bookable services with prices kept exact', async () => {
    const services = await listServices(knex, orgId);
    expect(services.length).toBeGreaterThanOrEqual(5);
    expect(services[0].price).toBe('2500.00');
    for (const s of services) {
      expect(s.keywords.length, s.key).toBeGreaterThan(0);
      expect(s.examples.th.length, s.key).toBeGreaterThanOrEqual(3);
    }
  });

  it('has staff of every role', async () => {
    const roles = await knex('staff').where({ org_id: orgId }).distinct('role').pluck('role');
    expect(roles.sort()).toEqual([...STAFF_ROLES].sort());
    const [{ count }] = await knex('staff').where({ org_id: orgId, role: 'support' }).count({ count: '*' });
    expect(Number(count)).toBe(2);
  });
});

describe("the demo business's hours", () => {
  it('are the hours its FAQ tells customers (every day 09:00-18:00), not round the clock', async () => {
    const org = await knex('orgs').where({ id: orgId }).first();
    const hours = typeof org.business_hours === 'string' ? JSON.parse(org.business_hours) : org.business_hours;
    const faq = await knex('faq_entries').where({ org_id: orgId, key: 'opening_hours' }).first();
    // The times the FAQ states, in both languages, read from its text.
    const said = (text: string) => [...text.matchAll(/(\d{1,2}):(\d{2})/g)].map((m) => `${m[1].padStart(2, '0')}:${m[2]}`).slice(0, 2);
    expect(said(faq.answer_th)).toEqual(said(faq.answer_en));
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) expect(hours[day], day).toEqual([said(faq.answer_en)]);
  });

  it('an org whose admin already set hours keeps them', async () => {
    const [other] = await knex('orgs').insert({ slug: 'own-hours', name: 'Own hours', business_hours: JSON.stringify({ mon: [['10:00', '16:00']] }) }).returning('id');
    await loadDemoSeed(knex, other.id);
    const org = await knex('orgs').where({ id: other.id }).first();
    expect(typeof org.business_hours === 'string' ? JSON.parse(org.business_hours) : org.business_hours).toEqual({ mon: [['10:00', '16:00']] });
  });
});

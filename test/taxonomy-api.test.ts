import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { loadOrgTaxonomy } from '../core/understanding/org-taxonomy.ts';
import { taxonomySchema } from '../core/understanding/taxonomy.ts';
import type { TestSystem } from './support/test-system.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';

/**
 * The business edits its own taxonomy through the admin API (case types, bookable services, FAQ
 * entries), and the bot uses it on the next customer message: no retraining, no code change.
 * The end-to-end part talks to the running system through signed LINE webhooks with the offline
 * classifier and reads what the bot says from the fake LINE server.
 */
let h: LineCustomerHarness;
let sys: TestSystem;
let supportKey: string;
let managerKey: string;

beforeAll(async () => {
  h = await startLineCustomerHarness();
  sys = h.sys;
  supportKey = (await api('POST', '/api/v1/api-keys', { name: 'agent', role: 'support' })).json.key;
  managerKey = (await api('POST', '/api/v1/api-keys', { name: 'lead', role: 'manager' })).json.key;
});
afterAll(() => h?.close());

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);

const count = async (table: string, where: Record<string, unknown> = {}) => Number((await sys.knex(table).where(where).count({ n: '*' }))[0].n);
/** Everything a refused request could have written. */
const snapshot = async () => ({
  caseTypes: await sys.knex('case_types').select('*').orderBy('id'),
  services: await sys.knex('services').select('*').orderBy('id'),
  faq: await sys.knex('faq_entries').select('*').orderBy('id'),
  audit: await count('audit_log'),
});
const paths = (res: { json: { error: { details: { path: string }[] } } }) => res.json.error.details.map((d) => d.path);

const caseType = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  name: { th: 'สินค้าเสียหาย', en: 'Damaged item' },
  category: 'order',
  defaultSeverity: 'high',
  firstResponseMinutes: 30,
  resolutionMinutes: 720,
  ...extra,
});

describe('case types through the admin API', () => {
  it('creates a case type with examples sorted into Thai and English, and audits it', async () => {
    const created = await api(
      'POST',
      '/api/v1/case-types',
      caseType('damaged_item', {
        requiresOrderId: true,
        keywords: ['broken', ' damaged ', 'Broken', 'ของเสียหาย'],
        examples: ['The vase arrived broken', 'ได้รับของแล้วแต่แตกค่ะ', 'The box was crushed and the item is damaged', 'The vase arrived broken'],
        description: 'The item arrived damaged.',
        sop: '1. Ask for a photo\n2. Offer a replacement',
      }),
    );
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      key: 'damaged_item',
      name: { th: 'สินค้าเสียหาย', en: 'Damaged item' },
      category: 'order',
      defaultSeverity: 'high',
      firstResponseMinutes: 30,
      resolutionMinutes: 720,
      requiresProvider: false,
      requiresOrderId: true,
      notify: { created: true, workStarted: true, waitingCustomer: true, resolved: true },
      escalation: { notifyManagers: true, raiseSeverity: false, reassignTo: null },
      keywords: ['broken', 'damaged', 'ของเสียหาย'],
      examples: { th: ['ได้รับของแล้วแต่แตกค่ะ'], en: ['The vase arrived broken', 'The box was crushed and the item is damaged'] },
      isActive: true,
    });
    // After the seeded ones in lists and quick replies.
    const seeded = await sys.knex('case_types').where({ org_id: sys.defaultOrgId }).whereNot({ key: 'damaged_item' }).max({ m: 'sort_order' });
    expect(created.json.sortOrder).toBeGreaterThan(Number(seeded[0].m));

    const row = await sys.knex('case_types').where({ key: 'damaged_item' }).first();
    expect(row.examples).toEqual({ th: ['ได้รับของแล้วแต่แตกค่ะ'], en: ['The vase arrived broken', 'The box was crushed and the item is damaged'] });
    expect(row.keywords).toEqual(['broken', 'damaged', 'ของเสียหาย']);

    const audit = await sys.knex('audit_log').where({ action: 'case_type.created', subject_id: created.json.id }).first();
    expect(audit).toMatchObject({ actor_type: 'api_key', subject_type: 'case_type', request_id: created.requestId });
    expect(audit.details).toMatchObject({ key: 'damaged_item', values: { category: 'order', resolutionMinutes: 720 } });

    const list = await api('GET', '/api/v1/case-types');
    expect(list.json.map((c: { key: string }) => c.key)).toEqual(expect.arrayContaining(['topup_not_credited', 'damaged_item']));
    expect((await api('GET', '/api/v1/case-types/damaged_item')).json).toEqual(created.json);
  });

  it('changes only the fields given, merges notify and escalation, and audits what changed', async () => {
    const before = (await api('GET', '/api/v1/case-types/damaged_item')).json;
    const changed = await api('PATCH', '/api/v1/case-types/damaged_item', {
      name: { en: 'Item arrived damaged' },
      resolutionMinutes: 1440,
      notify: { resolved: false },
      escalation: { raiseSeverity: true },
      examples: { en: ['It came smashed'], th: ['ของมาถึงแตกหมดเลยครับ'] },
      sop: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      name: { th: 'สินค้าเสียหาย', en: 'Item arrived damaged' },
      firstResponseMinutes: 30,
      resolutionMinutes: 1440,
      notify: { created: true, workStarted: true, waitingCustomer: true, resolved: false },
      escalation: { notifyManagers: true, raiseSeverity: true, reassignTo: null },
      examples: { th: ['ของมาถึงแตกหมดเลยครับ'], en: ['It came smashed'] },
      keywords: before.keywords,
      sop: null,
      description: 'The item arrived damaged.',
    });
    const audit = await sys.knex('audit_log').where({ action: 'case_type.updated', subject_id: before.id }).orderBy('id', 'desc').first();
    expect(Object.keys(audit.details.changes).sort()).toEqual(['escalation', 'examples', 'name', 'notify', 'resolutionMinutes', 'sop']);
    expect(audit.details.changes.resolutionMinutes).toEqual({ from: 720, to: 1440 });

    // The same values again change nothing and write nothing.
    const audits = await count('audit_log');
    const again = await api('PATCH', '/api/v1/case-types/damaged_item', { resolutionMinutes: 1440, notify: { resolved: false } });
    expect(again.status).toBe(200);
    expect(again.json.updatedAt).toBe(changed.json.updatedAt);
    expect(await count('audit_log')).toBe(audits);
  });

  it('deactivates on DELETE, keeping the row, and can switch it on again', async () => {
    const id = (await api('GET', '/api/v1/case-types/damaged_item')).json.id;
    const deleted = await api('DELETE', '/api/v1/case-types/damaged_item');
    expect(deleted.status).toBe(200);
    expect(deleted.json).toMatchObject({ key: 'damaged_item', isActive: false });
    expect(await sys.knex('case_types').where({ id }).first()).toMatchObject({ is_active: false });
    expect((await api('GET', '/api/v1/case-types')).json.map((c: { key: string }) => c.key)).not.toContain('damaged_item');
    expect((await api('GET', '/api/v1/case-types?includeInactive=true')).json.map((c: { key: string }) => c.key)).toContain('damaged_item');
    expect((await api('GET', '/api/v1/taxonomy')).json.caseTypes.map((c: { key: string }) => c.key)).not.toContain('damaged_item');
    expect(await count('audit_log', { action: 'case_type.deactivated', subject_id: id })).toBe(1);

    // Deactivating twice is no second change.
    expect((await api('DELETE', '/api/v1/case-types/damaged_item')).status).toBe(200);
    expect(await count('audit_log', { action: 'case_type.deactivated', subject_id: id })).toBe(1);

    const back = await api('PATCH', '/api/v1/case-types/damaged_item', { isActive: true });
    expect(back.json.isActive).toBe(true);
    expect((await api('GET', '/api/v1/taxonomy')).json.caseTypes.map((c: { key: string }) => c.key)).toContain('damaged_item');
  });

  it('refuses a contract breach with 422 naming the field, writing nothing', async () => {
    const before = await snapshot();
    const cases: [unknown, string][] = [
      [caseType('Damaged Item'), 'key'],
      [caseType('damaged-item'), 'key'],
      [{ ...caseType('no_minutes'), firstResponseMinutes: undefined }, 'firstResponseMinutes'],
      [caseType('slow', { firstResponseMinutes: 60, resolutionMinutes: 30 }), 'resolutionMinutes'],
      [caseType('bad_category', { category: 'shipping' }), 'category'],
      [caseType('bad_severity', { defaultSeverity: 'urgent' }), 'defaultSeverity'],
      [caseType('no_thai_name', { name: { en: 'Only English' } }), 'name.th'],
      [caseType('bad_notify', { notify: { created: 'yes' } }), 'notify.created'],
      [caseType('bad_ratio', { warnAtRatio: 1.5 }), 'warnAtRatio'],
      [caseType('bad_examples', { examples: 'broken vase' }), 'examples'],
      [caseType('bad_keyword', { keywords: ['ok', ''] }), 'keywords.1'],
    ];
    for (const [body, field] of cases) {
      const res = await api('POST', '/api/v1/case-types', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error.code).toBe('validation_failed');
      expect(paths(res), JSON.stringify(body)).toContain(field);
    }
    const unknownField = await api('POST', '/api/v1/case-types', caseType('colourful', { colour: 'red' }));
    expect(unknownField.status).toBe(422);
    expect(JSON.stringify(unknownField.json.error.details)).toContain('colour');

    // Checked against the stored values too: the top-up type answers within 15 minutes, so it cannot resolve within 10.
    const tooShort = await api('PATCH', '/api/v1/case-types/topup_not_credited', { resolutionMinutes: 10 });
    expect(tooShort.status).toBe(422);
    expect(paths(tooShort)).toEqual(['resolutionMinutes']);
    const renamed = await api('PATCH', '/api/v1/case-types/topup_not_credited', { key: 'topup' });
    expect(renamed.status).toBe(422);

    const nobody = await api('POST', '/api/v1/case-types', caseType('reassigned', { escalation: { reassignTo: '00000000-0000-4000-8000-000000000000' } }));
    expect(nobody.status).toBe(422);
    expect(nobody.json.error.code).toBe('invalid_reference');
    expect(paths(nobody)).toEqual(['escalation.reassignTo']);

    expect(await snapshot()).toEqual(before);
  });

  it('accepts an escalation to a staff member of the org', async () => {
    const staff = await sys.knex('staff').where({ org_id: sys.defaultOrgId, role: 'manager' }).first('id');
    const res = await api('POST', '/api/v1/case-types', caseType('escalated_item', { escalation: { reassignTo: staff.id } }));
    expect(res.status).toBe(201);
    expect(res.json.escalation).toEqual({ notifyManagers: true, raiseSeverity: false, reassignTo: staff.id });
  });
});

describe('bookable services and FAQ entries through the admin API', () => {
  it('creates, changes and deactivates a service, keeping money exact', async () => {
    const created = await api('POST', '/api/v1/services', {
      key: 'muay_thai_class',
      name: { th: 'คลาสมวยไทย', en: 'Muay Thai class' },
      description: 'Two hours with a champion.',
      durationMinutes: 120,
      capacity: 8,
      price: 1500,
      keywords: ['มวยไทย', 'muay thai', 'boxing'],
      examples: ['อยากเรียนมวยไทยพรุ่งนี้ 2 คนค่ะ', 'Can I book a Muay Thai class for two tomorrow?'],
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      key: 'muay_thai_class',
      price: '1500.00',
      currency: 'THB',
      capacity: 8,
      durationMinutes: 120,
      examples: { th: ['อยากเรียนมวยไทยพรุ่งนี้ 2 คนค่ะ'], en: ['Can I book a Muay Thai class for two tomorrow?'] },
    });
    expect(await count('audit_log', { action: 'service.created', subject_id: created.json.id })).toBe(1);

    const changed = await api('PATCH', '/api/v1/services/muay_thai_class', { price: '1299.5', capacity: null });
    expect(changed.json).toMatchObject({ price: '1299.50', capacity: null, durationMinutes: 120 });
    const audit = await sys.knex('audit_log').where({ action: 'service.updated', subject_id: created.json.id }).first();
    expect(audit.details.changes).toEqual({ price: { from: '1500.00', to: '1299.50' }, capacity: { from: 8, to: null } });

    const before = await snapshot();
    for (const [body, field] of [
      [{ price: -5 }, 'price'],
      [{ price: 12.345 }, 'price'],
      [{ capacity: 0 }, 'capacity'],
      [{ currency: 'baht' }, 'currency'],
      [{ durationMinutes: 1.5 }, 'durationMinutes'],
    ] as const) {
      const res = await api('PATCH', '/api/v1/services/muay_thai_class', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(paths(res)).toContain(field);
    }
    expect(await snapshot()).toEqual(before);

    expect((await api('DELETE', '/api/v1/services/muay_thai_class')).json.isActive).toBe(false);
    expect((await api('GET', '/api/v1/services')).json.map((s: { key: string }) => s.key)).not.toContain('muay_thai_class');
    expect(await count('audit_log', { action: 'service.deactivated', subject_id: created.json.id })).toBe(1);
  });

  it('creates, changes and deactivates an FAQ entry; a question needs at least one language', async () => {
    const created = await api('POST', '/api/v1/faq', {
      key: 'wifi',
      question: { en: 'Do you have wifi?' },
      answer: { th: 'มี Wi-Fi ฟรีค่ะ รหัสอยู่ที่เคาน์เตอร์', en: 'Yes, free wifi; the password is at the counter.' },
      keywords: ['wifi', 'ไวไฟ'],
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ key: 'wifi', question: { th: null, en: 'Do you have wifi?' }, isActive: true });

    const changed = await api('PATCH', '/api/v1/faq/wifi', { question: { th: 'มีไวไฟไหมคะ' }, answer: { en: 'Yes, free wifi everywhere.' } });
    expect(changed.json).toMatchObject({
      question: { th: 'มีไวไฟไหมคะ', en: 'Do you have wifi?' },
      answer: { th: 'มี Wi-Fi ฟรีค่ะ รหัสอยู่ที่เคาน์เตอร์', en: 'Yes, free wifi everywhere.' },
    });
    expect((await api('PATCH', '/api/v1/faq/wifi', { question: { en: null } })).json.question).toEqual({ th: 'มีไวไฟไหมคะ', en: null });

    const before = await snapshot();
    const noQuestion = await api('PATCH', '/api/v1/faq/wifi', { question: { th: null } });
    expect(noQuestion.status).toBe(422);
    expect(paths(noQuestion)).toEqual(['question']);
    const created422 = await api('POST', '/api/v1/faq', { key: 'empty', question: {}, answer: { th: 'x', en: 'x' } });
    expect(created422.status).toBe(422);
    expect(paths(created422)).toContain('question');
    const noAnswer = await api('POST', '/api/v1/faq', { key: 'no_answer', question: { en: 'Why?' }, answer: { en: 'Because.' } });
    expect(paths(noAnswer)).toContain('answer.th');
    expect(await snapshot()).toEqual(before);

    expect((await api('DELETE', '/api/v1/faq/wifi')).json.isActive).toBe(false);
    expect(await count('audit_log', { subject_type: 'faq_entry', subject_id: created.json.id })).toBe(4);
  });
});

describe('refusals', () => {
  it('409s a key the org already has, writing nothing', async () => {
    const before = await snapshot();
    const dup = await api('POST', '/api/v1/case-types', caseType('topup_not_credited'));
    expect(dup.status).toBe(409);
    expect(dup.json.error).toMatchObject({ code: 'already_exists', details: { key: 'topup_not_credited' } });
    const service = await api('POST', '/api/v1/services', { key: 'sushi_class', name: { th: 'ซูชิ', en: 'Sushi' } });
    expect(service.status).toBe(409);
    const faq = await api('POST', '/api/v1/faq', { key: 'opening_hours', question: { en: 'Open?' }, answer: { th: 'เปิด', en: 'Open' } });
    expect(faq.status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it('lets a support key read but not write (403), writing nothing; a manager may write', async () => {
    expect((await api('GET', '/api/v1/case-types', undefined, supportKey)).status).toBe(200);
    expect((await api('GET', '/api/v1/faq', undefined, supportKey)).status).toBe(200);
    expect((await api('GET', '/api/v1/taxonomy', undefined, supportKey)).status).toBe(200);
    const before = await snapshot();
    for (const [method, path, body] of [
      ['POST', '/api/v1/case-types', caseType('support_made')],
      ['PATCH', '/api/v1/case-types/topup_not_credited', { resolutionMinutes: 90 }],
      ['DELETE', '/api/v1/case-types/topup_not_credited', undefined],
      ['POST', '/api/v1/services', { key: 'support_service', name: { th: 'ก', en: 'A' } }],
      ['DELETE', '/api/v1/services/sushi_class', undefined],
      ['POST', '/api/v1/faq', { key: 'support_faq', question: { en: 'Q?' }, answer: { th: 'ก', en: 'A' } }],
      ['PATCH', '/api/v1/faq/opening_hours', { keywords: [] }],
    ] as const) {
      const res = await api(method, path, body, supportKey);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.error).toMatchObject({ code: 'forbidden', details: { role: 'support', permission: 'taxonomy.manage' } });
    }
    expect(await snapshot()).toEqual(before);
    expect((await api('POST', '/api/v1/case-types', caseType('manager_made'), managerKey)).status).toBe(201);
  });

  it('404s an unknown key', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/case-types/no_such_type'],
      ['PATCH', '/api/v1/case-types/no_such_type'],
      ['DELETE', '/api/v1/case-types/no_such_type'],
      ['PATCH', '/api/v1/services/no_such_service'],
      ['DELETE', '/api/v1/services/no_such_service'],
      ['PATCH', '/api/v1/faq/no_such_question'],
      ['DELETE', '/api/v1/faq/no_such_question'],
    ] as const) {
      const res = await api(method, path, method === 'PATCH' ? { isActive: true } : undefined);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.error.code).toBe('not_found');
    }
  });

  it('needs a key', async () => {
    expect((await fetch(`${sys.url}/api/v1/case-types`)).status).toBe(401);
  });
});

describe('the taxonomy export and the OpenAPI document', () => {
  it('exports what the classifier reads, in the classify file format', async () => {
    const res = await api('GET', '/api/v1/taxonomy');
    expect(res.status).toBe(200);
    expect(taxonomySchema.parse(res.json)).toEqual(res.json);
    expect(res.json).toEqual(await loadOrgTaxonomy(sys.knex, sys.defaultOrgId));
    expect(res.json.caseTypes.find((c: { key: string }) => c.key === 'damaged_item')).toMatchObject({
      name: { th: 'สินค้าเสียหาย', en: 'Item arrived damaged' },
      examples: ['ของมาถึงแตกหมดเลยครับ', 'It came smashed'],
    });
    expect(res.json.bookingTypes.map((s: { key: string }) => s.key)).toContain('sushi_class');
    expect(res.json.faq.filter((f: { key: string }) => f.key === 'opening_hours')).toHaveLength(2);
  });

  it('documents the endpoints with their permissions', async () => {
    const doc = await fetch(`${sys.url}/api/v1/openapi.json`).then((r) => r.json());
    expect(doc.paths['/api/v1/case-types'].post['x-permission']).toBe('taxonomy.manage');
    expect(doc.paths['/api/v1/case-types/{key}'].delete['x-permission']).toBe('taxonomy.manage');
    expect(doc.paths['/api/v1/faq'].get['x-permission']).toBe('taxonomy.read');
    expect(doc.paths['/api/v1/taxonomy'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/TaxonomyFile' });
    expect(doc.components.schemas.CaseTypeCreate.required).toEqual(expect.arrayContaining(['key', 'name', 'firstResponseMinutes', 'resolutionMinutes']));
  });
});

describe('how the classifier reads the taxonomy (GET /api/v1/taxonomy/check)', () => {
  it('names two case types whose phrases are the same as look-alike, lists their phrases as misread, and writes nothing', async () => {
    const phrases = ['the courier left it at the wrong house', 'someone else got my box', 'it went to my neighbour instead'];
    // Names with no word of the phrases: nothing tells the two apart.
    const names = { wrong_address_delivery: { th: 'ส่งไปที่อื่น', en: 'Delivered elsewhere' }, misdelivered_parcel: { th: 'พัสดุส่งผิดที่', en: 'Parcel misrouted' } };
    for (const [key, name] of Object.entries(names)) {
      expect((await api('POST', '/api/v1/case-types', caseType(key, { name, examples: phrases }))).status).toBe(201);
    }
    const before = await snapshot();
    const res = await api('GET', '/api/v1/taxonomy/check', undefined, supportKey);
    expect(res.status).toBe(200);
    expect(res.json.lookAlike[0]).toEqual({ a: { kind: 'case', key: 'misdelivered_parcel' }, b: { kind: 'case', key: 'wrong_address_delivery' }, phrases: 6 });
    expect(res.json.entries.find((e: { key: string }) => e.key === 'misdelivered_parcel')).toEqual({
      kind: 'case',
      key: 'misdelivered_parcel',
      name: names.misdelivered_parcel,
      phrases: 3,
      recognised: 0,
      misread: phrases.map((text) => ({ text, readAs: { kind: 'case', key: 'wrong_address_delivery' } })),
    });
    // Every active entry of the org, and only those.
    const file = await loadOrgTaxonomy(sys.knex, sys.defaultOrgId);
    expect(new Set(res.json.entries.map((e: { kind: string; key: string }) => `${e.kind}:${e.key}`))).toEqual(
      new Set([...file.caseTypes.map((c) => `case:${c.key}`), ...file.bookingTypes.map((b) => `booking:${b.key}`), ...file.faq.map((f) => `question:${f.key}`)]),
    );
    expect(await snapshot()).toEqual(before);
    // Once one of them is switched off, it is gone from the check, and its twin's phrases are no
    // longer taken for it.
    expect((await api('DELETE', '/api/v1/case-types/misdelivered_parcel')).status).toBe(200);
    const after = await api('GET', '/api/v1/taxonomy/check');
    const twin = after.json.entries.find((e: { key: string }) => e.key === 'wrong_address_delivery');
    expect(twin.phrases).toBe(3);
    expect(twin.recognised).toBeGreaterThan(0);
    expect(JSON.stringify(after.json)).not.toContain('misdelivered_parcel');
  });

  it('needs a key with taxonomy.read', async () => {
    expect((await fetch(`${sys.url}/api/v1/taxonomy/check`)).status).toBe(401);
    const doc = await fetch(`${sys.url}/api/v1/openapi.json`).then((r) => r.json());
    expect(doc.paths['/api/v1/taxonomy/check'].get['x-permission']).toBe('taxonomy.read');
    expect(doc.paths['/api/v1/taxonomy/check'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/TaxonomyCheck' });
  });
});

// ---------------------------------------------------------------- end to end, through LINE

/** A customer's text through a signed LINE webhook; resolves with the bot's reply to it. */
async function ask(userId: string, text: string) {
  return (await h.ask(userId, { text })).text;
}

/** The classifier's decision on the last message of this customer. */
async function decisionFor(userId: string) {
  return sys
    .knex('classifications')
    .join('messages', 'messages.id', 'classifications.message_id')
    .join('conversations', 'conversations.id', 'messages.conversation_id')
    .where('conversations.external_id', userId)
    .orderBy('classifications.id', 'desc')
    .first('classifications.*');
}

async function latestCaseOf(userId: string) {
  return sys
    .knex('cases')
    .join('case_types', 'case_types.id', 'cases.case_type_id')
    .join('conversations', 'conversations.id', 'cases.conversation_id')
    .where('conversations.external_id', userId)
    .orderBy('cases.created_at', 'desc')
    .first('cases.*', 'case_types.key');
}

const lostVoucher = {
  key: 'lost_voucher',
  name: { th: 'ไม่ได้รับบัตรของขวัญ', en: 'Gift voucher not received' },
  category: 'order',
  defaultSeverity: 'high',
  firstResponseMinutes: 20,
  resolutionMinutes: 240,
  description: 'The customer paid for a gift voucher and did not receive it.',
  keywords: ['voucher', 'gift voucher', 'gift card', 'บัตรของขวัญ', 'บัตรกำนัล', 'เวาเชอร์'],
  examples: [
    'I bought a gift voucher but never received it',
    'My gift voucher has not arrived in my email',
    'The voucher code I paid for was not sent to me',
    'I did not get the gift card I ordered',
    'Where is my gift voucher? I paid yesterday',
    'ซื้อบัตรของขวัญไปแล้วแต่ยังไม่ได้รับค่ะ',
    'ยังไม่ได้รับโค้ดบัตรกำนัลทางอีเมลครับ',
    'จ่ายเงินซื้อเวาเชอร์แล้ว ไม่ได้รับเวาเชอร์เลยค่ะ',
    'บัตรกำนัลที่ซื้อไว้ยังไม่ส่งมาให้ครับ',
    'สั่ง gift voucher ไปสองวันแล้วยังไม่ได้เลยค่ะ',
  ],
  sop: '1. Check the voucher order\n2. Resend the code',
};

describe('the bot uses the taxonomy from the next message on', () => {
  it('opens a case of a case type created through the API, and stops when it is deactivated', async () => {
    const report = 'I paid for a gift voucher but never received it';
    // Before: the taxonomy has no such type (and is now cached for the org).
    const earlier = lineId('U');
    await ask(earlier, report);
    expect((await decisionFor(earlier)).case_type).not.toBe('lost_voucher');

    const created = await api('POST', '/api/v1/case-types', lostVoucher);
    expect(created.status).toBe(201);
    expect(created.json.examples.th).toHaveLength(5);
    expect(created.json.examples.en).toHaveLength(5);

    const english = lineId('U');
    const reply = await ask(english, report);
    const c = await latestCaseOf(english);
    expect(c).toMatchObject({ key: 'lost_voucher', severity: 'high', status: 'new', source: 'line' });
    expect(new Date(c.first_response_due_at).getTime() - new Date(c.created_at).getTime()).toBeLessThanOrEqual(20 * 60_000 + 5_000);
    expect(reply).toContain(c.number);
    expect(reply).toMatch(/case number is C-\d{6}/);
    expect(await decisionFor(english)).toMatchObject({ provider: 'offline', kind: 'case', case_type: 'lost_voucher' });

    const thai = lineId('U');
    const thaiReply = await ask(thai, 'ซื้อบัตรของขวัญแล้วยังไม่ได้รับเลยค่ะ');
    const thaiCase = await latestCaseOf(thai);
    expect(thaiCase.key).toBe('lost_voucher');
    expect(thaiReply).toContain(thaiCase.number);
    expect(thaiReply).toMatch(/หมายเลขเคส/);

    // Deactivated: no new case of it; the cases already opened keep it.
    expect((await api('DELETE', '/api/v1/case-types/lost_voucher')).status).toBe(200);
    const later = lineId('U');
    await ask(later, report);
    expect((await decisionFor(later)).case_type).not.toBe('lost_voucher');
    expect(await latestCaseOf(english)).toMatchObject({ id: c.id, key: 'lost_voucher' });
  });

  it('answers from an FAQ entry created through the API', async () => {
    const question = 'Do you have parking for customers?';
    const before = await ask(lineId('U'), question);
    expect(before).not.toMatch(/basement/);

    const created = await api('POST', '/api/v1/faq', {
      key: 'parking',
      question: { th: 'มีที่จอดรถไหมคะ', en: 'Is there parking?' },
      answer: { th: 'มีที่จอดรถฟรีสำหรับลูกค้าที่ชั้นใต้ดินของอาคารค่ะ', en: 'Yes, customers park free in the basement of the building.' },
      keywords: ['parking', 'park', 'ที่จอดรถ', 'จอดรถ'],
    });
    expect(created.status).toBe(201);

    const english = lineId('U');
    expect(await ask(english, question)).toBe('Yes, customers park free in the basement of the building.');
    expect(await decisionFor(english)).toMatchObject({ kind: 'question' });
    expect((await decisionFor(english)).result.faqKey).toBe('parking');
    expect(await ask(lineId('U'), 'มีที่จอดรถไหม')).toBe('มีที่จอดรถฟรีสำหรับลูกค้าที่ชั้นใต้ดินของอาคารค่ะ');

    // An edited answer is the one given next.
    await api('PATCH', '/api/v1/faq/parking', { answer: { en: 'Yes, two hours free in the basement; show your receipt.' } });
    expect(await ask(lineId('U'), question)).toBe('Yes, two hours free in the basement; show your receipt.');
  });

  it('reads an FAQ entry\'s keywords: a word only the keywords say names the entry', async () => {
    // "วาเลต์" (valet) is in no question or answer of the entry, only in its keywords once added.
    const question = 'มีบริการวาเลต์ไหมคะ';
    await api('POST', '/api/v1/faq', {
      key: 'car_park',
      question: { th: 'มีที่จอดรถไหมคะ', en: 'Is there parking?' },
      answer: { th: 'จอดได้ที่ชั้นใต้ดิน ฟรี 2 ชั่วโมงค่ะ', en: 'Park in the basement, two hours free.' },
    });
    const before = lineId('U');
    await ask(before, question);
    expect((await decisionFor(before)).result.faqKey).not.toBe('car_park');

    expect((await api('PATCH', '/api/v1/faq/car_park', { keywords: ['วาเลต์', 'valet'] })).status).toBe(200);
    const after = lineId('U');
    await ask(after, question);
    expect((await decisionFor(after)).result.faqKey).toBe('car_park');
  });
});

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Knex } from 'knex';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import * as models from './index.ts';
import {
  StaffActionNonce,
  WebhookEndpoint,
  WebhookDelivery,
  Payment,
  CaseStatusPeriod,
  FaqEntry,
  ClassificationRecord,
  BaseModel, ApiKey, AuditEntry, Booking, BookingEvent, CaseEvent, CaseOrder, CaseType, Channel, Contact, ContactIdentity,
  Conversation, InboundEvent, Message, Org, OutboxMessage, Provider, Service, StaffGroup, StaffMember, SupportCase,
  Template,
} from './index.ts';

let db: TestDatabase;
let knex: Knex;
let org: Org;
let booking: Booking;
let supportCase: SupportCase;

beforeAll(async () => {
  db = await createTestDatabase();
  knex = db.knex;
  // One row of every table, linked, so that every relation has something to join.
  org = await Org.query(knex).insertAndFetch({ slug: 'models', name: 'Models', businessHours: { mon: [['09:00', '18:00']] } });
  const orgId = org.id;
  await ApiKey.query(knex).insert({ orgId, name: 'k', role: 'admin', keyHash: 'h', keyPrefix: 'od_' });
  await OutboxMessage.query(knex).insert({ orgId, queue: 'notify', jobName: 'send', payload: { items: [1, 2] } });
  await AuditEntry.query(knex).insert({ orgId, actorType: 'system', action: 'x', details: { list: ['a'] } });
  const channel = await Channel.query(knex).insert({ orgId, kind: 'line', name: 'OA', externalId: 'Ubot', settings: {} });
  const contact = await Contact.query(knex).insert({ orgId, displayName: 'Nok', attributes: { tags: ['vip'] } });
  await ContactIdentity.query(knex).insert({ orgId, contactId: contact.id, channelId: channel.id, externalId: 'U1', profile: {} });
  const provider = await Provider.query(knex).insert({ orgId, key: 'paygate', name: 'PayGate', contact: { email: 'a@b.example' } });
  const staff = await StaffMember.query(knex).insert({ orgId, displayName: 'Ploy', role: 'support' });
  await StaffGroup.query(knex).insert({
    orgId, channelId: channel.id, lineGroupId: 'C1', purpose: 'vip_customer', routing: { caseTypes: ['x'] },
    contactId: contact.id, providerId: provider.id,
  });
  const conversation = await Conversation.query(knex).insert({
    orgId, channelId: channel.id, contactId: contact.id, externalId: 'U1', dialogue: { kind: 'booking', steps: ['date'] },
  });
  const event = await InboundEvent.query(knex).insert({
    orgId, channelId: channel.id, platformEventId: 'e1', eventType: 'message', payload: { events: [] },
  });
  const message = await Message.query(knex).insert({
    orgId, conversationId: conversation.id, direction: 'in', senderType: 'customer', text: 'hi', payload: {},
    inboundEventId: event.id, staffId: staff.id,
  });
  const caseType = await CaseType.query(knex).insert({
    orgId, key: 'topup_not_credited', nameTh: 'ท', nameEn: 'e', category: 'payment', defaultSeverity: 'critical',
    firstResponseMinutes: 15, resolutionMinutes: 60, keywords: ['เติมเงิน', 'top up'], examples: { th: ['a'], en: ['b'] },
  });
  const service = await Service.query(knex).insert({
    orgId, key: 'sushi_class', nameTh: 'ซูชิ', nameEn: 'Sushi', price: '2500.00', keywords: ['sushi'], examples: { th: [], en: [] },
  });
  await Template.query(knex).insert({ orgId, key: 'case_created', language: 'th', body: 'x {{case_id}}' });
  supportCase = await SupportCase.query(knex).insert({
    orgId, number: 'C-000001', caseTypeId: caseType.id, contactId: contact.id, conversationId: conversation.id,
    sourceMessageId: message.id, source: 'line', severity: 'critical', ownerStaffId: staff.id, providerId: provider.id,
    fields: { amount: '500.00', slips: ['a.jpg'] },
  });
  await CaseOrder.query(knex).insert({ orgId, caseId: supportCase.id, orderId: 'A1', amount: '500.00', providerId: provider.id });
  await CaseEvent.query(knex).insert([
    { orgId, caseId: supportCase.id, type: 'created', actorType: 'system', data: { list: [1] } },
    { orgId, caseId: supportCase.id, type: 'note', actorType: 'staff', actorId: staff.id, data: {} },
  ]);
  booking = await Booking.query(knex).insert({
    orgId, number: 'B-000001', contactId: contact.id, conversationId: conversation.id, serviceId: service.id,
    assigneeStaffId: staff.id, source: 'liff', requestedDate: '2026-12-31', requestedTime: '18:30', partySize: 2,
    utm: { source: 'facebook', campaign: 'nye' }, details: { diet: ['vegan'] },
  });
  await BookingEvent.query(knex).insert({ orgId, bookingId: booking.id, type: 'created', actorType: 'customer', data: {} });
  await Payment.query(knex).insert({ orgId, orderId: 'TP-1', amount: '500.00', status: 'succeeded', customer: { phone: '+66812345678' }, contactId: contact.id, caseId: supportCase.id });
  const endpoint = await WebhookEndpoint.query(knex).insert({ orgId, url: 'https://example.test/hook', secretSealed: 'v1.x.y.z', events: ['case.created'] });
  await WebhookDelivery.query(knex).insert({
    orgId, endpointId: endpoint.id, eventType: 'case.created', eventId: '00000000-0000-4000-8000-000000000001', caseId: supportCase.id, payload: { id: 'e' },
  });
  await CaseStatusPeriod.query(knex).insert({ orgId, caseId: supportCase.id, status: 'new', startedAt: new Date() });
  await StaffActionNonce.query(knex).insert({ nonce: 'n1', orgId, expiresAt: new Date(Date.now() + 60_000) });
  await FaqEntry.query(knex).insert({ orgId, key: 'opening_hours', questionEn: 'When do you open?', answerTh: 'เปิด 9 โมงค่ะ', answerEn: 'At 9.', keywords: ['open'] });
  await ClassificationRecord.query(knex).insert({
    orgId, messageId: message.id, provider: 'offline', model: 'm', latencyMs: 1, kind: 'case', confidence: '0.9', language: 'th', result: { kind: 'case' },
  });
});

afterAll(async () => {
  await db?.destroy();
});

describe('models', () => {
  const modelClasses = (Object.values(models) as unknown[]).filter(
    (v): v is typeof BaseModel => typeof v === 'function' && v.prototype instanceof BaseModel && typeof (v as typeof BaseModel).tableName === 'string',
  );

  it('cover every table of the schema', async () => {
    const { rows } = await knex.raw<{ rows: { table_name: string }[] }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE 'knex_%'`,
    );
    const modelled = new Set(modelClasses.map((m) => m.tableName));
    const unmodelled = rows.map((r) => r.table_name).filter((t) => !modelled.has(t));
    // org_counters is reached through core/numbering.ts only.
    expect(unmodelled).toEqual(['org_counters']);
  });

  it('load every relation of every model', async () => {
    for (const modelClass of modelClasses) {
      const relations = Object.keys(modelClass.getRelations());
      const rows = await modelClass.query(knex).withGraphFetched(`[${relations.join(', ')}]`);
      expect(rows.length, modelClass.tableName).toBeGreaterThan(0);
      for (const name of relations) {
        const loaded = rows.some((row: BaseModel) => {
          const value = (row as unknown as Record<string, unknown>)[name];
          return Array.isArray(value) ? value.length > 0 : value != null;
        });
        expect(loaded, `${modelClass.name}.${name}`).toBe(true);
      }
    }
  });

  it('scope queries to an org with ofOrg', async () => {
    const other = await Org.query(knex).insert({ slug: 'models-other', name: 'Other' });
    expect(await SupportCase.query(knex).modify('ofOrg', other.id)).toHaveLength(0);
    expect(await SupportCase.query(knex).modify('ofOrg', org.id)).toHaveLength(1);
  });

  it('round-trip JSON arrays, text arrays, money and calendar dates', async () => {
    const c = await SupportCase.query(knex).findById(supportCase.id).withGraphFetched('[caseType, orders, events]');
    expect(c!.fields).toEqual({ amount: '500.00', slips: ['a.jpg'] });
    expect(c!.caseType!.keywords).toEqual(['เติมเงิน', 'top up']);
    expect(c!.caseType!.warnAtRatio).toBe(0.75);
    expect(c!.orders![0].amount).toBe('500.00');
    expect(c!.events!.map((e) => e.type)).toEqual(['created', 'note']);
    expect(c!.trackingToken).toMatch(/^[0-9a-f]{32}$/);

    const b = await Booking.query(knex).findById(booking.id);
    expect(b!.requestedDate).toBe('2026-12-31');
    expect(b!.requestedTime).toBe('18:30');
    expect(b!.utm).toEqual({ source: 'facebook', campaign: 'nye' });
    expect(b!.details).toEqual({ diet: ['vegan'] });

    const conversation = await Conversation.query(knex).first();
    expect(conversation!.dialogue).toEqual({ kind: 'booking', steps: ['date'] });
    expect((await Org.query(knex).findById(org.id))!.holidays).toEqual([]);
  });

  it('bump updated_at and keep the timeline append-only through the models too', async () => {
    const before = await Contact.query(knex).first();
    await new Promise((r) => setTimeout(r, 5));
    const after = await Contact.query(knex).patchAndFetchById(before!.id, { isVip: true });
    expect(after.updatedAt.getTime()).toBeGreaterThan(before!.updatedAt.getTime());
    await expect(CaseEvent.query(knex).patch({ data: {} })).rejects.toThrow(/append-only/);
    await expect(BookingEvent.query(knex).delete()).rejects.toThrow(/append-only/);
  });
});

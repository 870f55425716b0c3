import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { apiClient } from './api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './line-customer.ts';
import { formBooked } from './test-system.ts';

/**
 * The system with LIFF set up against the fake LINE server (LINE Login channel, a LIFF id for
 * every customer page), and the things the LIFF tests need: ID tokens as LINE issues them, a case
 * of a LINE customer, a quote link.
 */
export const LOGIN_CHANNEL_ID = '1657000000';
export const LIFF_ID = '1657000000-AbCdEfGh';

export interface LiffHarness extends LineCustomerHarness {
  /** An ID token as `liff.getIDToken()` would give this LINE user. */
  idToken(lineUserId: string, o?: { name?: string; ttlMs?: number; channelId?: string }): string;
  /** A LINE customer reports a problem: the case opens, and its tracking token. */
  reportProblem(lineUserId: string): Promise<{ number: string; token: string }>;
  /** A website booking with a quote sent: the quote's token. */
  sentQuote(validUntil?: string): Promise<{ number: string; token: string }>;
  pub(method: string, path: string, o?: { body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; json: any; headers: Headers }>;
  /** A bookable service made through the admin API (a fresh key): what its form asks and its hours. */
  bookableService(o: { name: { th: string; en: string }; formFields?: unknown; hours?: unknown; capacity?: number; durationMinutes?: number }): Promise<string>;
  /** Another business in the same deployment, with one bookable service: its slug. */
  otherOrg(service: { key: string; name: { th: string; en: string } }): Promise<{ id: string; slug: string; name: string }>;
}

/** `env`: more settings for the system (a WhatsApp number on the fake Twilio server, another PUBLIC_BASE_URL). */
export async function startLiffHarness(env: Record<string, string> = {}): Promise<LiffHarness> {
  const h = await startLineCustomerHarness({ LINE_LOGIN_CHANNEL_ID: LOGIN_CHANNEL_ID, LIFF_ID_CUSTOMER: LIFF_ID, ...env });
  const api = apiClient(h.sys);
  const pub: LiffHarness['pub'] = async (method, path, o = {}) => {
    const res = await fetch(h.sys.url + path, { method, headers: { 'content-type': 'application/json', ...o.headers }, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    const text = await res.text();
    const json = text && text.startsWith('{') ? JSON.parse(text) : text;
    // A website form is answered once stored and booked a moment later: what it makes is in place once its booking is.
    if (path.startsWith('/public/v1/bookings') && res.status === 201 && json.booking_id) await formBooked(h.sys.knex, json.booking_id);
    return { status: res.status, json, headers: res.headers };
  };
  return {
    ...h,
    pub,
    async bookableService(o) {
      const key = `svc_${randomUUID().slice(0, 8)}`;
      const made = await api('POST', '/api/v1/services', { key, ...o });
      expect(made.status).toBe(201);
      return key;
    },
    async otherOrg(service) {
      const slug = `other-${randomUUID().slice(0, 8)}`;
      const name = 'Other business';
      const [org] = await h.sys.knex('orgs').insert({ slug, name, time_zone: 'Asia/Bangkok' }).returning('id');
      await h.sys.knex('services').insert({ org_id: org.id, key: service.key, name_th: service.name.th, name_en: service.name.en, duration_minutes: 60, capacity: 6, price: '900.00' });
      return { id: org.id as string, slug, name };
    },
    idToken: (sub, o = {}) => h.line.state.issueIdToken({ sub, channelId: o.channelId ?? LOGIN_CHANNEL_ID, name: o.name, ttlMs: o.ttlMs }),
    async reportProblem(lineUserId) {
      const reply = await h.ask(lineUserId, { text: 'เติมเงินไป 500 บาทแล้วเครดิตไม่เข้าค่ะ' });
      const number = reply.text.match(/C-\d{6}/)![0];
      const row = await h.sys.knex('cases').where({ number }).first();
      return { number, token: row.tracking_token as string };
    },
    async sentQuote(validUntil = `${new Date().getUTCFullYear() + 1}-01-31`) {
      const booked = await pub('POST', '/public/v1/bookings', {
        headers: { 'idempotency-key': randomUUID() },
        body: { destination: 'Chiang Mai', travelers: 4, name: 'Quote Guest', email: `q${randomUUID()}@example.com`, language: 'en' },
      });
      const number = booked.json.booking_id as string;
      const quote = await api('POST', `/api/v1/bookings/${number}/quotes`, {
        lines: [
          { description: 'Guided day trip', quantity: 4, unitPrice: 1800 },
          { description: 'Hotel pick-up', quantity: 1, unitPrice: 500 },
        ],
        discount: { kind: 'amount', value: 200 },
        validUntil,
      });
      expect(quote.status).toBe(201);
      const sent = await api('POST', `/api/v1/bookings/${number}/quotes/${quote.json.version}/send`);
      expect(sent.status).toBe(200);
      return { number, token: (sent.json.url as string).split('/liff/quote/')[1] };
    },
  };
}

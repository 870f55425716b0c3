import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formHash } from '../core/bookings/booking-form-checks.ts';
import { formOrg } from '../core/bookings/form-org.ts';
import { bookWaitingForms } from '../core/bookings/waiting-forms.ts';
import { storeWebForm } from '../core/bookings/web-form-batches.ts';
import { apiClient } from './support/api-client.ts';
import { formBooked, startTestSystem, until, type TestSystem } from './support/test-system.ts';

/**
 * The website's booking form through the running system: `POST /public/v1/bookings` with an
 * Idempotency-Key, the answer in the customer's language, contact dedup, and every bad input the
 * issue lists answered clearly with nothing written.
 */
let sys: TestSystem;
let supportKey: string;

beforeAll(async () => {
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' } });
  supportKey = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
});
afterAll(() => sys?.stopAll());

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);

async function post(body: unknown, key: string | null = randomUUID(), path = '/public/v1/bookings') {
  const res = await fetch(sys.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  // Everything the form makes is in place once its booking is (a worker books it a moment after the answer).
  if (res.status === 201 && json?.booking_id) await formBooked(sys.knex, json.booking_id);
  return { status: res.status, json, replayed: res.headers.get('idempotent-replayed') };
}

const nextYear = new Date().getUTCFullYear() + 1;
let seq = 0;
function form(over: Record<string, unknown> = {}) {
  seq += 1;
  return {
    destination: 'Northern Vietnam',
    style: 'Adventure',
    month: `${nextYear}-03`,
    travelers: 2,
    duration_days: 10,
    budget: '60,000-80,000 THB',
    name: 'Jane Traveller',
    email: `jane${seq}@example.com`,
    phone: `+66 81 555 ${String(1000 + seq)}`,
    language: 'en',
    notes: 'We love hiking',
    utm_source: 'google',
    utm_medium: 'cpc',
    utm_campaign: 'vietnam-spring',
    page_url: 'https://tours.example/vietnam',
    referrer: 'https://www.google.com/',
    ...over,
  };
}

/** Everything a form could write: counted before and after a refused request. */
async function counts() {
  const n = async (table: string) => Number((await sys.knex(table).count({ n: '*' }))[0].n);
  return { bookings: await n('bookings'), events: await n('booking_events'), contacts: await n('contacts'), outbox: await n('outbox'), counters: await sys.knex('org_counters').select('*') };
}

describe('a website booking', () => {
  it('creates a new, unassigned web booking with its details and attribution, answers in English, and queues its card for the sales groups', async () => {
    const f = form();
    const r = await post(f);
    expect(r.status).toBe(201);
    expect(r.json).toEqual({ booking_id: expect.stringMatching(/^B-\d{6}$/), status: 'new', next_step_message: expect.stringContaining(`Thank you, Jane Traveller! We have received your booking request ${r.json.booking_id} (Northern Vietnam)`) });
    const b = await sys.knex('bookings').where({ number: r.json.booking_id }).first();
    expect(b).toMatchObject({ stage: 'new', source: 'web', assignee_staff_id: null, party_size: 2, language: 'en', notes: 'We love hiking', service_id: null });
    expect(b.details).toEqual({ destination: 'Northern Vietnam', style: 'Adventure', month: `${nextYear}-03`, duration_days: 10, budget: '60,000-80,000 THB', notes: 'We love hiking' });
    expect(b.utm).toMatchObject({ source: 'google', medium: 'cpc', campaign: 'vietnam-spring', page_url: 'https://tours.example/vietnam', referrer: 'https://www.google.com/' });
    expect(b.utm.ip_address).toBeTruthy();
    const contact = await sys.knex('contacts').where({ id: b.contact_id }).first();
    expect(contact).toMatchObject({ display_name: 'Jane Traveller', email: f.email, phone: `+6681555${1000 + seq}`, language: 'en' });
    const card = await sys.knex('outbox').where({ queue: 'staff', job_name: 'announce-booking' }).whereRaw(`payload->>'bookingId' = ?`, [b.id]).first();
    expect(card).toBeDefined();
    // Staff find it in the list by campaign.
    const listed = await api('GET', '/api/v1/bookings?source=web&search=vietnam-spring', undefined, supportKey);
    expect(listed.json.items.map((i: any) => i.number)).toContain(r.json.booking_id);
  });

  it('answers in Thai to a Thai form, with a service from the catalog', async () => {
    const r = await post(form({ language: 'th', destination: undefined, service: 'bangkok_city_tour', name: 'สมศรี' }));
    expect(r.status).toBe(201);
    expect(r.json.next_step_message).toContain(`ขอบคุณค่ะ คุณสมศรี เราได้รับคำขอจอง ${r.json.booking_id}`);
    const b = await sys.knex('bookings').join('services', 'services.id', 'bookings.service_id').where({ number: r.json.booking_id }).select('services.key').first();
    expect(b.key).toBe('bangkok_city_tour');
  });
});

describe('stored and answered, then booked', () => {
  /** A form sent to a system, answered 201: its booking number. */
  async function send(to: TestSystem, f: Record<string, unknown>) {
    const res = await fetch(`${to.url}/public/v1/bookings`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body: JSON.stringify(f) });
    expect(res.status).toBe(201);
    return (await res.json()).booking_id as string;
  }

  it('the answer comes once the form is stored; a worker makes the booking, once; staff asking for it by number first get it at once', async () => {
    // An api without workers: its forms are stored, answered, and wait.
    const apiOnly = await startTestSystem({ roles: ['api'], env: { DEV_SIMULATOR: 'off' } });
    let workers: TestSystem | undefined;
    try {
      const [asked, later] = [await send(apiOnly, form({ name: 'Asked First' })), await send(apiOnly, form({ name: 'Booked Later' }))];
      const waiting = await apiOnly.knex('booking_intakes').whereIn('number', [asked, later]).whereNull('booked_at').orderBy('id');
      expect(waiting.map((w) => [w.number, w.form.form.name])).toEqual([
        [asked, 'Asked First'],
        [later, 'Booked Later'],
      ]);
      expect(await apiOnly.knex('bookings').whereIn('number', [asked, later])).toEqual([]);

      // Staff ask for the first by its number: it is booked there and then.
      const detail = await apiClient(apiOnly)('GET', `/api/v1/bookings/${asked}`);
      expect(detail.status).toBe(200);
      expect(detail.json).toMatchObject({ number: asked, stage: 'new', source: 'web', contact: { name: 'Asked First' } });
      expect(detail.json.timeline.map((e: { type: string }) => e.type)).toContain('created');
      const ledger = await apiOnly.knex('booking_intakes').where({ number: asked }).first();
      expect(ledger).toMatchObject({ booking_id: expect.any(String), form: null });
      expect(ledger.booked_at).not.toBeNull();

      // Workers start: the other is booked; the first is not booked again.
      workers = await startTestSystem({ roles: ['workers'], db: apiOnly.db, env: { DEV_SIMULATOR: 'off' } });
      const booked = await formBooked(apiOnly.knex, later);
      expect(booked).toMatchObject({ stage: 'new', source: 'web' });
      await until(async () => (await apiOnly.knex('booking_intakes').whereNull('booked_at')).length === 0);
      expect(Number((await apiOnly.knex('bookings').count({ n: '*' }))[0].n)).toBe(2);
      expect(Number((await apiOnly.knex('booking_events').where({ type: 'created' }).count({ n: '*' }))[0].n)).toBe(2);
    } finally {
      await workers?.stopAll();
      await apiOnly.stopAll();
    }
  });

  it('a form the database refuses does not hold back the others: they are booked, it waits with its form intact, and the job fails', async () => {
    const apiOnly = await startTestSystem({ roles: ['api'], env: { DEV_SIMULATOR: 'off' } });
    try {
      const numbers = [await send(apiOnly, form()), await send(apiOnly, form()), await send(apiOnly, form())];
      // The middle form names a service that is not there (as if its row were removed under it).
      await apiOnly.knex('booking_intakes').where({ number: numbers[1] }).update({ form: apiOnly.knex.raw(`jsonb_set(form, '{serviceId}', to_jsonb(?::text))`, [randomUUID()]) });
      await expect(bookWaitingForms(apiOnly.knex)).rejects.toThrow(/foreign key/);
      expect((await apiOnly.knex('bookings').whereIn('number', numbers).orderBy('number')).map((b) => b.number)).toEqual([numbers[0], numbers[2]]);
      const refused = await apiOnly.knex('booking_intakes').where({ number: numbers[1] }).first();
      expect(refused).toMatchObject({ booked_at: null, booking_id: null });
      expect(refused.form.form.name).toBe('Jane Traveller');
    } finally {
      await apiOnly.stopAll();
    }
  });
});

describe('the Idempotency-Key', () => {
  it('a resubmitted form returns the first answer and creates nothing new', async () => {
    const key = randomUUID();
    const f = form();
    const first = await post(f, key);
    const before = await counts();
    // The same form, its fields in another order.
    const again = await post(Object.fromEntries(Object.entries(f).reverse()), key);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.replayed).toBe('true');
    expect(await counts()).toEqual(before);
  });

  it('the same key with a different body is a 422 naming the key; nothing written', async () => {
    const key = randomUUID();
    const first = await post(form(), key);
    const before = await counts();
    const other = await post(form({ travelers: 3 }), key);
    expect(other.status).toBe(422);
    expect(other.json.error.details[0].path).toBe('Idempotency-Key');
    expect(await counts()).toEqual(before);
    expect((await sys.knex('bookings').where({ number: first.json.booking_id }).first()).party_size).toBe(2);
  });

  it('five retries of one submission at once make one booking and get one answer', async () => {
    const key = randomUUID();
    const f = form();
    const before = await counts();
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(f, key)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.json.booking_id)).size).toBe(1);
    expect(answers.filter((a) => a.replayed === 'true')).toHaveLength(4);
    expect((await counts()).bookings).toBe(before.bookings + 1);
  });

  it('is required, and must look like a key', async () => {
    const before = await counts();
    for (const key of [null, 'short', 'with space in it']) {
      const r = await post(form(), key);
      expect(r.status).toBe(422);
      expect(r.json.error.details[0].path).toBe('Idempotency-Key');
    }
    expect(await counts()).toEqual(before);
  });
});

describe('bad input', () => {
  it('a filled honeypot is answered as a real form is, with the next number, and dropped', async () => {
    const before = await counts();
    // Not through post(): it would wait for the booking, and there is none.
    const res = await fetch(sys.url + '/public/v1/bookings', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body: JSON.stringify(form({ website: 'http://spam.example' })) });
    const r = { status: res.status, json: await res.json() };
    expect(r.status).toBe(201);
    expect(r.json.booking_id).toMatch(/^B-\d{6}$/);
    expect(r.json.status).toBe('new');
    expect(r.json.next_step_message).toContain(r.json.booking_id);
    expect(await counts()).toEqual(before);
    // The number was only read: the next real form gets it.
    expect((await post(form())).json.booking_id).toBe(r.json.booking_id);
  });

  it('right-to-left and other direction controls are taken out of names and notes', async () => {
    const r = await post(form({ name: 'Jane \u202Egpj.exe\u202C Doe', notes: 'Room \u2067101\u2069 please' }));
    expect(r.status).toBe(201);
    const booking = await sys.knex('bookings').where({ number: r.json.booking_id }).first();
    expect((await sys.knex('contacts').where({ id: booking.contact_id }).first()).display_name).toBe('Jane gpj.exe Doe');
    expect(booking.notes ?? booking.details.notes).toBe('Room 101 please');
  });

  it.each(['javascript:alert(document.cookie)', 'data:text/html,<script>1</script>', 'ftp://files.example/x'])('a page_url of %s is a 422 naming it; nothing written', async (url) => {
    const before = await counts();
    const r = await post(form({ page_url: url }));
    expect(r.status).toBe(422);
    expect(r.json.error.details.map((d: any) => d.path)).toContain('page_url');
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an unknown field', { favourite_colour: 'red' }, ''],
    ['oversized notes', { notes: 'x'.repeat(2001) }, 'notes'],
    ['an invalid e-mail', { email: 'jane@' }, 'email'],
    ['an invalid phone', { phone: 'call me maybe' }, 'phone'],
    ['a start date in the past', { start_date: '2020-01-01' }, 'start_date'],
    ['a month in the past', { month: '2020-01' }, 'month'],
    ['an end before the start', { start_date: `${nextYear}-03-10`, end_date: `${nextYear}-03-01` }, 'end_date'],
    ['no way to answer', { email: undefined, phone: undefined }, 'email'],
    ['no destination nor service', { destination: undefined }, 'destination'],
    ['no name', { name: '' }, 'name'],
    ['an unknown service', { service: 'moon_trip' }, 'service'],
    ['travelers not a number', { travelers: 'two' }, 'travelers'],
    ['an unknown language', { language: 'fr' }, 'language'],
  ])('%s is a 422 naming the field; nothing written', async (_, over, field) => {
    const before = await counts();
    const r = await post(form(over));
    expect(r.status).toBe(422);
    expect(r.json.error.code).toMatch(/validation_failed|invalid_reference/);
    const paths = r.json.error.details.map((d: any) => d.path);
    if (field) expect(paths).toContain(field);
    else expect(JSON.stringify(r.json.error.details)).toContain('favourite_colour');
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['name', 'Nul\u0000Byte'],
    ['name', 'Jane\nTraveller'],
    ['destination', 'Chiang\u0007Mai'],
    ['notes', 'hiking\u0000'],
    ['budget', '\u001b[31m60,000'],
    ['utm_campaign', 'spring\u0000'],
    ['referrer', 'https://www.google.com/\u0000'],
    ['website', '\u0000'],
  ])('a control character in %s is a 422 naming it; nothing written', async (field, value) => {
    const before = await counts();
    const r = await post(form({ [field]: value }));
    expect(r.status).toBe(422);
    expect(r.json.error.details.map((d: any) => d.path)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('notes keep their line breaks and tabs', async () => {
    const r = await post(form({ notes: 'We love hiking\r\n\tand kayaking' }));
    expect(r.status).toBe(201);
    expect((await sys.knex('bookings').where({ number: r.json.booking_id }).first()).notes).toBe('We love hiking\r\n\tand kayaking');
  });

  it('forty forms at once, ten with a NUL in the name: the ten are 422s, the thirty are booked', async () => {
    const before = await counts();
    const forms = Array.from({ length: 40 }, (_, i) => form(i % 4 === 1 ? { name: 'Nul\u0000Byte' } : { name: `Good ${i}` }));
    const answers = await Promise.all(forms.map((f) => post(f)));
    expect(answers.filter((a) => a.status === 422)).toHaveLength(10);
    const good = answers.filter((a) => a.status === 201);
    expect(good).toHaveLength(30);
    const booked = await sys.knex('bookings').whereIn('number', good.map((a) => a.json.booking_id));
    expect(booked).toHaveLength(30);
    expect((await counts()).bookings).toBe(before.bookings + 30);
  });

  it('a form the database refuses in a batch costs only its own request: the others of the batch are stored', async () => {
    const org = await formOrg(sys.knex, undefined);
    const store = (name: string) => {
      const stored = { form: form({ name }) as any, serviceId: null, ipAddress: null };
      return storeWebForm(sys.knex, { orgId: org.id, key: randomUUID(), hash: formHash(stored.form), answerFor: (n) => ({ booking_id: n, status: 'new', next_step_message: null }), stored });
    };
    // The first form is written alone at once; the ones sent while it is written go together in one batch.
    const all = await Promise.allSettled([store('First'), store('Before'), store('Nul\u0000Byte'), store('After'), store('Last')]);
    expect(all.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const numbers = all.flatMap((a) => (a.status === 'fulfilled' ? [a.value.answer.booking_id] : []));
    const stored = await sys.knex('booking_intakes').whereIn('number', numbers);
    expect(stored).toHaveLength(4);
    await Promise.all(numbers.map((n) => formBooked(sys.knex, n!)));
    expect(await sys.knex('bookings').whereIn('number', numbers)).toHaveLength(4);
  });

  it('a body that is not JSON is a 400, an unknown business a 404; nothing written', async () => {
    const before = await counts();
    expect((await post('{"name": ')).status).toBe(400);
    expect((await post(form(), randomUUID(), '/public/v1/bookings?org=no-such-business')).status).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe('the customer is one contact', () => {
  it('a second form with the same e-mail (in other letters) or phone (written otherwise) joins the first contact, on the booking timeline', async () => {
    const first = await post(form({ email: 'Sam.Lee@Example.com', phone: '081-777-0001', name: 'Sam Lee' }));
    const byEmail = await post(form({ email: 'sam.lee@example.com', phone: undefined, name: 'Sam' }));
    const byPhone = await post(form({ email: undefined, phone: '+66 81 777 0001', name: 'S. Lee' }));
    const rows = await sys.knex('bookings').whereIn('number', [first.json.booking_id, byEmail.json.booking_id, byPhone.json.booking_id]).orderBy('number');
    expect(new Set(rows.map((r) => r.contact_id)).size).toBe(1);
    const contact = await sys.knex('contacts').where({ id: rows[0].contact_id }).first();
    // The name the customer first gave is kept; the contact was made with the normalised details.
    expect(contact).toMatchObject({ display_name: 'Sam Lee', email: 'sam.lee@example.com', phone: '+66817770001' });
    const matched = await sys.knex('booking_events').whereIn('booking_id', rows.map((r) => r.id)).andWhere({ type: 'contact_matched' }).orderBy('id');
    expect(matched.map((e) => e.data.by)).toEqual(['email', 'phone']);
  });

  it('two first forms of one new customer at once make one contact', async () => {
    const email = `twin${randomUUID()}@example.com`;
    const answers = await Promise.all([post(form({ email, phone: undefined })), post(form({ email, phone: undefined }))]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(Number((await sys.knex('contacts').where({ email }).count({ n: '*' }))[0].n)).toBe(1);
  });
});

describe('a booking recorded by staff', () => {
  it('a concierge records a booking for a member, matched to the member by phone; the CEO may not', async () => {
    const member = await post(form({ phone: '0899990000', email: undefined, name: 'Khun Member' }));
    const memberContact = (await sys.knex('bookings').where({ number: member.json.booking_id }).first()).contact_id;
    const r = await api('POST', '/api/v1/bookings', { service: 'spa_massage', start_date: `${nextYear}-02-01`, time: '15:00', travelers: 1, name: 'Khun Member', phone: '+66899990000', language: 'th' }, supportKey);
    expect(r.status).toBe(201);
    expect(await sys.knex('bookings').where({ number: r.json.number }).first()).toMatchObject({ contact_id: memberContact, source: 'staff', stage: 'new', requested_time: '15:00:00' });
    const ceoKey = (await api('POST', '/api/v1/api-keys', { name: 'ceo', role: 'ceo' })).json.key;
    const before = await counts();
    expect((await api('POST', '/api/v1/bookings', { service: 'spa_massage', name: 'X', phone: '+66899990001' }, ceoKey)).status).toBe(403);
    expect((await api('POST', '/api/v1/bookings', { service: 'spa_massage', name: 'X', phone: '+66899990001', start_date: '2020-01-01' }, supportKey)).status).toBe(422);
    expect(await counts()).toEqual(before);
  });
});

describe('the public catalog feed', () => {
  const feed = (query = '', headers: Record<string, string> = {}) => fetch(`${sys.url}/public/v1/services${query}`, { headers });

  it('lists the active services with an ETag and caching; 304 when unchanged; a change made by an admin changes the ETag', async () => {
    const first = await feed();
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const body = await first.json();
    expect(body.items.map((s: any) => s.key)).toContain('sushi_class');
    expect(body.items.find((s: any) => s.key === 'sushi_class')).toMatchObject({ name: { en: 'Sushi cooking class' }, currency: 'THB' });
    expect(body.total).toBe(body.items.length);

    const again = await feed('', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    expect((await api('PATCH', '/api/v1/services/spa_massage', { isActive: false })).status).toBe(200);
    const changed = await feed('', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await changed.json()).items.map((s: any) => s.key)).not.toContain('spa_massage');
  });

  it('filters by text, price and duration; refuses an unknown filter', async () => {
    expect((await (await feed('?search=sushi')).json()).items.map((s: any) => s.key)).toEqual(['sushi_class']);
    const cheap = (await (await feed('?maxPrice=1000')).json()).items;
    expect(cheap.every((s: any) => s.price !== null && s.price <= 1000)).toBe(true);
    expect((await feed('?colour=red')).status).toBe(422);
    expect((await feed('?org=no-such-business')).status).toBe(404);
  });
});

describe('a burst from one address', () => {
  it('is refused with 429 and Retry-After once over the public limit, and the refused forms write nothing', async () => {
    const limited = await startTestSystem({ env: { DEV_SIMULATOR: 'off', RATE_LIMIT_PUBLIC: '3/60' } });
    try {
      const send = (key: string) =>
        fetch(`${limited.url}/public/v1/bookings`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(form()) });
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await send(randomUUID()));
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 429, 429]);
      expect(Number(answers[3].headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await answers[3].json()).error.code).toBe('rate_limited');
      // The ledger of stored forms: the refused ones are not in it.
      expect(Number((await limited.knex('booking_intakes').count({ n: '*' }))[0].n)).toBe(3);
    } finally {
      await limited.stopAll();
    }
  });
});

describe("every org's form has a limit unless it sets its own", () => {
  it('PUBLIC_FORM_LIMIT (30 in 10 minutes unless set) applies to an org that set none: over it, 429, writing nothing', async () => {
    const limited = await startTestSystem({ env: { DEV_SIMULATOR: 'off', PUBLIC_FORM_LIMIT: '2/60' } });
    try {
      const send = () =>
        fetch(`${limited.url}/public/v1/bookings`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body: JSON.stringify(form()) });
      const answers = [await send(), await send(), await send()];
      expect(answers.map((a) => a.status)).toEqual([201, 201, 429]);
      expect((await answers[2].json()).error.code).toBe('rate_limited');
      expect(Number((await limited.knex('booking_intakes').count({ n: '*' }))[0].n)).toBe(2);
    } finally {
      await limited.stopAll();
    }
  });
});

describe("the org's own limit on its form", () => {
  it('is set in the org settings (bad values a 422 naming the field), and a burst over it gets 429 with Retry-After, writing nothing', async () => {
    const bad = await api('PATCH', '/api/v1/org/settings', { publicFormLimit: { requests: 0, seconds: 60 } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.json.error.details)).toContain('publicFormLimit');
    expect((await api('GET', '/api/v1/org/settings')).json.publicFormLimit).toBeNull();

    const set = await api('PATCH', '/api/v1/org/settings', { publicFormLimit: { requests: 2, seconds: 60 } });
    expect(set.status).toBe(200);
    expect(set.json.publicFormLimit).toEqual({ requests: 2, seconds: 60 });
    // Each process reads its org again within 5 s.
    await new Promise((r) => setTimeout(r, 5_100));
    const before = Number((await sys.knex('bookings').where({ source: 'web' }).count({ n: '*' }))[0].n);
    expect([(await post(form())).status, (await post(form())).status]).toEqual([201, 201]);
    const over = await fetch(sys.url + '/public/v1/bookings', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body: JSON.stringify(form()) });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await over.json()).error.code).toBe('rate_limited');
    expect(Number((await sys.knex('bookings').where({ source: 'web' }).count({ n: '*' }))[0].n)).toBe(before + 2);
    expect(await sys.knex('audit_log').where({ action: 'org.settings_updated' }).whereRaw(`details::text LIKE '%publicFormLimit%'`)).toHaveLength(1);
    expect((await api('PATCH', '/api/v1/org/settings', { publicFormLimit: null })).json.publicFormLimit).toBeNull();
  }, 30_000);
});

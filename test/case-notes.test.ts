import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyHasher, issueApiKey } from '../core/api-keys/api-key-service.ts';
import { ATTACHMENT_MAX_BYTES } from '../core/contracts/attachment-limits.ts';
import { loadOrCreateKeyFile } from '../core/crypto/key-file.ts';
import { apiClient } from './support/api-client.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';
import { until, untilSettled } from './support/test-system.ts';

/**
 * Notes and files on a case (`POST /api/v1/cases/:number/notes`, docs/cases.md "Notes and files"):
 * the note and its files on the timeline with their author, internal, served by the signed media
 * link; sent to the LINE customer (the fake LINE server, through the real SDK) only when chosen;
 * and every bad input answered in words with nothing stored, sent or changed.
 */
let h: LiffHarness;
let api: ReturnType<typeof apiClient>;
let somchai: EnrolledStaff;
let nok: EnrolledStaff;
let boss: EnrolledStaff;
const keys: Record<string, string> = {};

// A real 1×1 PNG and a small PDF: the bytes the links must serve back.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
// A Windows program's first bytes ("MZ"): what an .exe is.
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(256)]);

type File = { name: string; type: string; bytes: Uint8Array };

beforeAll(async () => {
  h = await startLiffHarness();
  api = apiClient(h.sys);
  [somchai, nok, boss] = await Promise.all([
    enrolStaff(h, { displayName: 'Somchai', role: 'support' }),
    enrolStaff(h, { displayName: 'Nok', role: 'support' }),
    enrolStaff(h, { displayName: 'Boss', role: 'ceo' }),
  ]);
  for (const s of [somchai, nok, boss]) {
    const res = await api('POST', '/api/v1/api-keys', { name: `notes ${s.displayName}`, role: s.role, staffId: s.id });
    expect(res.status).toBe(201);
    keys[s.displayName] = res.json.key;
  }
  keys.integration = (await api('POST', '/api/v1/api-keys', { name: 'main system', role: 'integration' })).json.key;
  keys.accountant = (await api('POST', '/api/v1/api-keys', { name: 'books', role: 'accountant' })).json.key;
}, 90_000);
afterAll(() => h?.close());

/** A note as JSON (no files), or as multipart/form-data: the fields as JSON in `note`, each file a part `file`. */
async function addNote(number: string, o: { note?: unknown; files?: File[]; key?: string; multipart?: boolean; path?: string; token?: string }) {
  const multipart = o.multipart ?? Boolean(o.files?.length);
  let body: BodyInit | undefined;
  const headers: Record<string, string> = { authorization: `Bearer ${o.token ?? o.key ?? keys.Somchai}` };
  if (multipart) {
    const form = new FormData();
    if (o.note !== undefined) form.append('note', JSON.stringify(o.note));
    for (const f of o.files ?? []) form.append('file', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
    body = form;
  } else {
    headers['content-type'] = 'application/json';
    body = o.note === undefined ? undefined : JSON.stringify(o.note);
  }
  const res = await fetch(`${h.sys.url}${o.path ?? `/api/v1/cases/${encodeURIComponent(number)}/notes`}`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** A LINE customer's case, opened by their message (its chat is where a note sent to them goes). */
async function lineCase() {
  const customer = `U${randomBytes(16).toString('hex')}`;
  const c = await h.reportProblem(customer);
  const row = await h.sys.knex('cases').where({ org_id: h.sys.defaultOrgId, number: c.number }).first();
  await untilSettled(h.sys.knex);
  return { ...c, customer, id: row.id as string };
}

/** Every file under DATA_DIR/media (customers' media, uploads, notes' files). */
function storedFiles(): string[] {
  try {
    return readdirSync(join(h.sys.dataDir, 'media'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort();
  } catch {
    return [];
  }
}

/** Everything a refused note must leave as it was: the case, its timeline, its files, the disk, what is queued to send. */
async function snapshot(caseId: string) {
  const c = await h.sys.knex('cases').where({ id: caseId }).first();
  const count = async (table: string, where: Record<string, unknown>) => Number((await h.sys.knex(table).where(where).count({ n: '*' }))[0].n);
  return {
    case: { status: c.status, version: c.version, owner: c.owner_staff_id, firstRespondedAt: c.first_responded_at },
    events: (await h.sys.knex('case_events').where({ case_id: caseId }).orderBy('id')).map((e) => ({ id: e.id, type: e.type, data: e.data })),
    files: (await h.sys.knex('case_files').where({ case_id: caseId }).orderBy('id')).map((f) => ({ id: f.id, media_path: f.media_path, size: f.size_bytes })),
    stored: storedFiles(),
    outbox: await count('outbox', {}),
    messages: await count('messages', { case_id: caseId }),
  };
}

/** A signed link's file, fetched from the system as LINE or a browser would. */
async function served(url: string) {
  // The desk's links are relative (its own origin); the API's and LINE's name PUBLIC_BASE_URL.
  const link = new URL(url, h.sys.url);
  const res = await fetch(`${h.sys.url}${link.pathname}${link.search}`);
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

const pushesTo = (to: string) => h.line.state.deliveriesTo(to).flatMap((d) => d.messages) as Record<string, any>[];

describe('a note with files', () => {
  it('lands on the timeline with its author and its files, internal; the files are served by their signed links; the customer hears nothing', async () => {
    const c = await lineCase();
    const heard = pushesTo(c.customer).length;
    const res = await addNote(c.number, {
      note: { text: 'ลูกค้าส่งสลิปมาทางอีเมล แนบไว้ให้ค่ะ' },
      files: [
        { name: 'slip.png', type: 'image/png', bytes: PNG },
        { name: 'C:\\Users\\nok\\statement.pdf', type: 'application/pdf', bytes: PDF },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ number: c.number, sentToCustomer: false, messageIds: [] });
    // The name staff see is a plain file name: the folders a browser may send are dropped.
    expect(res.json.files.map((f: { name: string; contentType: string; size: number }) => [f.name, f.contentType, f.size])).toEqual([
      ['slip.png', 'image/png', PNG.length],
      ['statement.pdf', 'application/pdf', PDF.length],
    ]);

    const note = await h.sys.knex('case_events').where({ case_id: c.id, type: 'note' }).first();
    expect(note).toMatchObject({ actor_type: 'staff', actor_id: somchai.id, is_public: false });
    expect(note.data).toEqual({
      text: 'ลูกค้าส่งสลิปมาทางอีเมล แนบไว้ให้ค่ะ',
      sentToCustomer: false,
      files: res.json.files.map((f: Record<string, unknown>) => ({ id: f.id, name: f.name, contentType: f.contentType, size: f.size })),
    });
    expect(await h.sys.knex('case_files').where({ case_id: c.id }).orderBy('created_at')).toEqual([
      expect.objectContaining({ org_id: h.sys.defaultOrgId, name: 'slip.png', added_by_type: 'staff', added_by_id: somchai.id }),
      expect.objectContaining({ org_id: h.sys.defaultOrgId, name: 'statement.pdf', added_by_type: 'staff', added_by_id: somchai.id }),
    ]);

    // The same bytes back, by the media route's signed link; an altered link is refused.
    const [png, pdf] = [await served(res.json.files[0].url), await served(res.json.files[1].url)];
    expect([png.status, png.type, png.bytes.equals(PNG)]).toEqual([200, 'image/png', true]);
    expect([pdf.status, pdf.type, pdf.bytes.equals(PDF)]).toEqual([200, 'application/pdf', true]);
    // A signature with its first character changed (to another one: a signature may begin with 'A').
    expect((await served(res.json.files[0].url.replace(/sig=(.)/, (_: string, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`))).status).toBe(403);

    // Never sent: no message queued for the case, nothing more reached the customer, and the
    // tracking page (public events only) does not show it.
    await untilSettled(h.sys.knex);
    expect(await h.sys.knex('messages').where({ case_id: c.id, sender_type: 'staff' })).toEqual([]);
    expect(pushesTo(c.customer)).toHaveLength(heard);
    const tracking = await h.pub('GET', `/public/v1/cases/${c.token}`);
    expect(tracking.status).toBe(200);
    expect(JSON.stringify(tracking.json)).not.toContain('สลิป');

    // The desk shows the note with its files by name, through the same links.
    const desk = await fetch(`${h.sys.url}/liff-api/v1/desk/cases/${c.number}`, { headers: { authorization: `Bearer ${h.idToken(somchai.lineUserId)}` } });
    const shown = ((await desk.json()).timeline as { type: string; text: string; attachments: { kind: string; name?: string; url: string }[] }[]).find((e) => e.type === 'note')!;
    expect(shown.text).toBe('ลูกค้าส่งสลิปมาทางอีเมล แนบไว้ให้ค่ะ');
    expect(shown.attachments.map((a) => [a.kind, a.name])).toEqual([
      ['image', 'slip.png'],
      ['file', 'statement.pdf'],
    ]);
    expect(shown.attachments[0].url).toMatch(new RegExp(`^/media/${res.json.files[0].id}\\?exp=\\d+&sig=`));
    expect((await served(shown.attachments[0].url)).bytes.equals(PNG)).toBe(true);
  });

  it('a note without a file, as JSON; the business\'s system writes one too, as its key', async () => {
    const c = await lineCase();
    const staff = await addNote(c.number, { note: { text: 'Called the customer: will send the slip' } });
    expect(staff.status).toBe(201);
    expect(staff.json.files).toEqual([]);
    const system = await addNote(c.number, { note: { text: 'Refund R-5512 issued in the back office' }, key: keys.integration });
    expect(system.status).toBe(201);
    const notes = await h.sys.knex('case_events').where({ case_id: c.id, type: 'note' }).orderBy('id');
    expect(notes.map((n) => [n.actor_type, n.data.text])).toEqual([
      ['staff', 'Called the customer: will send the slip'],
      ['api_key', 'Refund R-5512 issued in the back office'],
    ]);
    const keyId = (await h.sys.knex('api_keys').where({ name: 'main system' }).first()).id;
    expect(notes[1].actor_id).toBe(keyId);
    // A note is no change to the case: its version stands.
    expect(staff.json.version).toBe(system.json.version);
  });
});

describe("an erased customer's notes", () => {
  it('lose their words and their files: the names go and the links answer 404; the note stays on the timeline', async () => {
    const c = await lineCase();
    const res = await addNote(c.number, { note: { text: 'Khun Dao sent her ID card' }, files: [{ name: 'dao-id-card.png', type: 'image/png', bytes: PNG }] });
    expect(res.status).toBe(201);
    expect((await served(res.json.files[0].url)).status).toBe(200);
    const contactId = (await h.sys.knex('cases').where({ id: c.id }).first()).contact_id;
    const erased = await api('POST', `/api/v1/contacts/${contactId}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.json.counts.caseFiles).toBe(1);

    expect((await served(res.json.files[0].url)).status).toBe(404);
    expect(await h.sys.knex('case_files').where({ case_id: c.id }).first()).toMatchObject({ name: '[erased]', media_path: null });
    const note = await h.sys.knex('case_events').where({ case_id: c.id, type: 'note' }).first();
    expect(note.data).toMatchObject({ text: '[erased]', files: [{ id: res.json.files[0].id, name: '[erased]', contentType: 'image/png', size: PNG.length }] });
    const desk = await (await fetch(`${h.sys.url}/liff-api/v1/desk/cases/${c.number}`, { headers: { authorization: `Bearer ${h.idToken(somchai.lineUserId)}` } })).json();
    expect(desk.timeline.find((e: { type: string }) => e.type === 'note').attachments).toEqual([]);
  });
});

describe('sent to the customer, when chosen', () => {
  it('the words and the photo go to the LINE customer as a staff reply: on their chat, on the timeline once, the first response', async () => {
    const c = await lineCase();
    const before = await h.sys.knex('cases').where({ id: c.id }).first();
    expect(before.first_responded_at).toBeNull();
    const res = await addNote(c.number, {
      note: { text: 'This is the receipt of your top-up', sendToCustomer: true, expectedVersion: before.version },
      files: [{ name: 'receipt.png', type: 'image/png', bytes: PNG }],
    });
    expect(res.status).toBe(201);
    expect(res.json.sentToCustomer).toBe(true);
    expect(res.json.messageIds).toHaveLength(2);
    // The image message carries the note's file: its id is the file's, as an inbox upload's is.
    expect(res.json.messageIds[1]).toBe(res.json.files[0].id);

    // The words and the photo go in one send, in the order written: the words first.
    const image = await until(async () => pushesTo(c.customer).find((m) => m.type === 'image') ?? false);
    const delivered = h.line.state.deliveriesTo(c.customer);
    expect(delivered).toHaveLength(1);
    expect(delivered[0].messages.map((m: Record<string, any>) => m.type)).toEqual(['text', 'image']);
    expect(delivered[0].messages[0]).toMatchObject({ text: 'This is the receipt of your top-up' });
    expect(image.originalContentUrl).toMatch(new RegExp(`^https://desk\\.example/media/${res.json.files[0].id}\\?exp=\\d+&sig=`));
    expect((await served(image.originalContentUrl)).bytes.equals(PNG)).toBe(true);

    const events = await h.sys.knex('case_events').where({ case_id: c.id }).whereIn('type', ['note', 'message_out']).orderBy('id');
    expect(events.map((e) => [e.type, e.is_public])).toEqual([
      ['note', false],
      ['message_out', true],
      ['message_out', true],
    ]);
    expect(events[0].data.sentToCustomer).toBe(true);
    expect(events.slice(1).every((e) => e.data.fromNoteEventId === String(events[0].id))).toBe(true);
    expect((await h.sys.knex('cases').where({ id: c.id }).first()).first_responded_at).not.toBeNull();

    // The desk lists the note once, saying it was sent, not the replies that carried it.
    const desk = await (await fetch(`${h.sys.url}/liff-api/v1/desk/cases/${c.number}`, { headers: { authorization: `Bearer ${h.idToken(somchai.lineUserId)}` } })).json();
    const shown = desk.timeline.filter((e: { type: string }) => e.type === 'note' || e.type === 'message_out');
    expect(shown).toEqual([expect.objectContaining({ type: 'note', sentToCustomer: true, text: 'This is the receipt of your top-up' })]);
  });
});

describe('bad input: answered in words, nothing stored, sent or changed', () => {
  /** A case with a note and a file already on it: what must survive each refusal untouched. */
  async function caseWithANote() {
    const c = await lineCase();
    const first = await addNote(c.number, { note: { text: 'Earlier note' }, files: [{ name: 'earlier.pdf', type: 'application/pdf', bytes: PDF }] });
    expect(first.status).toBe(201);
    return { ...c, earlier: first.json.files[0].url as string };
  }

  /** The refusal's answer, and the case, its timeline, its files and the disk exactly as before it. */
  async function refusedWithNothingLost(c: { id: string; earlier: string }, attempt: () => Promise<{ status: number; json: any }>, status: number) {
    const before = await snapshot(c.id);
    const res = await attempt();
    expect(res.status, JSON.stringify(res.json)).toBe(status);
    await untilSettled(h.sys.knex);
    expect(await snapshot(c.id)).toEqual(before);
    const earlier = await served(c.earlier);
    expect([earlier.status, earlier.bytes.equals(PDF)]).toEqual([200, true]);
    return res.json.error as { code: string; message: string; details?: any };
  }

  it('a file too large: 413 in words, no note half-written, no file stored', async () => {
    const c = await caseWithANote();
    // A PNG one byte over 10 MB, beside a small one that would fit.
    const big = Buffer.concat([PNG, Buffer.alloc(ATTACHMENT_MAX_BYTES + 1 - PNG.length)]);
    const error = await refusedWithNothingLost(
      c,
      () => addNote(c.number, { note: { text: 'Two photos' }, files: [{ name: 'ok.png', type: 'image/png', bytes: PNG }, { name: 'huge.png', type: 'image/png', bytes: big }] }),
      413,
    );
    expect(error).toMatchObject({ code: 'payload_too_large', message: 'The file is larger than 10 MB: it cannot be sent', details: { limitBytes: ATTACHMENT_MAX_BYTES, file: 'huge.png' } });
  });

  it('a refused type: a program, a web page, and a program named .png are 415, nothing stored', async () => {
    const c = await caseWithANote();
    const asProgram = await refusedWithNothingLost(c, () => addNote(c.number, { note: { text: 'x' }, files: [{ name: 'setup.exe', type: 'application/x-msdownload', bytes: EXE }] }), 415);
    expect(asProgram).toMatchObject({ code: 'unsupported_media_type', message: 'Only JPEG or PNG images and PDF files can be sent', details: { accepted: ['image/jpeg', 'image/png', 'application/pdf'], file: 'setup.exe' } });
    const page = await refusedWithNothingLost(c, () => addNote(c.number, { files: [{ name: 'page.html', type: 'text/html', bytes: Buffer.from('<script>alert(1)</script>') }] }), 415);
    expect(page.code).toBe('unsupported_media_type');
    // Its type says PNG; its bytes say otherwise.
    const renamed = await refusedWithNothingLost(c, () => addNote(c.number, { note: { text: 'photo' }, files: [{ name: 'photo.png', type: 'image/png', bytes: EXE }] }), 415);
    expect(renamed).toMatchObject({ code: 'unsupported_media_type', message: 'The file is not the JPEG, PNG or PDF its type says', details: { file: 'photo.png' } });
  });

  it('an empty note with no file, more files than a note takes, a part under another name: 422 naming what', async () => {
    const c = await caseWithANote();
    const empty = await refusedWithNothingLost(c, () => addNote(c.number, { note: {} }), 422);
    expect(empty.details).toEqual([{ path: 'text', message: 'Write a note or attach a file' }]);
    const blank = await refusedWithNothingLost(c, () => addNote(c.number, { note: { text: '   ' }, multipart: true }), 422);
    expect(blank.details).toEqual(empty.details);
    const five = Array.from({ length: 5 }, (_, i) => ({ name: `p${i}.png`, type: 'image/png', bytes: PNG }));
    const many = await refusedWithNothingLost(c, () => addNote(c.number, { note: { text: 'five' }, files: five }), 422);
    expect(many.details).toEqual([{ path: 'file', message: 'At most 4 files' }]);
    const stray = await refusedWithNothingLost(
      c,
      async () => {
        const form = new FormData();
        form.append('note', JSON.stringify({ text: 'with a photo' }));
        form.append('photo', new Blob([PNG], { type: 'image/png' }), 'p.png');
        const res = await fetch(`${h.sys.url}/api/v1/cases/${c.number}/notes`, { method: 'POST', headers: { authorization: `Bearer ${keys.Somchai}` }, body: form });
        return { status: res.status, json: await res.json() };
      },
      422,
    );
    expect(stray.details).toEqual([{ path: 'photo', message: 'Send the fields as JSON in the part "note" and each file as a part "file"' }]);
  });

  it("a case of another org is answered as a case that does not exist (404), and nothing is stored", async () => {
    const c = await caseWithANote();
    const [other] = await h.sys.knex('orgs').insert({ slug: `other-${randomBytes(3).toString('hex')}`, name: 'Other shop', time_zone: 'Asia/Bangkok' }).returning('id');
    const theirs = await issueApiKey(h.sys.knex, new ApiKeyHasher(loadOrCreateKeyFile(h.sys.dataDir)), { orgId: other.id, name: 'their admin', role: 'admin' });
    const foreign = await refusedWithNothingLost(c, () => addNote(c.number, { note: { text: 'not yours' }, files: [{ name: 'p.png', type: 'image/png', bytes: PNG }], key: theirs.key }), 404);
    const nobody = await addNote(`C-9${randomUUID().slice(0, 5)}`, { note: { text: 'nobody' }, key: theirs.key });
    expect(nobody.status).toBe(404);
    expect(foreign).toEqual({ ...nobody.json.error, details: { number: c.number } });
  });

  it('a role that may not write notes (the CEO, the accountant; on the desk too): 403, nothing stored', async () => {
    const c = await caseWithANote();
    for (const key of [keys.Boss, keys.accountant]) {
      const error = await refusedWithNothingLost(c, () => addNote(c.number, { note: { text: 'I should not' }, files: [{ name: 'p.png', type: 'image/png', bytes: PNG }], key }), 403);
      expect(error.code).toBe('forbidden');
    }
    const onDesk = await refusedWithNothingLost(
      c,
      () => addNote(c.number, { note: { text: 'from the desk' }, path: `/liff-api/v1/desk/cases/${c.number}/notes`, token: h.idToken(boss.lineUserId) }),
      403,
    );
    expect(onDesk.details).toMatchObject({ reason: 'role_forbids', role: 'ceo' });
  });

  it('sending is a staff reply\'s rules: a key of nobody, someone else\'s case, a case changed since, a closed case are refused and nothing is stored; a note alone is not', async () => {
    const c = await caseWithANote();
    const noStaff = await refusedWithNothingLost(c, () => addNote(c.number, { note: { text: 'hi', sendToCustomer: true }, key: keys.integration }), 403);
    expect(noStaff.details).toMatchObject({ reason: 'not_staff' });

    const seen = (await h.sys.knex('cases').where({ id: c.id }).first()).version;
    expect((await api('POST', `/api/v1/cases/${c.number}/take`, { expectedVersion: seen }, keys.Nok)).status).toBe(200);
    const stale = await refusedWithNothingLost(c, () => addNote(c.number, { note: { text: 'hi', sendToCustomer: true, expectedVersion: seen }, key: keys.Nok }), 409);
    expect(stale.code).toBe('stale_version');
    const now = (await h.sys.knex('cases').where({ id: c.id }).first()).version;
    const owned = await refusedWithNothingLost(
      c,
      () => addNote(c.number, { note: { text: 'Here is your receipt', sendToCustomer: true, expectedVersion: now }, files: [{ name: 'r.png', type: 'image/png', bytes: PNG }] }),
      403,
    );
    expect(owned.details).toMatchObject({ reason: 'owner', ownerName: 'Nok' });
    // Nok's case: Somchai may still note it for the team.
    expect((await addNote(c.number, { note: { text: 'FYI: the customer called me too' } })).status).toBe(201);

    await h.sys.knex('cases').where({ id: c.id }).update({ status: 'closed' });
    const closed = await refusedWithNothingLost(c, () => addNote(c.number, { note: { text: 'late words', sendToCustomer: true }, key: keys.Nok }), 409);
    expect(closed.message).toBe(`${c.number} is closed: the customer is not written to any more`);
  });
});

describe('the API document', () => {
  it('describes the note as JSON and as multipart (the JSON part, the files), with 413 and 415, on the API and the desk', async () => {
    const doc = (await api('GET', '/api/v1/openapi.json')).json;
    for (const path of ['/api/v1/cases/{number}/notes', '/liff-api/v1/desk/cases/{number}/notes']) {
      const op = doc.paths[path].post;
      expect(Object.keys(op.requestBody.content)).toEqual(['application/json', 'multipart/form-data']);
      const form = op.requestBody.content['multipart/form-data'];
      expect(form.schema.properties.note).toEqual({ $ref: '#/components/schemas/CaseNote' });
      expect(form.schema.properties.file).toMatchObject({ type: 'array', maxItems: 4, items: { format: 'binary' } });
      expect(form.encoding.file.contentType).toBe('image/jpeg, image/png, application/pdf');
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['201', '403', '413', '415', '422']));
    }
    expect(doc.paths['/api/v1/cases/{number}/notes'].post['x-permission']).toBe('cases.note');
  });
});

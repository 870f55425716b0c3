import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORRECTIONS, drawExamples, nluppClass, nluppKind, nluppName, nluppRows, parseCsv, prepare, sebisRows, splitInHalves, xlsxColumns, type Source } from './prepare-public-sets.ts';
import { loadPublicSets } from './run-eval.ts';

// The protocol on a made-up set: no network, no snapshot needed.

const rows = (intent: string, n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ text: `${prefix} ${intent} ${i}`, intent }));
const kinds: Record<string, 'case' | 'booking' | 'question' | 'other'> = { broken: 'case', book: 'booking', hours: 'question', chat: 'other' };
const source = (extra: Partial<Source> = {}): Source => ({
  name: 'made-up',
  language: 'en',
  repo: 'nobody/nothing',
  train: [...rows('broken', 12, 'train'), ...rows('book', 12, 'train'), ...rows('hours', 3, 'train'), ...rows('chat', 12, 'train')],
  test: [...rows('broken', 50, 'test'), ...rows('book', 4, 'test'), ...rows('hours', 6, 'test'), ...rows('chat', 8, 'test')],
  kindOf: (i) => kinds[i],
  nameOf: (i) => ({ en: i }),
  ...extra,
});

describe('prepare-public-sets', () => {
  it('five shots per class from the training split, the kind by the mapping, other never in the taxonomy', () => {
    const { taxonomy, messages } = prepare(source());
    expect(taxonomy.caseTypes.map((c) => [c.key, c.examples.length])).toEqual([['broken', 5]]);
    expect(taxonomy.bookingTypes.map((c) => [c.key, c.examples.length])).toEqual([['book', 5]]);
    expect(taxonomy.faq).toHaveLength(1);
    expect(taxonomy.faq[0].question.split('\n')).toHaveLength(3); // fewer lines than five: all of them
    for (const c of [...taxonomy.caseTypes, ...taxonomy.bookingTypes]) for (const e of c.examples) expect(e.startsWith('train')).toBe(true);
    expect(messages.every((m) => m.text.startsWith('test'))).toBe(true);
    expect(messages.filter((m) => m.kind === 'case')).toHaveLength(30); // capped per intent
    expect(messages.filter((m) => m.kind === 'other')).toHaveLength(8);
    expect(messages.find((m) => m.kind === 'question')).toMatchObject({ faqKey: 'hours', intent: 'hours' });
  });

  it('corrected examples: up to ten more training lines per class after the five, never a shot, never a test line', () => {
    // 'broken' has 12 training lines, one of them also a test line (in another class), one a shot written otherwise.
    const train = [...rows('broken', 12, 'train'), ...rows('book', 30, 'train'), ...rows('hours', 3, 'train'), ...rows('chat', 12, 'train')];
    const test = [...rows('book', 4, 'test'), { text: 'train broken 3', intent: 'chat' }, ...rows('chat', 2, 'test')];
    const { taxonomy, corrections } = prepare(source({ train, test }));
    const { taxonomy: before } = prepare(source({ train, test }));
    expect(taxonomy).toEqual(before);
    const of = (key: string) => corrections.filter((c) => c.key === key).map((c) => c.text);
    const shots = taxonomy.caseTypes[0].examples;
    expect(of('broken')).toHaveLength(12 - 5 - (shots.includes('train broken 3') ? 0 : 1));
    expect(of('broken')).not.toContain('train broken 3');
    for (const t of of('broken')) expect(shots).not.toContain(t);
    expect(of('book')).toHaveLength(CORRECTIONS); // capped
    expect(of('hours')).toEqual([]); // three lines: all are shots
    expect(of('chat')).toEqual([]); // other: not in the taxonomy
    expect(corrections.every((c) => c.kind === kinds[c.key] && c.text.startsWith('train'))).toBe(true);
    // In the taxonomy's order, each class's in one run.
    expect([...new Set(corrections.map((c) => c.key))]).toEqual(['book', 'broken']);
    expect(prepare(source({ train, test })).corrections).toEqual(corrections);
  });

  it('the five shots are the first of the same draw as the corrections; a repeat of a shot in other case is no correction', () => {
    const lines = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'A', 'B ', 'C', 'D', 'E', 'h', 'i', 'j', 'k', 'l', 'm', 'n'];
    const { shots, corrections } = drawExamples(lines, 'seed', new Set(['h']));
    expect(shots).toHaveLength(5);
    expect(drawExamples(lines, 'seed', new Set()).shots).toEqual(shots); // test lines change nothing in the shots
    expect(corrections.length).toBeLessThanOrEqual(CORRECTIONS);
    expect(corrections).not.toContain('h');
    const norm = (t: string) => t.trim().toLowerCase();
    const all = [...shots, ...corrections].map(norm);
    expect(new Set(all).size).toBe(all.length);
    // The first five corrections of ten are the five of a draw that stops at five.
    expect(drawExamples(lines, 'seed', new Set(['h'])).corrections.slice(0, 5)).toEqual(corrections.slice(0, 5));
    expect(drawExamples(lines, 'another seed', new Set()).shots).not.toEqual(shots);
  });

  it('is deterministic', () => {
    expect(prepare(source())).toEqual(prepare(source()));
  });

  it('refuses an intent the mapping does not name', () => {
    expect(() => prepare(source({ test: [...rows('mystery', 2, 'test')] }))).toThrow(/mystery/);
  });

  it('reads quoted CSV', () => {
    expect(parseCsv('text,category\n"a, ""quoted"" line",x\nplain,y\n')).toEqual([['text', 'category'], ['a, "quoted" line', 'x'], ['plain', 'y']]);
  });

  it('without prepared sets, the evaluation has only its own set', () => {
    expect(loadPublicSets(join(mkdtempSync(join(tmpdir(), 'opsdesk-eval-')), 'absent'))).toEqual([]);
  });

  it('reads NLU++ intent modules as one class: the action says the kind, the topic the class', () => {
    expect(nluppClass(['wifi', 'wrong_notworking_notshowing'])).toBe('problem_wifi');
    expect(nluppClass(['how', 'cancel_close_leave_freeze', 'restaurant', 'booking'])).toBe('cancel_restaurant'); // booking gives way to the facility; undo before information
    expect(nluppClass(['why', 'change', 'booking', 'wrong_notworking_notshowing'])).toBe('problem_booking'); // something wrong first
    expect(nluppClass(['booking', 'make_open_apply_setup_get_activate', 'new'])).toBe('make_booking'); // modifiers do not count
    expect(nluppClass(['request_info', 'parking'])).toBe('info_parking');
    expect(nluppClass(['lost_stolen'])).toBe('lost_any');
    expect(nluppClass(['acknowledge', 'end_call'])).toBe('other_acknowledge+end_call');
    expect(nluppClass(['handoff', 'spa'])).toBe('other_handoff');
    expect(nluppClass(['parking'])).toBeUndefined(); // a topic, no action
    expect(nluppClass(undefined)).toBeUndefined(); // an answer with slots only
    expect(nluppClass(['pets', 'request_info', 'swimming_pool'])).toBeUndefined(); // two facilities
    expect([nluppKind('problem_wifi'), nluppKind('cancel_booking'), nluppKind('make_spa'), nluppKind('info_gym'), nluppKind('other_deny')]).toEqual(['case', 'case', 'booking', 'question', 'other']);
    expect([nluppName('problem_wifi'), nluppName('info_any'), nluppName('make_room_service')]).toEqual(['Problem with Wi-Fi', 'Information', 'Request room service']);
  });

  it('splits NLU++ by its folds and leaves out a class without five training lines', () => {
    const ex = (text: string, ...intents: string[]) => ({ text, ...(intents.length ? { intents } : {}) });
    const wifi = Array.from({ length: 5 }, (_, i) => ex(`wifi down ${i}`, 'wifi', 'wrong_notworking_notshowing'));
    const folds = [
      [...wifi, ex('gym hours?', 'gym', 'request_info'), ex('bye', 'end_call'), ex('tomorrow')],
      [ex('the wifi is broken', 'wifi', 'wrong_notworking_notshowing'), ex('gym open now?', 'gym', 'request_info'), ex('thanks, bye', 'thank', 'end_call')],
    ];
    const { train, test } = nluppRows(folds, 1);
    expect(new Set(train.map((r) => r.intent))).toEqual(new Set(['problem_wifi', 'other_end_call']));
    expect(test).toEqual([
      { text: 'the wifi is broken', intent: 'problem_wifi' },
      { text: 'thanks, bye', intent: 'other_end_call+thank' },
    ]);
  });

  it('splits a set without a split in halves per intent, the same way every time, no text on both sides', () => {
    const rows = [...Array.from({ length: 9 }, (_, i) => ({ text: `line ${i}`, intent: 'a' })), { text: 'Line 0', intent: 'a' }, { text: 'only', intent: 'b' }];
    const { train, test } = splitInHalves(rows, 'seed');
    expect(train.filter((r) => r.intent === 'a')).toHaveLength(5);
    expect(train.filter((r) => r.intent === 'b')).toHaveLength(1);
    const seen = new Set(train.map((r) => r.text.toLowerCase()));
    expect(test.every((r) => !seen.has(r.text.toLowerCase()))).toBe(true);
    expect(train.length + test.length).toBeGreaterThanOrEqual(rows.length - 1);
    expect(splitInHalves(rows, 'seed')).toEqual({ train, test });
  });

  it('reads the split marked on each line of a sebischair corpus', () => {
    const json = JSON.stringify({ sentences: [{ text: ' next bus ', intent: 'DepartureTime', training: true }, { text: 'to marienplatz', intent: 'FindConnection', training: false }] });
    expect(sebisRows(json)).toEqual({ train: [{ text: 'next bus', intent: 'DepartureTime' }], test: [{ text: 'to marienplatz', intent: 'FindConnection' }] });
  });
});

/** A zip archive of stored (uncompressed) files, as a spreadsheet program may write one. */
function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const n = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('xlsxColumns (the Thai shop chatbot workbook)', () => {
  it('reads the first sheet as columns under their headers: shared and inline strings, entities decoded, numbers and blanks left out', () => {
    const shared = '<sst><si><t>order</t></si><si><t>greeting</t></si><si><t>สนใจสั่งสินค้าค่ะ</t></si><si><r><t>มีไซส์</t></r><r><t>ไหม</t></r></si><si><t>hi &amp; hello</t></si></sst>';
    const sheet =
      '<worksheet><sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>4</v></c></row>' +
      '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3"><v>42</v></c></row>' +
      '<row r="4"><c r="A4" t="inlineStr"><is><t>ขอคืนสินค้า</t></is></c><c r="B4" t="s"/></row>' +
      '</sheetData></worksheet>';
    const columns = xlsxColumns(storedZip({ 'xl/sharedStrings.xml': shared, 'xl/worksheets/sheet1.xml': sheet }));
    expect([...columns]).toEqual([
      ['order', ['สนใจสั่งสินค้าค่ะ', 'มีไซส์ไหม', 'ขอคืนสินค้า']],
      ['greeting', ['hi & hello']],
    ]);
  });
});

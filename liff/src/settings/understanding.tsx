import type { z } from 'zod';
import type { taxonomyCheck } from '../../../core/contracts/taxonomy.ts';
import { fill, type Dict, type Lang } from '../kit/i18n.ts';
import { Badge } from '../kit/ui.tsx';
import { useState } from 'preact/hooks';
import type { actPreview } from '../../../core/contracts/taxonomy.ts';
import { Link } from './nav.tsx';
import { errorsOf, Screen, send, SubmitBar, useLoad } from './shared.tsx';

/**
 * How the bot reads the business's own example phrases (GET /api/v1/taxonomy/check): each read as
 * if the bot had never seen it. Two entries whose phrases are taken for each other look alike to
 * the bot, and customers' messages about them will be confused too; the remedy is phrases, in the
 * customers' words, that say what tells the two apart. Read-only: the phrases are edited on the
 * case type, service or FAQ entry itself, linked from here.
 */
type Check = z.infer<typeof taxonomyCheck>;
type Entry = Check['entries'][number];
type Ref = { kind: Entry['kind'] | 'other'; key?: string };

const words = {
  title: { th: 'บอตอ่านตัวอย่างข้อความอย่างไร', en: 'How the bot reads your examples' },
  intro: {
    th: 'บอตลองอ่านตัวอย่างข้อความแต่ละข้อ เหมือนไม่เคยเห็นมาก่อน: อ่านถูก {{n}} จาก {{of}} ข้อ',
    en: 'The bot read each example phrase as if it had never seen it: {{n}} of {{of}} were read as their own entry.',
  },
  lookAlike: { th: 'บอตแยกไม่ค่อยออก', en: 'Look alike to the bot' },
  lookAlikeHint: {
    th: 'เพิ่มตัวอย่างข้อความที่บอกความต่างของสองรายการนี้ ด้วยคำของลูกค้าเอง',
    en: 'Add example phrases, in your customers’ words, that say what tells each pair apart.',
  },
  phrasesBetween: { th: 'สลับกัน {{n}} ข้อ', en: '{{n}} phrases taken for the other' },
  onePhraseBetween: { th: 'สลับกัน 1 ข้อ', en: '1 phrase taken for the other' },
  toLookAt: { th: 'รายการที่ควรดู', en: 'Entries to look at' },
  allGood: { th: 'บอตอ่านตัวอย่างทุกข้อได้ถูกรายการ และทุกรายการมีตัวอย่างพอ', en: 'Every phrase was read as its own entry, and every entry has enough of them.' },
  recognised: { th: 'อ่านถูก {{n}} จาก {{of}}', en: '{{n}} of {{of}} read right' },
  none: { th: 'ยังไม่มีตัวอย่างข้อความ: บอตรู้จักจากชื่ออย่างเดียว', en: 'No example phrases: the bot knows it by its name alone.' },
  few: { th: 'มีตัวอย่าง {{n}} ข้อ: เพิ่มอีกให้ถึง {{enough}} ข้อขึ้นไป', en: 'Only {{n}} example phrases: add more, {{enough}} or more.' },
  fewOne: { th: 'มีตัวอย่าง 1 ข้อ: เพิ่มอีกให้ถึง {{enough}} ข้อขึ้นไป', en: 'Only 1 example phrase: add more, {{enough}} or more.' },
  readAs: { th: 'อ่านเป็น', en: 'read as' },
  outOfScope: { th: 'เรื่องที่ไม่เกี่ยวกับธุรกิจ หรือคุยเล่น', en: 'small talk, or nothing the business does' },
  edit: { th: 'แก้ตัวอย่าง', en: 'Edit its phrases' },
  kind_case: { th: 'ประเภทเคส', en: 'Case type' },
  kind_booking: { th: 'บริการ', en: 'Service' },
  kind_question: { th: 'คำถามที่พบบ่อย', en: 'FAQ' },
  kind_other: { th: 'อื่น ๆ', en: 'Other' },
  sureTitle: { th: 'บอตตอบเองเมื่อมั่นใจ', en: 'When the bot acts by itself' },
  sureLabel: { th: 'บอตเปิดเคส เริ่มจอง หรือตอบคำถามเอง เมื่อมั่นใจอย่างน้อย', en: 'The bot opens a case, starts a booking or answers by itself when at least this sure' },
  lastWeek: {
    th: 'สัปดาห์ที่แล้ว: บอตจะทำเอง {{acted}} จาก {{messages}} ข้อความ อีก {{rest}} จะถามลูกค้ากลับหรือส่งให้ทีมงาน',
    en: 'Last week: the bot would have acted on {{acted}} of {{messages}} messages; {{rest}} asked back or sent to a person.',
  },
} satisfies Dict;

type Sure = { actWhenSure: number; preview: z.infer<typeof actPreview> };
const LEVELS = [50, 60, 70, 80, 90, 95, 99];

/**
 * "The bot acts when it is at least N % sure" (the actWhenSure setting), with what a level would
 * have done with last week's messages, shown before it is saved.
 */
function ActWhenSure(p: { lang: Lang; canManage: boolean }) {
  const L = p.lang;
  const [state, retry, set] = useLoad<Sure>('act-when-sure');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <Screen lang={L} state={state} retry={retry}>
      {(d) => (
        <form
          class="card"
          data-act-when-sure
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            const a = await send<Sure>('PUT', 'act-when-sure', { actWhenSure: d.preview.sure });
            setBusy(false);
            setSaved(a.kind === 'ok');
            setError(a.kind === 'ok' ? undefined : errorsOf(a, L)._form);
            if (a.kind === 'ok') set(a.data);
          }}
        >
          <h2>{words.sureTitle[L]}</h2>
          <label for="act-when-sure">{words.sureLabel[L]}</label>
          <select
            id="act-when-sure"
            value={d.preview.sure}
            disabled={!p.canManage}
            onChange={async (e) => {
              setSaved(false);
              const a = await send<Sure>('GET', `act-when-sure?sure=${(e.target as HTMLSelectElement).value}`);
              if (a.kind === 'ok') set({ ...a.data, actWhenSure: d.actWhenSure });
            }}
          >
            {[...new Set([...LEVELS, d.actWhenSure])].sort((a, b) => a - b).map((n) => (
              <option key={n} value={n}>{`${n} %`}</option>
            ))}
          </select>
          <p aria-live="polite" data-preview>
            {fill(words.lastWeek[L], { acted: d.preview.acted, messages: d.preview.messages, rest: d.preview.notActed })}
          </p>
          <SubmitBar lang={L} busy={busy} readOnly={!p.canManage} saved={saved} error={error} />
        </form>
      )}
    </Screen>
  );
}

/** Where its phrases are edited. */
const editPath = (e: Entry) => (e.kind === 'case' ? `/case-types/${e.key}` : e.kind === 'booking' ? `/services/${e.key}` : `/faq/${e.key}`);

export function Understanding(p: { lang: Lang; canManage: boolean }) {
  const [state, retry] = useLoad<Check>('taxonomy-check');
  return (
    <Screen lang={p.lang} state={state} retry={retry}>
      {(check) => <Report lang={p.lang} check={check} canManage={p.canManage} />}
    </Screen>
  );
}

function Report(p: { lang: Lang; check: Check; canManage: boolean }) {
  const { lang, check } = p;
  const byId = new Map(check.entries.map((e) => [`${e.kind}:${e.key}`, e]));
  const nameOf = (r: Ref) => {
    if (r.kind === 'other') return words.outOfScope[lang];
    // A problem report or booking request the bot could not put a type on: the kind alone.
    if (!r.key) return words[`kind_${r.kind}`][lang];
    const n = byId.get(`${r.kind}:${r.key}`)?.name;
    return n?.[lang] ?? n?.en ?? n?.th ?? r.key;
  };
  // Worst first: the share read right, then the fewest phrases.
  const toLookAt = check.entries
    .filter((e) => e.misread.length > 0 || e.phrases < check.enoughPhrases)
    .sort((a, b) => a.recognised / Math.max(1, a.phrases) - b.recognised / Math.max(1, b.phrases) || a.phrases - b.phrases);
  return (
    <>
      <h1>{words.title[lang]}</h1>
      <p class="muted">{fill(words.intro[lang], { n: check.recognised, of: check.phrases })}</p>
      <ActWhenSure lang={lang} canManage={p.canManage} />
      {check.lookAlike.length > 0 && (
        <section class="card" aria-labelledby="look-alike">
          <h2 id="look-alike">{words.lookAlike[lang]}</h2>
          <p class="muted small">{words.lookAlikeHint[lang]}</p>
          <ul class="list">
            {check.lookAlike.map((pair) => (
              <li key={`${pair.a.kind}:${pair.a.key}|${pair.b.kind}:${pair.b.key}`}>
                <strong>{nameOf(pair.a)}</strong> ⇄ <strong>{nameOf(pair.b)}</strong>
                <span class="muted small block">{pair.phrases === 1 ? words.onePhraseBetween[lang] : fill(words.phrasesBetween[lang], { n: pair.phrases })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2>{words.toLookAt[lang]}</h2>
      {toLookAt.length === 0 && <p>{words.allGood[lang]}</p>}
      <ul class="list">
        {toLookAt.map((e) => {
          return (
            <li key={`${e.kind}:${e.key}`} class="card">
              <div class="row">
                <strong>{nameOf(e)}</strong>
                <Badge tone={e.misread.length ? 'wait' : 'info'}>{words[`kind_${e.kind}`][lang]}</Badge>
              </div>
              <p class="small">
                {e.phrases === 0
                  ? words.none[lang]
                  : e.phrases < check.enoughPhrases
                    ? `${fill(words.recognised[lang], { n: e.recognised, of: e.phrases })} · ${fill((e.phrases === 1 ? words.fewOne : words.few)[lang], { n: e.phrases, enough: check.enoughPhrases })}`
                    : fill(words.recognised[lang], { n: e.recognised, of: e.phrases })}
              </p>
              {e.misread.length > 0 && (
                <ul class="small">
                  {e.misread.map((m) => (
                    <li key={m.text}>
                      “{m.text}” {words.readAs[lang]} <strong>{nameOf(m.readAs)}</strong>
                    </li>
                  ))}
                </ul>
              )}
              <Link to={editPath(e)} class="small">
                {words.edit[lang]}
              </Link>
            </li>
          );
        })}
      </ul>
    </>
  );
}

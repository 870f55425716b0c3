import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { faqEntry } from '../../../core/contracts/taxonomy.ts';
import { phrasingsOf } from '../../../core/contracts/faq-phrasings.ts';
import type { Dict, Lang } from '../kit/i18n.ts';
import { Badge } from '../kit/ui.tsx';
import { AddEntryForm, errorsOf, FieldError, type FieldErrors, KeyedScreen, KeyNote, ReadOnlyNote, type ScreenProps, send, SubmitBar, TextField } from './shared.tsx';
import { keyFrom } from './keys.ts';
import { keywordList, keywordsText, words as phraseWords } from './phrases.tsx';

/**
 * FAQ entries: the questions the bot answers by itself, even while the customer has a case open.
 * Each entry is the ways customers ask it (one per line, Thai and English: every line is an
 * example phrase the classifier learns from, like a case type's) and the answer in both languages.
 * Saved through the same core function as PATCH /api/v1/faq/:key; the next message uses it.
 * Its keywords name what it is about in a word ("แผนที่", "parking"), as a case type's do.
 */
type Faq = z.infer<typeof faqEntry>;

const words = {
  title: { th: 'คำถามที่ลูกค้าถามบ่อย', en: 'Questions customers ask' },
  inactive: { th: 'ปิดใช้งาน', en: 'Switched off' },
  ways: { th: 'ลูกค้าถามว่าอย่างไร (บรรทัดละหนึ่งแบบ)', en: 'How customers ask it (one way per line)' },
  keywordsHint: {
    th: 'คำที่บอกว่าคำถามนี้เกี่ยวกับอะไร เช่น แผนที่, ที่อยู่ร้าน: ใส่เฉพาะคำของคำถามนี้ ไม่ใช่คำที่ใช้กับทุกเรื่องอย่าง ราคา หรือ จ่าย',
    en: 'Words that say what this question is about, e.g. map, address: words of this question only, not ones every topic uses like price or pay.',
  },
  waysHint: {
    th: 'บอตเรียนจากทุกบรรทัด ยิ่งเขียนแบบที่ลูกค้าพิมพ์จริง 5 แบบขึ้นไป บอตยิ่งตอบถูก',
    en: 'The bot learns from every line: five or more, in your customers’ own words, help it most.',
  },
  thai: { th: 'ภาษาไทย', en: 'Thai' },
  english: { th: 'ภาษาอังกฤษ', en: 'English' },
  answer: { th: 'คำตอบของบอต', en: 'The bot’s answer' },
  active: { th: 'เปิดใช้งาน (บอตตอบด้วยคำตอบนี้)', en: 'Active (the bot answers with it)' },
  add: { th: 'เพิ่มคำถาม', en: 'Add a question' },
  key: { th: 'รหัส (ภาษาอังกฤษตัวเล็ก เช่น parking)', en: 'Key (lower case, e.g. parking)' },
  questionTh: { th: 'คำถาม (ไทย)', en: 'Question (Thai)' },
  questionEn: { th: 'คำถาม (อังกฤษ)', en: 'Question (English)' },
  answerTh: { th: 'คำตอบ (ไทย)', en: 'Answer (Thai)' },
  answerEn: { th: 'คำตอบ (อังกฤษ)', en: 'Answer (English)' },
} satisfies Dict;

type Props = ScreenProps;

/** The entry's first way of asking, in the reader's language when it has one. */
function titleOf(f: Faq, lang: Lang): string {
  const other: Lang = lang === 'th' ? 'en' : 'th';
  return phrasingsOf(f.question[lang] ?? '')[0] ?? phrasingsOf(f.question[other] ?? '')[0] ?? f.key;
}

const linesOf = (question: string | null) => phrasingsOf(question ?? '').join('\n');
/** One way of asking per line, blank lines dropped; none at all is no question in that language. */
const questionOf = (text: string) => phrasingsOf(text).join('\n') || null;

export function FaqEntries(p: Props) {
  return (
    <KeyedScreen<Faq>
      {...p}
      path="faq"
      title={words.title[p.lang]}
      card={(f) => ({ title: titleOf(f, p.lang), detail: f.answer[p.lang], badge: !f.isActive && <Badge tone="wait">{words.inactive[p.lang]}</Badge> })}
      add={(added) => <AddFaq lang={p.lang} onAdded={added} />}
      editor={(f, saved) => <Editor {...p} entry={f} onSaved={saved} />}
    />
  );
}

type Draft = { questionTh: string; questionEn: string; keywords: string; answerTh: string; answerEn: string; isActive: boolean };

const draftOf = (f: Faq): Draft => ({
  questionTh: linesOf(f.question.th),
  questionEn: linesOf(f.question.en),
  keywords: keywordsText(f.keywords),
  answerTh: f.answer.th,
  answerEn: f.answer.en,
  isActive: f.isActive,
});

/** A textarea with its label, and the error of the field it saves to under it. */
function Area(p: { id: string; label: string; value: string; error?: string; disabled: boolean; rows?: number; onInput: (v: string) => void }) {
  return (
    <>
      <label for={p.id}>{p.label}</label>
      <textarea
        id={p.id}
        rows={p.rows ?? 4}
        value={p.value}
        disabled={p.disabled}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={p.error ? `e-${p.id}` : undefined}
        onInput={(e) => p.onInput((e.target as HTMLTextAreaElement).value)}
      />
      <FieldError id={`e-${p.id}`} text={p.error} />
    </>
  );
}

function Editor(p: Props & { entry: Faq; onSaved: (f: Faq) => void }) {
  const [d, setD] = useState<Draft>(() => draftOf(p.entry));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const L = p.lang;
  const ro = !p.canManage;
  const set = (patch: Partial<Draft>) => {
    setD({ ...d, ...patch });
    setSaved(false);
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const a = await send<Faq>('PATCH', `faq/${p.entry.key}`, {
      question: { th: questionOf(d.questionTh), en: questionOf(d.questionEn) },
      keywords: keywordList(d.keywords),
      answer: { th: d.answerTh, en: d.answerEn },
      isActive: d.isActive,
    });
    setBusy(false);
    if (a.kind === 'ok') {
      setErrors({});
      setSaved(true);
      setD(draftOf(a.data));
      p.onSaved(a.data);
    } else setErrors(errorsOf(a, L));
  };

  return (
    <form onSubmit={save} noValidate>
      <h1>{titleOf(p.entry, L)}</h1>
      <KeyNote lang={L} entryKey={p.entry.key} />
      {ro && <ReadOnlyNote lang={L} me={p.me} who={['admin', 'manager']} />}
      <section class="card">
        <h2>{words.ways[L]}</h2>
        <p class="hint">{words.waysHint[L]}</p>
        <Area id="q-th" label={words.thai[L]} value={d.questionTh} disabled={ro} error={errors['question.th']} onInput={(v) => set({ questionTh: v })} />
        <Area id="q-en" label={words.english[L]} value={d.questionEn} disabled={ro} error={errors['question.en']} onInput={(v) => set({ questionEn: v })} />
        <FieldError id="e-question" text={errors.question} />
        <TextField id="q-keywords" errorId="e-q-keywords" label={phraseWords.keywords[L]} value={d.keywords} disabled={ro} error={errors.keywords} onInput={(v) => set({ keywords: v })} />
        <p class="hint">{words.keywordsHint[L]}</p>
      </section>
      <section class="card">
        <h2>{words.answer[L]}</h2>
        <Area id="a-th" label={words.thai[L]} value={d.answerTh} disabled={ro} error={errors['answer.th']} onInput={(v) => set({ answerTh: v })} />
        <Area id="a-en" label={words.english[L]} value={d.answerEn} disabled={ro} error={errors['answer.en']} onInput={(v) => set({ answerEn: v })} />
        <label class="choice compact" for="q-active">
          <input id="q-active" type="checkbox" checked={d.isActive} disabled={ro} onChange={(e) => set({ isActive: (e.target as HTMLInputElement).checked })} />
          <span>{words.active[L]}</span>
        </label>
      </section>
      <SubmitBar lang={L} busy={busy} readOnly={ro} saved={saved} error={errors._form} />
    </form>
  );
}

/** A new entry: its key, one way of asking it and the answer; more ways of asking in the editor. */
function AddFaq(p: { lang: Lang; onAdded: (f: Faq) => void }) {
  const L = p.lang;
  return (
    <AddEntryForm<Faq, { key: string; qTh: string; qEn: string; aTh: string; aEn: string }>
      lang={L}
      path="faq"
      title={words.add[L]}
      initial={{ key: '', qTh: '', qEn: '', aTh: '', aEn: '' }}
      keyOf={(v) => keyFrom(v.qEn, v.qTh)}
      keyLabel={words.key[L]}
      body={(v) => ({ key: v.key, question: { th: questionOf(v.qTh), en: questionOf(v.qEn) }, answer: { th: v.aTh, en: v.aEn } })}
      onAdded={p.onAdded}
    >
      {(field, errors) => (
        <>
          <div class="grid2">
            <div>{field('qTh', words.questionTh[L], 'question.th', { sentences: true })}</div>
            <div>{field('qEn', words.questionEn[L], 'question.en', { sentences: true })}</div>
          </div>
          <FieldError id="e-n-question" text={errors.question} />
          <div class="grid2">
            <div>{field('aTh', words.answerTh[L], 'answer.th', { sentences: true })}</div>
            <div>{field('aEn', words.answerEn[L], 'answer.en', { sentences: true })}</div>
          </div>
        </>
      )}
    </AddEntryForm>
  );
}

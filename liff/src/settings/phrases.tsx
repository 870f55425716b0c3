import type { Dict, Lang } from '../kit/i18n.ts';
import { FieldError, type FieldErrors, TextField } from './shared.tsx';

/**
 * The example phrases and keywords of a case type or a service: what the classifier learns the
 * entry from (docs/understanding.md). Thai and English one per line, keywords comma separated;
 * saved as `examples: { th, en }` and `keywords`, the same on both.
 */
export interface Phrases {
  examplesTh: string;
  examplesEn: string;
  keywords: string;
}

export const words = {
  examples: { th: 'ตัวอย่างข้อความลูกค้า (บรรทัดละหนึ่งข้อความ)', en: 'Example customer messages (one per line)' },
  examplesTh: { th: 'ภาษาไทย', en: 'Thai' },
  examplesEn: { th: 'ภาษาอังกฤษ', en: 'English' },
  keywords: { th: 'คำสำคัญ (คั่นด้วยจุลภาค)', en: 'Keywords (comma separated)' },
} satisfies Dict;

/** Keywords as the field shows them, comma separated, and as the API takes them. */
export const keywordsText = (keywords: string[]) => keywords.join(', ');
export const keywordList = (text: string) => text.split(',').map((k) => k.trim()).filter(Boolean);

export const phrasesOf = (e: { examples: { th: string[]; en: string[] }; keywords: string[] }): Phrases => ({
  examplesTh: e.examples.th.join('\n'),
  examplesEn: e.examples.en.join('\n'),
  keywords: keywordsText(e.keywords),
});

const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

/** The body of a save: what the API takes. */
export const savedPhrases = (p: Phrases) => ({
  examples: { th: lines(p.examplesTh), en: lines(p.examplesEn) },
  keywords: keywordList(p.keywords),
});

export function PhrasesSection(p: { lang: Lang; value: Phrases; disabled: boolean; errors: FieldErrors; onChange: (patch: Partial<Phrases>) => void }) {
  const L = p.lang;
  return (
    <section class="card">
      <h2>{words.examples[L]}</h2>
      <label for="f-ex-th">{words.examplesTh[L]}</label>
      <textarea id="f-ex-th" value={p.value.examplesTh} disabled={p.disabled} onInput={(e) => p.onChange({ examplesTh: (e.target as HTMLTextAreaElement).value })} />
      <label for="f-ex-en">{words.examplesEn[L]}</label>
      <textarea id="f-ex-en" value={p.value.examplesEn} disabled={p.disabled} onInput={(e) => p.onChange({ examplesEn: (e.target as HTMLTextAreaElement).value })} />
      <FieldError id="e-examples" text={p.errors.examples} />
      <TextField id="f-keywords" errorId="e-keywords" label={words.keywords[L]} value={p.value.keywords} disabled={p.disabled} error={p.errors.keywords} onInput={(v) => p.onChange({ keywords: v })} />
    </section>
  );
}

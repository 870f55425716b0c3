import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { duration, fill, LOCALE, type Lang, type Words } from '../kit/i18n.ts';
import { label } from '../kit/names.ts';
import { CantOpen } from '../kit/staff-ui.tsx';
import { Loading } from '../kit/ui.tsx';
import { downloadCsv, liffPath, type Figure, type Loaded } from './data.ts';
import { n, pct } from './numbers.ts';
import { csvTable, w } from './words.ts';

/** The pieces the dashboard's screens are made of: numbers that drill down, stat cards, bars, the report frame with its CSV export. */

/** The address of a figure's drill-down screen. */
export function drillHref(apiDrill: string): string {
  return `#/drill?path=${encodeURIComponent(liffPath(apiDrill))}`;
}

export { duration, n, pct };
export const signed = (lang: Lang, v: number | null | undefined, asPct = false) =>
  v === null || v === undefined ? '–' : `${v > 0 ? '+' : ''}${asPct ? pct(lang, v) : n(lang, v, 1)}`;

/** A count that opens the cases (or bookings) behind it. */
export function Num(p: { lang: Lang; f: Figure | undefined; label?: string }) {
  if (!p.f) return <span>–</span>;
  return (
    <a class="num" href={drillHref(p.f.drill)} aria-label={p.label ? `${p.label}: ${n(p.lang, p.f.value)}` : undefined}>
      {n(p.lang, p.f.value)}
    </a>
  );
}

/** A big number on a card, with what it is. */
export function Stat(p: { lang: Lang; label: Words; f?: Figure; value?: string; tone?: 'ok' | 'wait' | 'bad' | 'info'; hint?: string }) {
  return (
    <div class={`card stat${p.tone ? ` edge-${p.tone}` : ''}`}>
      <div class="muted small">{p.label[p.lang]}</div>
      <div class="big">{p.f ? <Num lang={p.lang} f={p.f} label={p.label[p.lang]} /> : (p.value ?? '–')}</div>
      {p.hint && <div class="muted small">{p.hint}</div>}
    </div>
  );
}

/** A bar of a share (0-1), with its text beside it for whoever cannot see the bar. */
export function Bar(p: { share: number | null; tone?: string; label?: string }) {
  const v = Math.max(0, Math.min(1, p.share ?? 0));
  return (
    <span class="bar" role="img" aria-label={p.label ?? `${Math.round(v * 100)}%`}>
      <span class={`fill ${p.tone ?? ''}`} style={`width:${(v * 100).toFixed(1)}%`} />
    </span>
  );
}

/**
 * One report: loading, refused (the shared "you can't open this, because …" screen), or shown,
 * with its CSV export (each table the endpoint names) and when it was read.
 */
export function Report<T>(p: {
  lang: Lang;
  state: Loaded<T>;
  retry: () => void;
  csv?: { path: string; tables: string[]; name: string };
  note?: ComponentChildren;
  children: (data: T) => ComponentChildren;
}) {
  const [failed, setFailed] = useState(false);
  if (p.state.kind === 'loading') return <Loading lang={p.lang} />;
  if (p.state.kind === 'refused') return <CantOpen lang={p.lang} refusal={p.state.refusal} retry={p.retry} />;
  const time = new Intl.DateTimeFormat(LOCALE[p.lang], { timeStyle: 'short' }).format(p.state.at);
  return (
    <>
      {p.children(p.state.data)}
      <footer class="report-foot">
        <span class="muted small" role="status">
          {fill(w.updated[p.lang], { time })}
          {p.note}
        </span>
        {p.csv && (
          <span class="csv">
            {p.csv.tables.map((t) => (
              <button
                type="button"
                class="quiet small-button"
                key={t}
                onClick={async () => setFailed(!(await downloadCsv(p.csv!.path, t, `${p.csv!.name}-${t}`)))}
              >
                {w.csv[p.lang]}
                {p.csv!.tables.length > 1 ? ` (${label(csvTable, t, p.lang)})` : ''}
              </button>
            ))}
          </span>
        )}
        {failed && (
          <p class="error" role="alert">
            {w.csvFailed[p.lang]}
          </p>
        )}
      </footer>
    </>
  );
}

/** A section with a heading. */
export function Section(p: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={p.id} class="block">
      <h2 id={p.id}>{p.title}</h2>
      {p.children}
    </section>
  );
}

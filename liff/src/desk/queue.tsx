import { useEffect, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { deskQueue } from '../../../core/contracts/desk.ts';
import { when, type Lang } from '../kit/i18n.ts';
import { CantOpen } from '../kit/staff-ui.tsx';
import { refusalOf, staffCall, type Refusal, type StaffMe } from '../kit/staff.ts';
import { Badge, Loading } from '../kit/ui.tsx';
import { keepView, keptView } from './kept-view.ts';
import { Link } from './nav.tsx';
import { NewCase } from './new-case.tsx';
import { useRefresh } from './refresh.ts';
import { label, severityNames, statusNames, w } from './words.ts';

/** The queue: my open cases, every open case, or the unassigned ones, the most urgent first. */
type Queue = z.infer<typeof deskQueue>;
type View = Queue['view'];
const VIEWS: View[] = ['mine', 'open', 'unassigned'];
const KEPT = 'opsdesk.desk.view';

/** Someone who works cases starts with their own; the CEO reads every open one. */
const firstView = (me: StaffMe): View => keptView(KEPT, VIEWS, me.permissions.includes('cases.work') ? 'mine' : 'open');

export function Queue(p: { lang: Lang; me: StaffMe }) {
  const { lang } = p;
  const [view, setView] = useState<View>(() => firstView(p.me));
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'refused'; refusal: Refusal } | { kind: 'shown'; queue: Queue }>({ kind: 'loading' });
  // Only the last list asked for is shown: a slower answer to an earlier tap must not replace it.
  const asked = useRef(0);
  const load = async (v = view, quiet = false) => {
    const n = ++asked.current;
    if (!quiet) setState({ kind: 'loading' });
    const a = await staffCall<Queue>(`desk/cases?view=${v}`);
    if (n !== asked.current) return;
    if (a.kind === 'ok') setState({ kind: 'shown', queue: a.data });
    else if (!quiet) setState({ kind: 'refused', refusal: refusalOf(a) });
  };
  useEffect(() => void load(), []);
  useRefresh(() => load(view, true));
  const pick = (v: View) => {
    setView(v);
    keepView(KEPT, v);
    void load(v);
  };

  return (
    <>
      <h1>{w.title[lang]}</h1>
      <NewCase lang={lang} me={p.me} />
      <div class="tabs" role="group" aria-label={w.views[lang]}>
        {VIEWS.map((v) => (
          <button type="button" key={v} class={v === view ? 'primary' : 'quiet'} aria-pressed={v === view} onClick={() => pick(v)}>
            {w[v][lang]}
          </button>
        ))}
      </div>
      {state.kind === 'loading' && <Loading lang={lang} />}
      {state.kind === 'refused' && <CantOpen lang={lang} refusal={state.refusal} retry={() => load()} />}
      {state.kind === 'shown' && (
        <section aria-label={w[view][lang]}>
          {state.queue.cases.length === 0 && <p class="muted">{w.none[lang]}</p>}
          <ul class="list">
            {state.queue.cases.map((c) => (
              <li class={`card case-row${c.breach ? ' breached' : ''}`} key={c.number}>
                <div class="row">
                  <Link to={`/case/${encodeURIComponent(c.number)}`} class="case-link">
                    <strong>{c.number}</strong> · {c.type[lang]}
                  </Link>
                  <Badge tone={c.breached ? 'bad' : c.status === 'new' ? 'wait' : 'info'}>{label(statusNames, c.status, lang)}</Badge>
                </div>
                {c.breach && (
                  <div class="late small" data-breach={c.breach}>
                    ⚠ {c.breach === 'first_response' ? w.firstResponseLate[lang] : w.breached[lang]}
                  </div>
                )}
                <div class="muted small">
                  {label(severityNames, c.severity, lang)}
                  {c.customerName ? ` · ${c.customerName}` : ''} · {w.owner[lang]}: {c.ownerName ?? w.nobody[lang]}
                </div>
                {c.resolutionDueAt && (
                  <div class={`small ${c.breach === 'resolution' ? 'late' : ''}`}>
                    {w.due[lang]}: {when(lang, c.resolutionDueAt)}
                  </div>
                )}
              </li>
            ))}
          </ul>
          <button type="button" class="quiet" onClick={() => load()}>
            {w.refresh[lang]}
          </button>
        </section>
      )}
    </>
  );
}

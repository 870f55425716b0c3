import { useEffect, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { conversationList, conversationSummary } from '../../../core/contracts/conversations.ts';
import { fill, when, type Lang } from '../kit/i18n.ts';
import { CantOpen } from '../kit/staff-ui.tsx';
import { prefetch, refusalOf, staffRead, type Refusal, type StaffMe } from '../kit/staff.ts';
import { Badge, Loading, type Tone } from '../kit/ui.tsx';
import { channelName, inboxStatusNames, iw, since } from './inbox-words.ts';
import { keepView, keptView } from './kept-view.ts';
import { Link } from './nav.tsx';
import { useRefresh } from './refresh.ts';

/**
 * The Inbox (docs/inbox.md): conversations where a customer asked for a person. Three lists with
 * their counts, the REST API's own (`GET …/desk/conversations?status=`): mine, waiting for someone
 * (longest wait first) and all open. Read again every few seconds while in view: a customer
 * waiting should not wait for a tap on Refresh.
 */
type Summary = z.infer<typeof conversationSummary>;
type View = 'mine' | 'waiting' | 'open';
const VIEWS: View[] = ['mine', 'waiting', 'open'];
const KEPT = 'opsdesk.desk.inbox';
const EVERY_MS = 5_000;

const listPath = (v: View) => `desk/conversations?status=${v}`;

/** Starts reading the lists while the app asks who is signed in (desk/main.tsx), not after it. */
export function prefetchInbox(): void {
  for (const v of VIEWS) prefetch(listPath(v));
}

/** Someone who answers customers starts where customers wait; the CEO reads every open one. */
const firstView = (me: StaffMe): View => keptView(KEPT, VIEWS, me.permissions.includes('conversations.work') ? 'waiting' : 'open');

/** What the staff member calls a conversation's customer. */
export const customerOf = (lang: Lang, c: Summary) => (c.contact?.erased ? iw.erased[lang] : (c.contact?.name ?? iw.customer[lang]));

export const statusTone = (c: Summary): Tone => (c.status === 'waiting' ? 'wait' : c.status === 'resolved' || c.status === 'bot' ? 'ok' : 'info');

export function Inbox(p: { lang: Lang; me: StaffMe }) {
  const { lang, me } = p;
  const [view, setView] = useState<View>(() => firstView(me));
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'refused'; refusal: Refusal } | { kind: 'shown'; lists: Record<View, Summary[]> }>({ kind: 'loading' });
  // Only the last read is shown: a slower answer to an earlier one must not replace it.
  const asked = useRef(0);
  const load = async (quiet = false) => {
    const n = ++asked.current;
    const answers = await Promise.all(VIEWS.map((v) => staffRead<z.infer<typeof conversationList>>(listPath(v))));
    if (n !== asked.current) return;
    const lists: Partial<Record<View, Summary[]>> = {};
    for (const [i, a] of answers.entries()) {
      // A refresh that fails keeps what is shown.
      if (a.kind !== 'ok') return void (quiet || setState({ kind: 'refused', refusal: refusalOf(a) }));
      lists[VIEWS[i]] = a.data;
    }
    setState({ kind: 'shown', lists: lists as Record<View, Summary[]> });
  };
  useEffect(() => void load(), []);
  useRefresh(() => load(true), EVERY_MS);
  const pick = (v: View) => {
    setView(v);
    keepView(KEPT, v);
  };

  const shown = state.kind === 'shown' ? state.lists[view] : [];
  return (
    <>
      <h1>{iw.title[lang]}</h1>
      <div class="tabs" role="group" aria-label={iw.views[lang]}>
        {VIEWS.map((v) => (
          <button type="button" key={v} class={v === view ? 'primary' : 'quiet'} aria-pressed={v === view} onClick={() => pick(v)}>
            {iw[v][lang]}
            {state.kind === 'shown' && <span class="count">{state.lists[v].length}</span>}
          </button>
        ))}
      </div>
      {state.kind === 'loading' && <Loading lang={lang} />}
      {state.kind === 'refused' && <CantOpen lang={lang} refusal={state.refusal} retry={() => load()} />}
      {state.kind === 'shown' && (
        <section aria-label={iw[view][lang]}>
          {shown.length === 0 && <p class="muted">{iw.none[lang]}</p>}
          <ul class="list">
            {shown.map((c) => (
              <Row key={c.id} lang={lang} me={me} c={c} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function Row(p: { lang: Lang; me: StaffMe; c: Summary }) {
  const { lang, c } = p;
  const last = c.lastFromCustomer;
  return (
    <li class="card conversation-row">
      <div class="row">
        <Link to={`/conversation/${c.id}`} class="case-link">
          <strong>{customerOf(lang, c)}</strong>
        </Link>
        <Badge tone={statusTone(c)}>{inboxStatusNames[c.status][lang]}</Badge>
      </div>
      {last && <p class="last">“{last.text ?? iw.notText[lang]}”</p>}
      <div class="muted small">
        {channelName(c.channel)}
        {c.status === 'waiting' && c.waitingSince && ` · ${fill(iw.waited[lang], { t: since(lang, c.waitingSince) })}`}
        {' · '}
        {iw.holder[lang]}: {c.assignee ? (c.assignee.id === p.me.id ? iw.you[lang] : c.assignee.name) : iw.nobody[lang]}
        {c.status === 'snoozed' && c.snoozedUntil && ` · ${fill(iw.snoozedUntil[lang], { t: when(lang, c.snoozedUntil) })}`}
      </div>
    </li>
  );
}

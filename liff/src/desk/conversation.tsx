import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { conversationDetail } from '../../../core/contracts/conversations.ts';
import type { deskStaff } from '../../../core/contracts/desk.ts';
import { fill, when, type Lang } from '../kit/i18n.ts';
import { CantOpen } from '../kit/staff-ui.tsx';
import { staffCall, type StaffMe } from '../kit/staff.ts';
import { Badge, Loading } from '../kit/ui.tsx';
import { customerOf, statusTone } from './inbox.tsx';
import { channelName, inboxStatusNames, iw } from './inbox-words.ts';
import { Banner, useDeskItem } from './desk-item.tsx';
import { Composer, type Act } from './composer.tsx';
import { cw, stageWords } from './conversation-words.ts';
import { CustomerPanel } from './customer-panel.tsx';
import { HandOver } from './hand-over.tsx';
import { AttachmentPicker, aw, MessageBody, WindowNotice, windowClosed } from './attachment-picker.tsx';
import { Link } from './nav.tsx';
import { label, statusNames } from './words.ts';

/**
 * One conversation in the Inbox: the thread (the customer's, the bot's and staff messages in the
 * order they came, private notes among them, the newest at the bottom), who holds it, and what the
 * person may do: take it (a manager or admin: take it over), give it to someone, snooze, resolve,
 * write to the customer or a private note. Every change names the version shown; the server's
 * refusal is said in words ("Somchai has this conversation") and the conversation read again.
 * The rules are the server's (core/conversations/conversation-commands.ts): the screen only hides
 * what the role can never do.
 */
type Detail = z.infer<typeof conversationDetail>;
type Message = Detail['messages'][number];
type WorkEvent = Detail['events'][number];
type Older = { messages: Message[]; events: WorkEvent[]; before: string | null };
type Staff = z.infer<typeof deskStaff>;
const OPEN = ['waiting', 'assigned', 'snoozed'];
const MANAGERS = ['manager', 'admin'];
const EVERY_MS = 5_000;

export function ConversationScreen(p: { lang: Lang; me: StaffMe; id: string }) {
  const { lang, me, id } = p;
  const path = `desk/conversations/${encodeURIComponent(id)}`;
  const { state, load, act, busy, note } = useDeskItem<Detail>({
    path,
    lang,
    everyMs: EVERY_MS,
    refusalText: (a) => {
      const d = (a.error.details ?? {}) as { reason?: string; assigneeName?: string | null };
      if (a.error.code === 'stale_version') return iw.stale[lang];
      if (d.reason === 'owned_by') return fill(iw.ownedBy[lang], { name: d.assigneeName ?? iw.someone[lang] });
      if (d.reason === 'erased') return iw.erasedNow[lang];
      if (d.reason === 'not_open') return iw.notOpen[lang];
      if (d.reason === 'role_forbids') return iw.roleForbids[lang];
      if (d.reason === 'window_closed') return aw.windowClosedNow[lang];
      if (a.status === 422) return fill(iw.invalid[lang], { why: a.error.message });
      return fill(iw.failed[lang], { why: a.error.message });
    },
  });
  // Older pages asked for with "load older", kept across the refreshes of the newest page.
  const [older, setOlder] = useState<Older | null>(null);
  const [staff, setStaff] = useState<Staff>([]);
  useEffect(() => void staffCall<Staff>('desk/staff').then((a) => a.kind === 'ok' && setStaff(a.data)), [id]);

  const loadOlder = async (before: string) => {
    const a = await staffCall<Detail>(`${path}?before=${before}`);
    if (a.kind === 'ok') setOlder((o) => ({ messages: [...a.data.messages, ...(o?.messages ?? [])], events: [...a.data.events, ...(o?.events ?? [])], before: a.data.olderBefore }));
  };

  if (state.kind === 'loading') return <Loading lang={lang} />;
  if (state.kind === 'refused') return <CantOpen lang={lang} refusal={state.refusal} retry={() => load()} />;
  if (state.kind === 'not_found') {
    return (
      <section class="card" aria-labelledby="nf">
        <h1 id="nf">{iw.notFound[lang]}</h1>
        <Link to="/inbox">{iw.back[lang]}</Link>
      </section>
    );
  }
  const d = state.item;
  const names = new Map(staff.map((s) => [s.id, s.name]));
  if (d.assignee?.name) names.set(d.assignee.id, d.assignee.name);
  const holder = d.assignee ? (d.assignee.id === me.id ? iw.you[lang] : (d.assignee.name ?? iw.staff[lang])) : iw.nobody[lang];
  return (
    <>
      <p>
        <Link to="/inbox">{iw.back[lang]}</Link>
      </p>
      <h1>{customerOf(lang, d)}</h1>
      <p class="small">
        <Badge tone={statusTone(d)}>{inboxStatusNames[d.status][lang]}</Badge>{' '}
        <span class="muted">
          {channelName(d.channel)} · {iw.holder[lang]}: {holder}
          {d.status === 'snoozed' && d.snoozedUntil && ` · ${fill(iw.snoozedUntil[lang], { t: when(lang, d.snoozedUntil) })}`}
        </span>
      </p>
      <Banner note={note} />
      <QuickActions lang={lang} me={me} d={d} busy={busy} act={act} />
      <div class="conversation-layout">
        <Thread lang={lang} me={me} d={d} older={older} names={names} loadOlder={loadOlder} />
        {d.contact && !d.contact.erased && <CustomerPanel lang={lang} me={me} conversationId={id} contactId={d.contact.id} stamp={d.events.at(-1)?.id ?? ''} opened={() => load(true)} />}
        {me.permissions.includes('conversations.work') && !d.contact?.erased && (
          <>
            <WindowNotice lang={lang} d={d} busy={busy} act={act} />
            <Composer lang={lang} busy={busy} act={act} heldBy={d.assignee && d.assignee.id !== me.id && d.status !== 'waiting' ? holder : null} conversationId={id} staff={staff} />
            {!windowClosed(d) && <AttachmentPicker lang={lang} path={path} channel={d.channel} busy={busy} act={act} />}
          </>
        )}
        <MoreActions lang={lang} me={me} d={d} staff={staff} busy={busy} act={act} />
      </div>
    </>
  );
}

/** Take and Resolve, the two a person reaches for first, above the thread. */
function QuickActions(p: { lang: Lang; me: StaffMe; d: Detail; busy: boolean; act: Act }) {
  const { lang, me, d, busy, act } = p;
  if (!me.permissions.includes('conversations.work') || !OPEN.includes(d.status)) return null;
  const mine = d.assignee?.id === me.id;
  const manager = MANAGERS.includes(me.role);
  const mayTake = !mine && (!d.assignee || manager);
  const mayResolve = mine || manager;
  return (
    <div class="actions quick">
      {mine && <p class="small muted">{iw.yours[lang]}</p>}
      {mayTake && (
        <button type="button" class="primary" disabled={busy} onClick={() => act('take', {}, iw.done[lang])}>
          {d.assignee ? iw.takeOver[lang] : iw.take[lang]}
        </button>
      )}
      {mayResolve && (
        <button type="button" class="quiet" disabled={busy} onClick={() => act('resolve', {}, iw.done[lang])}>
          {iw.resolve[lang]}
        </button>
      )}
    </div>
  );
}

function Thread(p: { lang: Lang; me: StaffMe; d: Detail; older: Older | null; names: Map<string, string>; loadOlder: (before: string) => void }) {
  const { lang, me, d, names } = p;
  const newest = new Set(d.messages.map((m) => m.id));
  const messages = [...(p.older?.messages.filter((m) => !newest.has(m.id)) ?? []), ...d.messages];
  const before = p.older ? p.older.before : d.olderBefore;
  // Notes stand among the messages by time; those older than the first message shown wait for "load older".
  const from = before && messages.length ? messages[0].at : null;
  const notes = d.notes.filter((n) => !from || n.at >= from);
  // The customer's case and booking events, each page's own, once.
  const events = new Map([...(p.older?.events ?? []), ...d.events].map((e) => [e.id, e]));
  const items = [
    ...messages.map((m) => ({ at: m.at, key: m.id, message: m })),
    ...notes.map((n) => ({ at: n.at, key: n.id, note: n })),
    ...[...events.values()].map((e) => ({ at: e.at, key: e.id, event: e })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const staffName = (staffId: string | null) => (staffId === me.id ? iw.you[lang] : ((staffId && names.get(staffId)) ?? iw.staff[lang]));
  // A chat: the newest at the bottom, in view when the thread opens and when something new comes (older pages keep the place).
  const box = useRef<HTMLDivElement>(null);
  const lastKey = items.at(-1)?.key;
  useLayoutEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lastKey]);
  return (
    <section class="card" aria-labelledby="thread">
      <h2 id="thread">{iw.thread[lang]}</h2>
      {/* Scrolls on its own, so it is reachable by keyboard too. */}
      <div class="thread-box" ref={box} tabIndex={0} role="region" aria-labelledby="thread">
        {before && (
          <button type="button" class="quiet wide" onClick={() => p.loadOlder(before)}>
            {iw.older[lang]}
          </button>
        )}
        <ol class="thread">
        {items.map((i) =>
          'event' in i && i.event ? (
            <li key={i.key} class="said-event small">
              {workEventText(lang, i.event)} · {when(lang, i.at)}
            </li>
          ) : 'note' in i && i.note ? (
            <li key={i.key} class="said-note">
              <div class="small meta">
                <strong>{iw.privateNote[lang]}</strong> · {staffName(i.note.staffId)} · {when(lang, i.at)}
              </div>
              <p class="said">{i.note.text}</p>
            </li>
          ) : (
            'message' in i &&
            i.message && (
              <li key={i.key} class={i.message.direction === 'in' ? 'said-in' : i.message.senderType === 'staff' ? 'said-staff' : 'said-bot'}>
                <div class="small meta">
                  {i.message.direction === 'in' ? customerOf(lang, d) : i.message.senderType === 'staff' ? staffName(i.message.staffId) : i.message.senderType === 'bot' ? iw.bot[lang] : iw.system[lang]} · {when(lang, i.at)}
                </div>
                <MessageBody lang={lang} m={i.message} />
              </li>
            )
          ),
        )}
        </ol>
      </div>
    </section>
  );
}

/** A case or booking event as a line among the messages: "Case C-000012 opened · Refund", "Booking B-000003: confirmed". */
function workEventText(lang: Lang, e: WorkEvent): string {
  const what = e.what?.[lang] ?? '';
  if (e.subject === 'booking') {
    if (e.type === 'created') return fill(cw.bookingMade[lang], { n: e.number, what: what && ` · ${what}` });
    return fill(cw.bookingMoved[lang], { n: e.number, to: label(stageWords, e.to ?? '', lang) });
  }
  if (e.type === 'created') return fill(cw.caseOpened[lang], { n: e.number, what });
  if (e.type === 'reopened') return fill(cw.caseReopened[lang], { n: e.number });
  return fill(cw.caseMoved[lang], { n: e.number, to: label(statusNames, e.to ?? '', lang) });
}

/** Bangkok's offset: the desk shows every time in the business's zone (kit/i18n.ts `when`), so it is picked there too. */
const ZONE = '+07:00';
const HOUR = 3_600_000;

/** Tomorrow at 9:00 in the business's zone. */
function tomorrowAtNine(now = Date.now()): string {
  const there = new Date(now + 7 * HOUR + 24 * HOUR).toISOString().slice(0, 10);
  return new Date(`${there}T09:00:00${ZONE}`).toISOString();
}

/** Snooze and Assign: what a holder or a manager does less often. */
function MoreActions(p: { lang: Lang; me: StaffMe; d: Detail; staff: Staff; busy: boolean; act: Act }) {
  const { lang, me, d, staff, busy, act } = p;
  const [until, setUntil] = useState<'hour' | 'tomorrow' | 'pick'>('hour');
  const [picked, setPicked] = useState('');
  const others = staff.filter((s) => s.id !== d.assignee?.id);
  if (!me.permissions.includes('conversations.work') || !OPEN.includes(d.status)) return null;
  const manager = MANAGERS.includes(me.role);
  const maySnooze = d.assignee?.id === me.id || manager;
  if (!maySnooze) return null;
  const untilIso = until === 'hour' ? new Date(Date.now() + HOUR).toISOString() : until === 'tomorrow' ? tomorrowAtNine() : picked ? new Date(`${picked}:00${ZONE}`).toISOString() : '';
  return (
    <section class="card" aria-labelledby="more">
      <h2 id="more">{iw.actions[lang]}</h2>
      {maySnooze && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act('snooze', { until: untilIso }, iw.done[lang]);
          }}
        >
          <label for="snooze-until">{iw.snoozeFor[lang]}</label>
          <select id="snooze-until" value={until} onChange={(e) => setUntil(e.currentTarget.value as typeof until)}>
            <option value="hour">{iw.inAnHour[lang]}</option>
            <option value="tomorrow">{iw.tomorrow9[lang]}</option>
            <option value="pick">{iw.pick[lang]}</option>
          </select>
          {until === 'pick' && (
            <>
              <label for="snooze-at">{iw.pickWhen[lang]}</label>
              <input id="snooze-at" type="datetime-local" value={picked} onInput={(e) => setPicked(e.currentTarget.value)} />
            </>
          )}
          <div class="actions">
            <button type="submit" class="quiet" disabled={busy || !untilIso}>
              {iw.snooze[lang]}
            </button>
          </div>
        </form>
      )}
      {manager && others.length > 0 && (
        <HandOver key={d.assignee?.id ?? ''} lang={lang} id="assign-to" label={iw.assignTo[lang]} action={iw.assign[lang]} people={others} busy={busy} give={(staffId) => act('assign', { staffId }, iw.done[lang])} />
      )}
    </section>
  );
}

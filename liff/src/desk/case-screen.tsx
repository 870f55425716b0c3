import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { deskCase } from '../../../core/contracts/desk.ts';
import type { CaseStatus } from '../../../core/vocabulary.ts';
import { duration, fill, when, type Lang } from '../kit/i18n.ts';
import { CantOpen } from '../kit/staff-ui.tsx';
import { roleNames, type StaffMe } from '../kit/staff.ts';
import { Badge, Fact, Loading } from '../kit/ui.tsx';
import { CaseNote, nw } from './case-note.tsx';
import { ChangeType } from './change-type.tsx';
import { Banner, useDeskItem } from './desk-item.tsx';
import { HandOver } from './hand-over.tsx';
import { Link } from './nav.tsx';
import { actionNames, eventNames, label, rootCauseNames, severityNames, statusNames, w } from './words.ts';

/**
 * One case: who, what, the clocks, the whole timeline, and the LINE card's actions. Every action
 * sends the version shown; if the case changed meanwhile (someone tapped the card in LINE), the
 * server refuses, the screen says who has it now and shows the case as it is.
 */
type Case = z.infer<typeof deskCase>;
export function CaseScreen(p: { lang: Lang; me: StaffMe; number: string }) {
  const { lang, number } = p;
  const { state, load, act, busy, note } = useDeskItem<Case>({
    path: `desk/cases/${encodeURIComponent(number)}`,
    lang,
    // Every refusal in words: the case is then shown as it is now.
    refusalText: (a, action) => {
      const d = (a.error.details ?? {}) as { reason?: string; role?: string; action?: string; ownerName?: string | null; status?: CaseStatus };
      const owner = d.ownerName ?? w.nobody[lang];
      if (a.error.code === 'stale_version') return fill(w.changed[lang], { status: d.status ? label(statusNames, d.status, lang) : '', owner });
      if (d.reason === 'owner' && a.status === 409) return fill(w.alreadyHas[lang], { owner });
      if (d.reason === 'owner') return fill(w.ownerForbids[lang], { owner });
      if (d.reason === 'role_forbids') return fill(w.roleForbids[lang], { role: roleNames[d.role ?? '']?.[lang] ?? d.role ?? '', what: actionNames[action === 'transitions' ? 'move' : action]?.[lang] ?? action });
      if (a.status === 422) return fill(w.invalid[lang], { why: a.error.message });
      return fill(w.failed[lang], { why: a.error.message });
    },
  });

  if (state.kind === 'loading') return <Loading lang={lang} />;
  if (state.kind === 'refused') return <CantOpen lang={lang} refusal={state.refusal} retry={() => load()} />;
  if (state.kind === 'not_found') {
    return (
      <section class="card" aria-labelledby="nf">
        <h1 id="nf">{w.notFoundTitle[lang]}</h1>
        <p>{fill(w.notFoundText[lang], { n: number })}</p>
        <Link to="">{w.back[lang]}</Link>
      </section>
    );
  }
  const c = state.item;
  return (
    <>
      <p>
        <Link to="">{w.back[lang]}</Link>
      </p>
      <h1>
        {c.number} · {c.type[lang]}
      </h1>
      <p>
        <Badge tone={c.breached ? 'bad' : c.status === 'resolved' || c.status === 'closed' ? 'ok' : 'info'}>{label(statusNames, c.status, lang)}</Badge>{' '}
        <span class="muted small">
          {label(severityNames, c.severity, lang)} · {w.owner[lang]}: {c.ownerName ?? w.nobody[lang]}
        </span>
      </p>
      <Banner note={note} />
      <Facts lang={lang} c={c} canSeeCustomer={p.me.permissions.includes('contacts.read')} />
      {c.sop && (
        // The type's standard way to handle it, whole, beside the case (the LINE card shows its first lines).
        <section class="card" aria-labelledby="sop">
          <h2 id="sop">{w.sop[lang]}</h2>
          <p class="sop">{c.sop}</p>
        </section>
      )}
      <Actions lang={lang} c={c} me={p.me} busy={busy} act={act} />
      {p.me.permissions.includes('cases.note') && (
        <CaseNote
          lang={lang}
          version={c.version}
          channel={c.customer?.channel ?? ''}
          mayReply={c.allowed.includes('reply') && c.canWriteToCustomer}
          busy={busy}
          add={(form, done) => act('notes', form, done)}
        />
      )}
      <Timeline lang={lang} c={c} />
    </>
  );
}

function Facts(p: { lang: Lang; c: Case; canSeeCustomer: boolean }) {
  const { lang, c } = p;
  const clock = c.clocks.resolution;
  const left = clock.remainingMinutes === null ? '' : clock.remainingMinutes >= 0 ? fill(w.timeLeft[lang], { time: duration(lang, clock.remainingMinutes) }) : fill(w.timeOver[lang], { time: duration(lang, -clock.remainingMinutes) });
  return (
    <section class="card" aria-label={w.customer[lang]}>
      {c.summary && (
        <p>
          <span class="visually-hidden">{w.summary[lang]}: </span>“{c.summary}”
        </p>
      )}
      <dl class="small facts">
        {c.customer && (c.customer.name || c.customer.vip) && <Fact term={w.customer[lang]} value={`${c.customer.name ?? ''}${c.customer.vip ? ` · ${w.vip[lang]}` : ''}`} />}
        {c.customer?.phone && <Fact term={w.phone[lang]} value={c.customer.phone} />}
        {c.customer?.email && <Fact term={w.email[lang]} value={c.customer.email} />}
        {c.customer?.channel && <Fact term={w.channel[lang]} value={c.customer.channel === 'line' ? 'LINE' : c.customer.channel === 'whatsapp' ? 'WhatsApp' : c.customer.channel} />}
        {c.orderIds.length > 0 && <Fact term={w.orders[lang]} value={c.orderIds.join(', ')} />}
        {c.provider && <Fact term={w.provider[lang]} value={c.provider.name} />}
        <Fact term={w.opened[lang]} value={when(lang, c.openedAt)} />
        {c.clocks.firstRespondedAt ? (
          <Fact term={w.respondedAt[lang]} value={when(lang, c.clocks.firstRespondedAt)} />
        ) : (
          c.clocks.firstResponseDueAt && <Fact term={w.firstResponse[lang]} value={when(lang, c.clocks.firstResponseDueAt)} />
        )}
        {clock.state === 'running' && clock.dueAt && <Fact term={w.resolveBy[lang]} value={`${when(lang, clock.dueAt)} (${left})`} />}
        {clock.state === 'paused' && <Fact term={w.resolveBy[lang]} value={w.clockPaused[lang]} />}
        {clock.state === 'stopped' && <Fact term={w.resolveBy[lang]} value={w.clockStopped[lang]} />}
        {c.rootCause && <Fact term={w.rootCause[lang]} value={label(rootCauseNames, c.rootCause, lang)} />}
      </dl>
      {c.customer && p.canSeeCustomer && <Link to={`/contact/${c.customer.id}`}>{w.seeCustomer[lang]}</Link>}
    </section>
  );
}

function Actions(p: { lang: Lang; c: Case; me: StaffMe; busy: boolean; act: (action: string, body: Record<string, unknown>, done: string) => Promise<boolean> }) {
  const { lang, c, me, busy, act } = p;
  const moves = c.nextStatuses.filter((s) => s !== 'resolved' && s !== 'closed');
  const [to, setTo] = useState<string>(moves[0] ?? '');
  const [provider, setProvider] = useState('');
  const [cause, setCause] = useState(c.rootCauses[0] ?? '');
  const others = c.assignees.filter((a) => a.id !== c.ownerStaffId);
  const [text, setText] = useState('');
  // The case moved on (here or elsewhere): the choices follow it.
  useEffect(() => setTo(moves[0] ?? ''), [c.status]);

  const may = (a: string) => c.allowed.includes(a as Case['allowed'][number]);
  const open = c.status !== 'resolved' && c.status !== 'closed';
  const why = Object.entries(c.refusals).map(([action, r]) =>
    r.reason === 'owner'
      ? fill(w.ownerForbids[lang], { owner: r.ownerName ?? '' })
      : fill(w.roleForbids[lang], { role: roleNames[me.role]?.[lang] ?? me.role, what: actionNames[action]?.[lang] ?? action }),
  );
  const reasons = [...new Set(why)];

  return (
    <section class="card" aria-labelledby="actions">
      <h2 id="actions">{w.actions[lang]}</h2>
      {reasons.length > 0 && (
        <ul class="why small" aria-label={w.actions[lang]}>
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {open && c.ownerStaffId === me.id && <p class="small muted">{w.yours[lang]}</p>}
      {open && may('take') && c.ownerStaffId !== me.id && (
        <button type="button" class="primary wide" disabled={busy} onClick={() => act('take', {}, w.done[lang])}>
          {c.ownerStaffId ? w.takeOver[lang] : w.take[lang]}
        </button>
      )}
      {may('move') && moves.length > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act('transitions', { to, ...(to === 'waiting_provider' && provider ? { providerKey: provider } : {}) }, w.done[lang]);
          }}
        >
          <label for="move-to">{w.moveTo[lang]}</label>
          <select id="move-to" value={to} onChange={(e) => setTo(e.currentTarget.value)}>
            {moves.map((s) => (
              <option key={s} value={s}>
                {label(statusNames, s, lang)}
              </option>
            ))}
          </select>
          {to === 'waiting_provider' && c.providers.length > 0 && (
            <>
              <label for="provider">{w.whichProvider[lang]}</label>
              <select id="provider" value={provider} onChange={(e) => setProvider(e.currentTarget.value)}>
                <option value="">{w.noProvider[lang]}</option>
                {c.providers.map((pr) => (
                  <option key={pr.key} value={pr.key}>
                    {pr.name}
                  </option>
                ))}
              </select>
            </>
          )}
          <div class="actions">
            <button type="submit" class="quiet" disabled={busy || !to}>
              {w.move[lang]}
            </button>
          </div>
        </form>
      )}
      {may('resolve') && c.nextStatuses.includes('resolved') && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act('transitions', { to: 'resolved', rootCause: cause }, w.done[lang]);
          }}
        >
          <label for="root-cause">{w.resolveWith[lang]}</label>
          <select id="root-cause" value={cause} onChange={(e) => setCause(e.currentTarget.value)}>
            {c.rootCauses.map((rc) => (
              <option key={rc} value={rc}>
                {label(rootCauseNames, rc, lang)}
              </option>
            ))}
          </select>
          <div class="actions">
            <button type="submit" class="primary" disabled={busy || !cause}>
              {w.resolve[lang]}
            </button>
          </div>
        </form>
      )}
      {/* Who may correct the type is whoever may move the case (support on unowned or own cases); the server decides. */}
      {may('move') && open && <ChangeType key={c.version} lang={lang} busy={busy} current={c.type[lang]} correct={(caseType, reason) => act('corrections', { caseType, reason }, w.done[lang])} />}
      {may('reassign') && open && others.length > 0 && (
        <HandOver key={c.ownerStaffId ?? ''} lang={lang} id="assignee" label={w.reassignTo[lang]} action={w.reassign[lang]} people={others} busy={busy} give={(staffId) => act('assignee', { staffId }, w.done[lang])} />
      )}
      {may('reply') &&
        (c.canWriteToCustomer ? (
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              if (await act('messages', { text }, w.sent[lang])) setText('');
            }}
          >
            <label for="message">{w.write[lang]}</label>
            <textarea id="message" value={text} maxLength={5000} aria-describedby="message-hint" onInput={(e) => setText(e.currentTarget.value)} />
            <p class="hint" id="message-hint">
              {w.writeHint[lang]}
            </p>
            <div class="actions">
              <button type="submit" class="primary" disabled={busy || !text.trim()}>
                {busy ? w.working[lang] : w.send[lang]}
              </button>
            </div>
          </form>
        ) : (
          <p class="small muted">{w.noChat[lang]}</p>
        ))}
    </section>
  );
}

function Timeline(p: { lang: Lang; c: Case }) {
  const { lang, c } = p;
  return (
    <section class="card" aria-labelledby="timeline">
      <h2 id="timeline">{w.timeline[lang]}</h2>
      <ol class="timeline">
        {c.timeline.map((e, i) => (
          <li key={i}>
            <div class="small muted">
              {when(lang, e.at)}
              {e.actor.name ? ` · ${e.actor.name}` : ''}
              {e.sentToCustomer ? ` · ${nw.sentToo[lang]}` : e.public ? '' : ` · ${w.internal[lang]}`}
            </div>
            <div>
              <strong>{label(eventNames, e.type, lang)}</strong>
              {e.to && (e.type === 'status_changed' || e.type === 'reopened') && `: ${e.from ? `${label(statusNames, e.from, lang)} → ` : ''}${label(statusNames, e.to, lang)}`}
              {e.to && e.type !== 'status_changed' && e.type !== 'reopened' && `: ${e.to}`}
              {e.rootCause && ` (${label(rootCauseNames, e.rootCause, lang)})`}
            </div>
            {e.text && <p class="said">{e.text}</p>}
            {e.attachments.map((f, j) =>
              // A photo shows itself; another file is a link by its name.
              f.kind === 'image' ? (
                <a key={j} href={f.url} target="_blank" rel="noopener">
                  <img class="said-image" src={f.url} alt={f.name ?? w.file[lang]} loading="lazy" />
                </a>
              ) : (
                <p key={j} class="said">
                  <a href={f.url} target="_blank" rel="noopener">
                    📎 {f.name ?? `${w.file[lang]} (${f.kind})`}
                  </a>
                </p>
              ),
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

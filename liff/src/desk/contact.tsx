import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { contact360 } from '../../../core/contracts/contacts.ts';
import { day, when, type Lang } from '../kit/i18n.ts';
import { CantOpen } from '../kit/staff-ui.tsx';
import { refusalOf, staffCall, type Refusal, type StaffMe } from '../kit/staff.ts';
import { Badge, Fact, Loading } from '../kit/ui.tsx';
import { stageWords } from './conversation-words.ts';
import { LazyMemberPanel } from './customer-panel.tsx';
import { iw } from './inbox-words.ts';
import { Link } from './nav.tsx';
import { label, statusNames, w } from './words.ts';

/** A customer's 360 view: who they are on each channel, their cases and bookings, their latest messages. */
type Contact = z.infer<typeof contact360>;
/** Who said an outgoing message, in words: never the stored key. */
const senderWords: Record<string, { th: string; en: string }> = { bot: iw.bot, staff: iw.staff, system: iw.system };
const MESSAGES_SHOWN = 20;

export function ContactScreen(p: { lang: Lang; me: StaffMe; id: string }) {
  const { lang, id } = p;
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'not_found' } | { kind: 'refused'; refusal: Refusal } | { kind: 'shown'; c: Contact }>({ kind: 'loading' });
  const load = async () => {
    setState({ kind: 'loading' });
    const a = await staffCall<Contact>(`desk/contacts/${encodeURIComponent(id)}`);
    if (a.kind === 'ok') setState({ kind: 'shown', c: a.data });
    else if (a.kind === 'refused' && a.status === 404) setState({ kind: 'not_found' });
    else setState({ kind: 'refused', refusal: refusalOf(a) });
  };
  useEffect(() => void load(), [id]);

  if (state.kind === 'loading') return <Loading lang={lang} />;
  if (state.kind === 'refused') return <CantOpen lang={lang} refusal={state.refusal} retry={load} />;
  if (state.kind === 'not_found') {
    return (
      <section class="card" aria-labelledby="nf">
        <h1 id="nf">{w.contactNotFound[lang]}</h1>
        <Link to="">{w.back[lang]}</Link>
      </section>
    );
  }
  const c = state.c;
  return (
    <>
      <p>
        <Link to="">{w.back[lang]}</Link>
      </p>
      <h1>
        {c.name ?? w.contactTitle[lang]} {c.isVip && <Badge tone="wait">{w.vip[lang]}</Badge>}
      </h1>
      <section class="card" aria-label={w.contactTitle[lang]}>
        <dl class="small facts">
          {c.phone && <Fact term={w.phone[lang]} value={c.phone} />}
          {c.email && <Fact term={w.email[lang]} value={c.email} />}
          <Fact term={w.language[lang]} value={c.language === 'th' ? 'ไทย' : 'English'} />
          <Fact term={w.opened[lang]} value={when(lang, c.createdAt)} />
          <Fact term={w.consent[lang]} value={c.consent ? [w[`consent_${c.consent.answer}`][lang], when(lang, c.consent.at, false), c.consent.upToDate ? '' : w.consentOld[lang]].filter(Boolean).join(' · ') : w.consentNone[lang]} />
          {c.firstBookingAttribution && <Fact term={w.firstBooking[lang]} value={`${c.firstBookingAttribution.source} (${c.firstBookingAttribution.booking})`} />}
        </dl>
        <h2 class="small">{w.identities[lang]}</h2>
        <ul class="small">
          {c.identities.map((i) => (
            <li key={i.externalId}>
              {i.channel === 'line' ? 'LINE' : i.channel === 'whatsapp' ? 'WhatsApp' : i.channel}
              {i.displayName ? ` · ${i.displayName}` : ''} · {i.following ? w.following[lang] : w.notFollowing[lang]}
            </li>
          ))}
        </ul>
      </section>
      {p.me.permissions.includes('members.read') && (
        <section class="card">
          <LazyMemberPanel lang={lang} me={p.me} contactId={c.id} />
        </section>
      )}
      <section class="card" aria-labelledby="their-cases">
        <h2 id="their-cases">{w.theirCases[lang]}</h2>
        {c.cases.length === 0 && <p class="muted small">{w.none2[lang]}</p>}
        <ul class="list">
          {c.cases.map((k) => (
            <li key={k.number} class="row small">
              <Link to={`/case/${encodeURIComponent(k.number)}`}>{k.number}</Link>
              <span>{label(statusNames, k.status, lang)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section class="card" aria-labelledby="their-bookings">
        <h2 id="their-bookings">{w.theirBookings[lang]}</h2>
        {c.bookings.length === 0 && <p class="muted small">{w.none2[lang]}</p>}
        <ul class="list">
          {c.bookings.map((b) => (
            <li key={b.number} class="row small">
              <Link to={`/booking/${encodeURIComponent(b.number)}`}>{b.number}</Link>
              <span>
                {b.serviceName?.[lang] ?? b.destination ?? ''}
                {b.requestedDate ? ` · ${day(lang, b.requestedDate)}` : ''} · {label(stageWords, b.stage, lang)}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section class="card" aria-labelledby="their-messages">
        <h2 id="their-messages">{w.recentMessages[lang]}</h2>
        <ol class="timeline">
          {c.messages.slice(0, MESSAGES_SHOWN).map((m) => (
            <li key={m.id}>
              <div class="small muted">
                {when(lang, m.at)} · {m.direction === 'in' ? c.name ?? w.customer[lang] : (senderWords[m.senderType]?.[lang] ?? iw.system[lang])}
              </div>
              <p class="said">{m.text ?? `(${m.kind})`}</p>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

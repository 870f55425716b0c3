import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { contact360 } from '../../../core/contracts/contacts.ts';
import { day, fill, type Lang } from '../kit/i18n.ts';
import { staffCall, type StaffMe } from '../kit/staff.ts';
import { Badge, Fact, lazyScreen } from '../kit/ui.tsx';
import { cw, stageWords } from './conversation-words.ts';
import { channelName } from './inbox-words.ts';
import { Link } from './nav.tsx';
import { OpenWork } from './open-work.tsx';
import { label, statusNames, w } from './words.ts';

/**
 * The customer beside the thread: who they are (name, VIP, channels, language), their open cases
 * and bookings with links to them, and opening a new one. The desk's contact 360
 * (`desk/contacts/:id`, contact.tsx) is read, again whenever the thread shows a new case or
 * booking event. A side column on a tablet; on a phone a section to unfold above the composer.
 */
type Contact = z.infer<typeof contact360>;
/** The member panel (member-panel.tsx), a chunk of its own: the desk's first load stays within its budget. */
export const LazyMemberPanel = lazyScreen<{ lang: Lang; me: StaffMe; contactId?: string; memberId?: string; stamp?: string }>(() => import('./member-panel.tsx'));
const WIDE = '(min-width: 760px)';

export function CustomerPanel(p: { lang: Lang; me: StaffMe; conversationId: string; contactId: string; stamp: string; opened: (done: string) => void }) {
  const { lang } = p;
  const [c, setC] = useState<Contact | null>(null);
  useEffect(() => {
    let live = true;
    void staffCall<Contact>(`desk/contacts/${encodeURIComponent(p.contactId)}`).then((a) => live && a.kind === 'ok' && setC(a.data));
    return () => void (live = false);
  }, [p.contactId, p.stamp]);
  if (!c) return null;
  const cases = c.cases.filter((k) => k.open);
  const bookings = c.bookings.filter((b) => b.open);
  return (
    <details class="card customer-panel" open={matchMedia(WIDE).matches}>
      <summary>
        <h2 class="inline">{cw.customer[lang]}</h2>
        <span class="small muted"> {fill(cw.counts[lang], { c: cases.length, b: bookings.length })}</span>
      </summary>
      <p>
        <strong>{c.name ?? w.customer[lang]}</strong> {c.isVip && <Badge tone="wait">{cw.vip[lang]}</Badge>}
      </p>
      <dl class="small facts">
        <Fact term={cw.channels[lang]} value={[...new Set(c.identities.map((i) => channelName(i.channel)))].join(', ') || '—'} />
        <Fact term={cw.language[lang]} value={c.language === 'th' ? 'ไทย' : 'English'} />
      </dl>
      <h3 class="small">{cw.openCases[lang]}</h3>
      <ul class="list small">
        {cases.length === 0 && <li class="muted">{cw.none[lang]}</li>}
        {cases.map((k) => (
          <li key={k.number} class="row">
            <Link to={`/case/${encodeURIComponent(k.number)}`}>{k.number}</Link>
            <span>
              {k.typeName[lang]} · {label(statusNames, k.status, lang)}
            </span>
          </li>
        ))}
      </ul>
      <h3 class="small">{cw.openBookings[lang]}</h3>
      <ul class="list small">
        {bookings.length === 0 && <li class="muted">{cw.none[lang]}</li>}
        {bookings.map((b) => (
          <li key={b.number} class="row">
            <Link to={`/booking/${encodeURIComponent(b.number)}`}>{b.number}</Link>
            <span>
              {b.serviceName?.[lang] ?? b.destination ?? ''}
              {b.requestedDate ? ` · ${day(lang, b.requestedDate)}` : ''} · {label(stageWords, b.stage, lang)}
            </span>
          </li>
        ))}
      </ul>
      {p.me.permissions.includes('members.read') && <LazyMemberPanel lang={lang} me={p.me} contactId={c.id} stamp={p.stamp} />}
      <p class="small">
        <Link to={`/contact/${encodeURIComponent(c.id)}`}>{cw.profile[lang]}</Link>
      </p>
      <OpenWork lang={lang} me={p.me} conversationId={p.conversationId} opened={p.opened} />
    </details>
  );
}

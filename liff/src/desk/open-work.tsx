import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { caseTypeList, serviceList } from '../../../core/contracts/taxonomy.ts';
import { SEVERITIES } from '../../../core/vocabulary.ts';
import { fill, type Lang } from '../kit/i18n.ts';
import { staffCall, type StaffMe } from '../kit/staff.ts';
import { BookingTimes } from './booking-times.tsx';
import { cw } from './conversation-words.ts';
import { iw } from './inbox-words.ts';
import { severityNames } from './words.ts';

/**
 * Opening a case or a booking for the customer one is talking to: the case's type and severity
 * from the org's taxonomy and what it is about; the booking's service, day, time and people. The
 * server links it to this customer and conversation, and the thread shows it opened.
 */
type Kind = 'case' | 'booking';
type CaseTypes = z.infer<typeof caseTypeList>;
type Services = z.infer<typeof serviceList>;

export function OpenWork(p: { lang: Lang; me: StaffMe; conversationId: string; opened: (done: string) => void }) {
  const { lang } = p;
  const [kind, setKind] = useState<Kind | null>(null);
  const [choices, setChoices] = useState<{ types: CaseTypes; services: Services } | null>(null);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [service, setService] = useState('');
  /** The session refused as full: the customer may wait for it, or a manager overbook it. */
  const [full, setFull] = useState<{ body: Record<string, unknown>; sessionId: string; seatsLeft: number } | null>(null);
  const [refusals, setRefusals] = useState(0);
  const mayCase = p.me.permissions.includes('cases.work');
  const mayBook = p.me.permissions.includes('bookings.create');
  useEffect(() => {
    if (!kind || choices) return;
    void Promise.all([staffCall<CaseTypes>('desk/case-types'), staffCall<Services>('desk/services')]).then(([t, s]) =>
      setChoices({ types: t.kind === 'ok' ? t.data : [], services: s.kind === 'ok' ? s.data : [] }),
    );
  }, [kind]);
  if (!mayCase && !mayBook) return null;

  const post = async (body: Record<string, unknown>) => {
    setBusy(true);
    const a = await staffCall<{ number: string }>(`desk/conversations/${encodeURIComponent(p.conversationId)}/${kind === 'case' ? 'cases' : 'bookings'}`, { method: 'POST', body });
    setBusy(false);
    setFull(null);
    if (a.kind === 'ok') {
      setSaid({ ok: true, text: fill(kind === 'case' ? cw.caseDone[lang] : cw.bookingDone[lang], { n: a.data.number }) });
      setKind(null);
      p.opened(a.data.number);
    } else if (a.kind === 'refused' && a.error.code === 'session_full') {
      const d = a.error.details as { sessionId: string; seatsLeft: number };
      setSaid(null);
      setFull({ body, sessionId: d.sessionId, seatsLeft: d.seatsLeft });
      setRefusals((n) => n + 1);
    } else setSaid({ ok: false, text: fill(iw.failed[lang], { why: a.kind === 'refused' ? a.error.message : '—' }) });
  };
  const send = (form: HTMLFormElement) => {
    const f = Object.fromEntries([...new FormData(form)].filter(([, v]) => v !== '')) as Record<string, string>;
    return post(kind === 'case' ? f : { ...f, ...(f.travelers ? { travelers: Number(f.travelers) } : {}) });
  };
  const wait = async () => {
    const a = await staffCall<{ position: number | null }>(`desk/conversations/${encodeURIComponent(p.conversationId)}/waitlist`, { method: 'POST', body: { session_id: full!.sessionId, ...(full!.body.travelers ? { travelers: full!.body.travelers } : {}) } });
    setFull(null);
    setSaid(a.kind === 'ok' ? { ok: true, text: fill(cw.waiting[lang], { n: a.data.position ?? 1 }) } : { ok: false, text: fill(iw.failed[lang], { why: a.kind === 'refused' ? a.error.message : '—' }) });
    if (a.kind === 'ok') setKind(null);
  };

  return (
    <div class="open-work">
      {said && (
        <p class={`banner ${said.ok ? 'tone-ok' : 'tone-bad'}`} role={said.ok ? 'status' : 'alert'}>
          {said.text}
        </p>
      )}
      {!kind && (
        <div class="actions">
          {mayCase && (
            <button type="button" class="quiet" onClick={() => (setKind('case'), setSaid(null))}>
              {cw.openCase[lang]}
            </button>
          )}
          {mayBook && (
            <button type="button" class="quiet" onClick={() => (setKind('booking'), setSaid(null))}>
              {cw.openBooking[lang]}
            </button>
          )}
        </div>
      )}
      {kind && choices && (
        <form
          aria-label={kind === 'case' ? cw.openCase[lang] : cw.openBooking[lang]}
          onSubmit={(e) => {
            e.preventDefault();
            void send(e.currentTarget);
          }}
        >
          {kind === 'case' ? (
            <>
              <label for="ow-type">{cw.caseType[lang]}</label>
              <select id="ow-type" name="caseType" required>
                {choices.types.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.name[lang]}
                  </option>
                ))}
              </select>
              <label for="ow-severity">{cw.severity[lang]}</label>
              <select id="ow-severity" name="severity">
                <option value="">{cw.typesSeverity[lang]}</option>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {severityNames[s][lang]}
                  </option>
                ))}
              </select>
              <label for="ow-summary">{cw.summary[lang]}</label>
              <textarea id="ow-summary" name="summary" required maxLength={1000} />
            </>
          ) : (
            <>
              <label for="ow-service">{cw.service[lang]}</label>
              <select id="ow-service" name="service" value={service} onChange={(e) => (setService(e.currentTarget.value), setFull(null))}>
                <option value="">{cw.noService[lang]}</option>
                {choices.services.map((s) => (
                  <option key={s.key} value={s.key}>
                    {s.name[lang]}
                  </option>
                ))}
              </select>
              <BookingTimes lang={lang} service={service} reread={refusals} />
              <label for="ow-people">{cw.people[lang]}</label>
              <input id="ow-people" name="travelers" type="number" min={1} max={500} inputMode="numeric" />
              <label for="ow-notes">{cw.bookingNotes[lang]}</label>
              <textarea id="ow-notes" name="notes" maxLength={2000} />
            </>
          )}
          {full && (
            <div class="full" role="alert">
              <p class="error">{fill(cw.full[lang], { n: full.seatsLeft })}</p>
              <button type="button" class="quiet" onClick={() => void wait()}>
                {cw.waitlist[lang]}
              </button>
              <label for="ow-overbook">{cw.overbookReason[lang]}</label>
              <input id="ow-overbook" maxLength={500} />
              <button type="button" class="quiet" disabled={busy} onClick={(e) => {
                const reason = (e.currentTarget.previousElementSibling as HTMLInputElement).value.trim();
                if (reason) void post({ ...full.body, overbook_reason: reason });
              }}>
                {cw.overbook[lang]}
              </button>
            </div>
          )}
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? iw.working[lang] : kind === 'case' ? cw.openCase[lang] : cw.openBooking[lang]}
            </button>
            <button type="button" class="quiet" onClick={() => setKind(null)}>
              {cw.cancel[lang]}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

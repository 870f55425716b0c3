import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { caseTypeList, serviceList } from '../../../core/contracts/taxonomy.ts';
import { SEVERITIES } from '../../../core/vocabulary.ts';
import { fill, type Lang } from '../kit/i18n.ts';
import { staffCall, type StaffMe } from '../kit/staff.ts';
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
  const mayCase = p.me.permissions.includes('cases.work');
  const mayBook = p.me.permissions.includes('bookings.create');
  useEffect(() => {
    if (!kind || choices) return;
    void Promise.all([staffCall<CaseTypes>('desk/case-types'), staffCall<Services>('desk/services')]).then(([t, s]) =>
      setChoices({ types: t.kind === 'ok' ? t.data : [], services: s.kind === 'ok' ? s.data : [] }),
    );
  }, [kind]);
  if (!mayCase && !mayBook) return null;

  const send = async (form: HTMLFormElement) => {
    const f = Object.fromEntries([...new FormData(form)].filter(([, v]) => v !== '')) as Record<string, string>;
    const body = kind === 'case' ? f : { ...f, ...(f.travelers ? { travelers: Number(f.travelers) } : {}) };
    setBusy(true);
    const a = await staffCall<{ number: string }>(`desk/conversations/${encodeURIComponent(p.conversationId)}/${kind === 'case' ? 'cases' : 'bookings'}`, { method: 'POST', body });
    setBusy(false);
    if (a.kind === 'ok') {
      setSaid({ ok: true, text: fill(kind === 'case' ? cw.caseDone[lang] : cw.bookingDone[lang], { n: a.data.number }) });
      setKind(null);
      p.opened(a.data.number);
    } else setSaid({ ok: false, text: fill(iw.failed[lang], { why: a.kind === 'refused' ? a.error.message : '—' }) });
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
              <select id="ow-service" name="service">
                <option value="">{cw.noService[lang]}</option>
                {choices.services.map((s) => (
                  <option key={s.key} value={s.key}>
                    {s.name[lang]}
                  </option>
                ))}
              </select>
              <label for="ow-date">{cw.date[lang]}</label>
              <input id="ow-date" name="start_date" type="date" />
              <label for="ow-time">{cw.time[lang]}</label>
              <input id="ow-time" name="time" type="time" />
              <label for="ow-people">{cw.people[lang]}</label>
              <input id="ow-people" name="travelers" type="number" min={1} max={500} inputMode="numeric" />
              <label for="ow-notes">{cw.bookingNotes[lang]}</label>
              <textarea id="ow-notes" name="notes" maxLength={2000} />
            </>
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

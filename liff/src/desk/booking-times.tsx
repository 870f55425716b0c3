import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { availability, slotDay } from '../../../core/contracts/sessions.ts';
import { fill, LOCALE, type Lang } from '../kit/i18n.ts';
import { staffCall } from '../kit/staff.ts';
import { cw } from './conversation-words.ts';

/**
 * When the desk's booking is for: a service booked by its sessions offers its sessions with room
 * (`GET …/availability`, what the customer's form reads), one booked in slots the chosen day's
 * free starts (`GET …/slots`), any other a free date and time. The server decides either way.
 */
type Sessions = z.infer<typeof availability>['items'];
type Slots = z.infer<typeof slotDay>['items'];

/** A session as people write it: "อ. 2 ธ.ค. 10:00", "Tue 2 Dec 10:00" (as the chat's buttons name them). */
export function sessionWhen(lang: Lang, date: string, time: string): string {
  const parts = new Intl.DateTimeFormat(LOCALE[lang], { timeZone: 'UTC', weekday: lang === 'th' ? 'narrow' : 'short', day: 'numeric', month: 'short' }).formatToParts(new Date(`${date}T00:00:00Z`));
  const part = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${part('weekday')}${lang === 'th' ? '.' : ''} ${part('day')} ${part('month')} ${time}`;
}

const left = (lang: Lang, n: number) => ` · ${fill(cw.seatsLeft[lang], { n })}`;

/** `reread`: changed after a session was refused as full, so the list says what has room now. */
export function BookingTimes(p: { lang: Lang; service: string; reread: number }) {
  const { lang, service } = p;
  const [sessions, setSessions] = useState<Sessions | null>(null);
  // Booked by session is decided by the first read: a list emptied by a refusal stays a list.
  const [bySession, setBySession] = useState(false);
  const [date, setDate] = useState('');
  const [slots, setSlots] = useState<Slots | null>(null);
  useEffect(() => {
    setSessions(null);
    setBySession(false);
  }, [service]);
  useEffect(() => {
    if (!service) return;
    void staffCall<z.infer<typeof availability>>(`desk/services/${encodeURIComponent(service)}/availability`).then((a) => {
      const items = a.kind === 'ok' ? a.data.items : [];
      setSessions(items);
      if (items.length) setBySession(true);
    });
  }, [service, p.reread]);
  useEffect(() => {
    setSlots(null);
    if (!service || !date || bySession) return;
    // A service not booked in slots answers 409: it keeps the free time box.
    void staffCall<z.infer<typeof slotDay>>(`desk/services/${encodeURIComponent(service)}/slots?date=${date}`).then((a) => setSlots(a.kind === 'ok' ? a.data.items : null));
  }, [service, date, bySession]);

  if (service && sessions === null) return null;
  if (bySession) {
    return (
      <fieldset data-sessions>
        <legend>{cw.session[lang]}</legend>
        {sessions!.length === 0 && <p class="muted">{cw.noSession[lang]}</p>}
        {sessions!.map((s, i) => (
          <label class="choice" key={s.sessionId}>
            <input type="radio" name="session_id" value={s.sessionId} required defaultChecked={i === 0} />
            <span>
              {sessionWhen(lang, s.date, s.time)}
              {s.fewLeft && left(lang, s.seatsLeft)}
            </span>
          </label>
        ))}
      </fieldset>
    );
  }
  const free = slots?.filter((s) => s.free > 0);
  return (
    <>
      <label for="ow-date">{cw.date[lang]}</label>
      <input id="ow-date" name="start_date" type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
      {free ? (
        <fieldset data-slots>
          <legend>{cw.time[lang]}</legend>
          {free.length === 0 && <p class="muted">{cw.noSlot[lang]}</p>}
          {free.map((s) => (
            <label class="choice" key={s.time}>
              <input type="radio" name="time" value={s.time} required />
              <span>
                {`${s.time}–${s.endTime}`}
                {s.free <= 3 && left(lang, s.free)}
              </span>
            </label>
          ))}
        </fieldset>
      ) : (
        <>
          <label for="ow-time">{cw.time[lang]}</label>
          <input id="ow-time" name="time" type="time" />
        </>
      )}
    </>
  );
}

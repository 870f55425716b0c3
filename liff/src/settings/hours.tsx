import { useState } from 'preact/hooks';
import type { BusinessCalendarView } from '../../../core/contracts/business-calendar.ts';
import { day, fill, type Dict, type Lang } from '../kit/i18n.ts';
import { errorsOf, ReadOnlyNote, Screen, type ScreenProps, send, SubmitBar, useLoad, w } from './shared.tsx';

/**
 * Business hours and holidays: the open time SLA clocks count (core/sla/business-calendar.ts,
 * which checks a change before it is stored). Cases opened from then on use the new hours.
 */
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Day = (typeof DAYS)[number];
export type Hours = Partial<Record<Day, [string, string][]>>;

const words = {
  title: { th: 'เวลาทำการและวันหยุด', en: 'Business hours and holidays' },
  hint: { th: 'SLA นับเฉพาะเวลาทำการ ในเขตเวลา {{zone}} เคสที่เปิดหลังบันทึกจะใช้เวลาใหม่', en: 'SLA clocks count open time only, in {{zone}}. Cases opened after saving use the new hours.' },
  always: { th: 'เปิดตลอด 24 ชั่วโมง ทุกวัน', en: 'Open round the clock, every day' },
  closed: { th: 'ปิด', en: 'Closed' },
  from: { th: 'เปิด', en: 'Opens' },
  to: { th: 'ปิด', en: 'Closes' },
  addPeriod: { th: '+ ช่วงเวลา', en: '+ Period' },
  removePeriod: { th: 'ลบช่วงเวลา', en: 'Remove period' },
  holidays: { th: 'วันหยุด (ปิดทั้งวัน)', en: 'Holidays (closed all day)' },
  noHolidays: { th: 'ยังไม่มีวันหยุด', en: 'No holidays yet' },
  holidaysCancel: { th: 'วันหยุดที่เพิ่มจะยกเลิกรอบเรียน/รอบทัวร์ของวันนั้น และแจ้งลูกค้าที่จองไว้', en: 'A holiday added cancels the sessions of that day, and tells the customers booked on them.' },
  checkedIn: { th: 'มีลูกค้าเช็คอินรอบ {{times}} ของวันนี้แล้ว ({{bookings}}) จึงเป็นวันหยุดไม่ได้', en: 'Customers are checked in on the {{times}} session of this day ({{bookings}}): it cannot become a holiday.' },
  addHoliday: { th: 'เพิ่มวันหยุด', en: 'Add a holiday' },
  holidayDate: { th: 'วันที่', en: 'Date' },
  remove: { th: 'ลบ', en: 'Remove' },
  mon: { th: 'จันทร์', en: 'Monday' },
  tue: { th: 'อังคาร', en: 'Tuesday' },
  wed: { th: 'พุธ', en: 'Wednesday' },
  thu: { th: 'พฤหัสบดี', en: 'Thursday' },
  fri: { th: 'ศุกร์', en: 'Friday' },
  sat: { th: 'เสาร์', en: 'Saturday' },
  sun: { th: 'อาทิตย์', en: 'Sunday' },
} satisfies Dict;

type Props = Omit<ScreenProps, 'item'>;

export function Hours(p: Props) {
  const [state, retry, set] = useLoad<BusinessCalendarView>('business-calendar');
  return (
    <Screen lang={p.lang} state={state} retry={retry}>
      {(cal) => <Editor {...p} cal={cal} onSaved={set} />}
    </Screen>
  );
}

const OFFICE: [string, string][] = [['09:00', '18:00']];
/** Monday to Friday, nine to six: where a new set of hours starts. */
export const officeHours = (): Hours => Object.fromEntries(DAYS.slice(0, 5).map((d) => [d, OFFICE]));

function Editor(p: Props & { cal: BusinessCalendarView; onSaved: (c: BusinessCalendarView) => void }) {
  const L = p.lang;
  const ro = !p.canManage;
  const [always, setAlways] = useState(p.cal.hours === null);
  const [hours, setHours] = useState<Hours>(() => (p.cal.hours as Hours | null) ?? officeHours());
  const [holidays, setHolidays] = useState<string[]>(p.cal.holidays);
  const [newHoliday, setNewHoliday] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();
  // A new holiday on a day whose session had check-ins: refused, said under that day.
  const [dayErrors, setDayErrors] = useState<Record<string, string>>({});
  const touch = () => setSaved(false);

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const a = await send<BusinessCalendarView>('PATCH', 'business-calendar', { hours: always ? null : hours, holidays });
    setBusy(false);
    if (a.kind === 'ok') {
      setError(undefined);
      setDayErrors({});
      setSaved(true);
      setHolidays(a.data.holidays);
      p.onSaved(a.data);
    } else {
      const d = a.kind === 'offline' ? undefined : (a.error.details as { reason?: string; sessions?: { sessionId: string; date: string; time: string }[]; bookings?: { number: string; sessionId: string }[] } | undefined);
      const byDay: Record<string, string> = {};
      if (d?.reason === 'sessions_checked_in')
        for (const date of new Set(d.sessions?.map((x) => x.date))) {
          const here = d.sessions!.filter((x) => x.date === date);
          const numbers = (d.bookings ?? []).filter((b) => here.some((x) => x.sessionId === b.sessionId)).map((b) => b.number);
          byDay[date] = fill(words.checkedIn[L], { times: here.map((x) => x.time).join(', '), bookings: numbers.join(', ') });
        }
      setDayErrors(byDay);
      setError(Object.keys(byDay).length ? w.fixFields[L] : errorsOf(a, L)._form);
    }
  };

  return (
    <form onSubmit={save} noValidate>
      <h1>{words.title[L]}</h1>
      <p class="hint">{words.hint[L].replace('{{zone}}', p.cal.timeZone)}</p>
      {ro && <ReadOnlyNote lang={L} me={p.me} who={['admin']} />}
      <section class="card">
        <label class="choice compact" for="h-always">
          <input
            id="h-always"
            type="checkbox"
            checked={always}
            disabled={ro}
            onChange={(e) => {
              setAlways((e.target as HTMLInputElement).checked);
              touch();
            }}
          />
          <span>{words.always[L]}</span>
        </label>
        {!always && <WeekEditor lang={L} readOnly={ro} hours={hours} onChange={(h) => (setHours(h), touch())} />}
      </section>

      <section class="card" aria-labelledby="holidays">
        <h2 id="holidays">{words.holidays[L]}</h2>
        <p class="hint">{words.holidaysCancel[L]}</p>
        {holidays.length === 0 && <p class="muted">{words.noHolidays[L]}</p>}
        <ul class="list">
          {holidays.map((h) => (
            <li class="row" key={h} data-holiday={h}>
              <span>
                {day(L, h)}
                {dayErrors[h] && (
                  <span class="error block" role="alert">
                    {dayErrors[h]}
                  </span>
                )}
              </span>
              {!ro && (
                <button
                  type="button"
                  class="quiet small-button"
                  aria-label={`${words.remove[L]} ${day(L, h)}`}
                  onClick={() => {
                    setHolidays(holidays.filter((x) => x !== h));
                    touch();
                  }}
                >
                  {words.remove[L]}
                </button>
              )}
            </li>
          ))}
        </ul>
        {!ro && (
          <div class="period">
            <label class="visually-hidden" for="h-new">
              {words.holidayDate[L]}
            </label>
            <input id="h-new" type="date" value={newHoliday} onInput={(e) => setNewHoliday((e.target as HTMLInputElement).value)} />
            <button
              type="button"
              class="quiet small-button"
              onClick={() => {
                if (newHoliday && !holidays.includes(newHoliday)) setHolidays([...holidays, newHoliday].sort());
                setNewHoliday('');
                touch();
              }}
            >
              {words.addHoliday[L]}
            </button>
          </div>
        )}
      </section>

      <SubmitBar lang={L} busy={busy} readOnly={ro} saved={saved} error={error} />
    </form>
  );
}

/** Open periods per weekday, edited in place: the org's business hours, and a service's own. */
export function WeekEditor(p: { lang: Lang; readOnly: boolean; hours: Hours; onChange: (h: Hours) => void; idPrefix?: string }) {
  const L = p.lang;
  const ro = p.readOnly;
  const hours = p.hours;
  const setPeriod = (d: Day, i: number, end: 0 | 1, value: string) => {
    const periods = (hours[d] ?? []).map((x) => [...x] as [string, string]);
    periods[i][end] = value;
    p.onChange({ ...hours, [d]: periods });
  };
  return (
    <>
      {DAYS.map((d) => {
        const periods = hours[d] ?? [];
        return (
          <fieldset class="day" key={d} data-day={d}>
            <legend class="visually-hidden">{words[d][L]}</legend>
            <span aria-hidden="true">{words[d][L]}</span>
            <div class="periods">
              {periods.length === 0 && <span class="muted">{words.closed[L]}</span>}
              {periods.map((period, i) => (
                <div class="period" key={i}>
                  <input type="time" aria-label={`${words[d][L]} ${words.from[L]}`} value={period[0]} disabled={ro} onInput={(e) => setPeriod(d, i, 0, (e.target as HTMLInputElement).value)} />
                  <span aria-hidden="true">–</span>
                  <input type="time" aria-label={`${words[d][L]} ${words.to[L]}`} value={period[1] === '24:00' ? '23:59' : period[1]} disabled={ro} onInput={(e) => setPeriod(d, i, 1, (e.target as HTMLInputElement).value)} />
                  {!ro && (
                    <button type="button" class="quiet small-button" aria-label={`${words.removePeriod[L]} ${words[d][L]}`} onClick={() => p.onChange({ ...hours, [d]: periods.filter((_, j) => j !== i) })}>
                      ×
                    </button>
                  )}
                </div>
              ))}
              {!ro && (
                <button
                  type="button"
                  class="quiet small-button"
                  aria-label={`${words.addPeriod[L]} ${words[d][L]}`}
                  onClick={() => p.onChange({ ...hours, [d]: [...periods, periods.length ? ['13:00', '18:00'] : ['09:00', '18:00']] })}
                >
                  {words.addPeriod[L]}
                </button>
              )}
            </div>
          </fieldset>
        );
      })}
    </>
  );
}

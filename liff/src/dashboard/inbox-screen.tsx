import type { z } from 'zod';
import type { inboxReport } from '../../../core/contracts/analytics.ts';
import { API, useReport } from './data.ts';
import { duration, n, Num, pct, Report, Section, Stat } from './parts.tsx';
import { w } from './words.ts';
import type { ScreenProps } from './screens.tsx';

/**
 * The inbox figures (`/dashboard/inbox`, docs/analytics.md "Inbox"): the bot alone against a
 * person, waiting now, first- and next-response times in business minutes, breaches, each staff
 * member by name. Every count opens the conversations behind it (DrillScreen).
 */
type InboxReport = z.infer<typeof inboxReport>;
type Clock = InboxReport['firstResponse'];

export function InboxScreen(p: ScreenProps) {
  // The inbox figures take the period, not the case filters.
  const q = new URLSearchParams(p.query);
  for (const k of [...q.keys()]) if (!['preset', 'from', 'to'].includes(k)) q.delete(k);
  const path = `${API}/inbox${q.size ? `?${q}` : ''}`;
  const [state, retry] = useReport<InboxReport>(path);
  const clock = (id: string, title: string, c: Clock) => (
    <Section id={id} title={title}>
      <div class="grid">
        <Stat lang={p.lang} label={w.answered} f={c.answered} />
        <Stat lang={p.lang} label={w.median} value={duration(p.lang, c.medianBusinessMinutes)} />
        <Stat lang={p.lang} label={w.p90} value={duration(p.lang, c.p90BusinessMinutes)} />
        <Stat lang={p.lang} label={w.onTime} value={pct(p.lang, c.metRate)} tone={c.metRate === null ? 'info' : c.metRate >= 0.9 ? 'ok' : c.metRate >= 0.7 ? 'wait' : 'bad'} />
        <Stat lang={p.lang} label={w.late} f={c.breached} tone={c.breached.value ? 'bad' : 'ok'} />
      </div>
    </Section>
  );
  return (
    <Report lang={p.lang} state={state} retry={retry} csv={{ path, tables: ['summary', 'staff'], name: 'inbox' }}>
      {(r) => (
        <>
          <div class="grid">
            <Stat lang={p.lang} label={w.conversations} f={r.conversations} />
            <Stat lang={p.lang} label={w.botAlone} f={r.botAlone} />
            <Stat lang={p.lang} label={w.byPerson} f={r.byPerson} />
            <Stat lang={p.lang} label={w.containment} value={pct(p.lang, r.containmentRate)} tone="info" />
            <Stat lang={p.lang} label={w.waitingNow} f={r.waitingNow} tone={r.waitingNow.value ? 'wait' : 'ok'} />
          </div>
          <p class="muted small">{w.businessTime[p.lang]}</p>
          {clock('first-response', w.firstResponse[p.lang], r.firstResponse)}
          {clock('next-response', w.nextResponse[p.lang], r.nextResponse)}
          <Section id="inbox-staff" title={w.people[p.lang]}>
            {r.byStaff.length === 0 ? (
              <p class="muted">{w.noFigures[p.lang]}</p>
            ) : (
              <div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{w.staff[p.lang]}</th>
                      <th scope="col" class="num">{w.firstResponse[p.lang]}</th>
                      <th scope="col" class="num">{w.median[p.lang]}</th>
                      <th scope="col" class="num">{w.nextResponse[p.lang]}</th>
                      <th scope="col" class="num">{w.median[p.lang]}</th>
                      <th scope="col" class="num">{w.late[p.lang]}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.byStaff.map((s) => (
                      <tr key={s.staffId}>
                        <th scope="row">{s.name}</th>
                        <td class="num">
                          <Num lang={p.lang} f={s.firstResponse.answered} label={`${s.name}, ${w.firstResponse[p.lang]}`} />
                        </td>
                        <td class="num">{duration(p.lang, s.firstResponse.medianBusinessMinutes)}</td>
                        <td class="num">
                          <Num lang={p.lang} f={s.nextResponse.answered} label={`${s.name}, ${w.nextResponse[p.lang]}`} />
                        </td>
                        <td class="num">{duration(p.lang, s.nextResponse.medianBusinessMinutes)}</td>
                        <td class="num">{n(p.lang, s.firstResponse.breached.value! + s.nextResponse.breached.value!)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Section>
        </>
      )}
    </Report>
  );
}

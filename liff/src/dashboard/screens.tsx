import { useEffect, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { bookingsReport, sessionsReport, ceoView, drillResult, bookingsDrillResult, inboxDrillResult, providerRiskPart, queueReport, slaReport, staffPerformance, timeTracking } from '../../../core/contracts/analytics.ts';
import { label } from '../kit/names.ts';
import { rootCauseNames } from '../kit/root-cause-names.ts';
import type { myPerformance } from '../../../core/contracts/liff-staff.ts';
import { fill, when, type Lang } from '../kit/i18n.ts';
import { Badge } from '../kit/ui.tsx';
import { API, followLive, useNames, useReport, type DashboardNames, type Figure } from './data.ts';
import { Bar, duration, n, Num, pct, Report, Section, signed, Stat } from './parts.tsx';
import { bottleneckWhy, providerRiskWhy, topPerformerWhy } from './why.ts';
import { averageWords, bucketWords, channelWords, inboxStatusWords, severityWords, statusWords, w } from './words.ts';

/** The dashboard's screens, each one report of the analytics API (api/liff/dashboard-api.ts). */
export interface ScreenProps {
  lang: Lang;
  /** The period and filters, as the API takes them (`preset=last_7_days&severity=high`). */
  query: string;
}

const SEVERITIES = ['critical', 'high', 'normal', 'low'] as const;
const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);

// ------------------------------------------------------------------------------ live queue

export function QueueScreen(p: ScreenProps) {
  const [tick, setTick] = useState(0);
  const [live, setLive] = useState(false);
  const path = withQuery(`${API}/queue`, p.query);
  const [state, retry] = useReport<z.infer<typeof queueReport>>(path, tick);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Bursts of changes become one read a second later.
    const stop = followLive(
      () => {
        clearTimeout(timer);
        timer = setTimeout(() => setTick((t) => t + 1), 1000);
      },
      setLive,
    );
    // Without the stream, read again every 30 seconds.
    const poll = setInterval(() => !liveRef.current && setTick((t) => t + 1), 30_000);
    return () => {
      stop();
      clearInterval(poll);
      clearTimeout(timer);
    };
  }, []);
  const liveRef = useRef(live);
  liveRef.current = live;
  return (
    <Report lang={p.lang} state={state} retry={retry} csv={{ path, tables: ['byStatus', 'summary'], name: 'queue' }} note={<> · <Badge tone={live ? 'ok' : 'info'}>{live ? w.live[p.lang] : w.refreshing[p.lang]}</Badge></>}>
      {(q) => (
        <>
          <div class="grid">
            <Stat lang={p.lang} label={w.open} f={q.open} tone="info" />
            <Stat lang={p.lang} label={w.unassigned} f={q.unassigned} tone={q.unassigned.value ? 'wait' : 'ok'} />
            <Stat lang={p.lang} label={w.breachingSoon} f={q.breachingSoon} tone={q.breachingSoon.value ? 'wait' : 'ok'} />
            <Stat lang={p.lang} label={w.breached} f={q.breached} tone={q.breached.value ? 'bad' : 'ok'} />
          </div>
          {q.oldestOpenMinutes !== null && <p class="muted small">{fill(w.oldest[p.lang], { time: duration(p.lang, q.oldestOpenMinutes) })}</p>}
          <Section id="by-status" title={w.byStatus[p.lang]}>
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{w.status[p.lang]}</th>
                    <th scope="col" class="num">
                      {w.total[p.lang]}
                    </th>
                    {SEVERITIES.map((s) => (
                      <th scope="col" class="num" key={s}>
                        {severityWords[s][p.lang]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {q.byStatus.map((row) => (
                    <tr key={row.status}>
                      <th scope="row">{statusWords[row.status][p.lang]}</th>
                      <td class="num">
                        <Num lang={p.lang} f={row.cases} label={statusWords[row.status][p.lang]} />
                      </td>
                      {SEVERITIES.map((s) => (
                        <td class="num" key={s}>
                          <Num lang={p.lang} f={row.bySeverity[s]} label={`${statusWords[row.status][p.lang]}, ${severityWords[s][p.lang]}`} />
                        </td>
                      ))}
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{w.total[p.lang]}</th>
                    <td class="num">
                      <Num lang={p.lang} f={q.open} label={w.total[p.lang]} />
                    </td>
                    {SEVERITIES.map((s) => (
                      <td class="num" key={s}>
                        <Num lang={p.lang} f={q.bySeverity[s]} label={`${w.total[p.lang]}, ${severityWords[s][p.lang]}`} />
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </div>
          </Section>
        </>
      )}
    </Report>
  );
}

// ------------------------------------------------------------------------------ SLA

/** A chart of the trend, drawn by uPlot once its module has loaded (only this screen loads it), with the same numbers as a table. */
function TrendChart(p: { lang: Lang; labels: string[]; series: { label: string; values: (number | null)[]; color: string; percent?: boolean }[]; summary: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let undo: (() => void) | undefined;
    let gone = false;
    void import('./chart.ts').then((m) => {
      if (!gone && box.current) undo = m.drawChart(box.current, p.labels, p.series);
    });
    return () => {
      gone = true;
      undo?.();
    };
  }, [p.labels.join(), JSON.stringify(p.series)]);
  return <div class="chart" ref={box} role="img" aria-label={p.summary} />;
}

export function SlaScreen(p: ScreenProps) {
  const path = withQuery(`${API}/sla`, p.query);
  const [state, retry] = useReport<z.infer<typeof slaReport>>(path);
  const clock = (title: string, c: z.infer<typeof slaReport>['firstResponse'], id: string) => (
    <Section id={id} title={title}>
      <div class="grid">
        <Stat lang={p.lang} label={w.compliance} value={pct(p.lang, c.complianceRate)} tone={c.complianceRate === null ? 'info' : c.complianceRate >= 0.9 ? 'ok' : c.complianceRate >= 0.7 ? 'wait' : 'bad'} />
        <Stat lang={p.lang} label={w.met} f={c.met} />
        <Stat lang={p.lang} label={w.missed} f={c.missed} tone={c.missed.value ? 'bad' : undefined} />
        <Stat lang={p.lang} label={w.pending} f={c.pending} />
      </div>
      <p class="muted small">
        {w.average[p.lang]} {duration(p.lang, c.averageMinutes)} · {w.p90[p.lang]} {duration(p.lang, c.p90Minutes)}
      </p>
    </Section>
  );
  return (
    <Report lang={p.lang} state={state} retry={retry} csv={{ path, tables: ['trend', 'clocks'], name: 'sla' }}>
      {(r) => (
        <>
          <div class="grid">
            <Stat lang={p.lang} label={w.cases} f={r.cases} />
            <Stat lang={p.lang} label={w.openBreaches} f={r.openBreachesNow} tone={r.openBreachesNow.value ? 'bad' : 'ok'} />
          </div>
          <Section id="trend" title={w.trend[p.lang]}>
            <TrendChart
              lang={p.lang}
              labels={r.trend.map((t) => t.bucket.slice(5))}
              series={[
                { label: w.compliance[p.lang], values: r.trend.map((t) => (t.complianceRate === null ? null : Math.round(t.complianceRate * 1000) / 10)), color: '--info-text', percent: true },
                { label: w.within[p.lang], values: r.trend.map((t) => t.met), color: '--ok-text' },
                { label: w.outside[p.lang], values: r.trend.map((t) => t.missed), color: '--bad-text' },
              ]}
              summary={`${w.chartLabel[p.lang]}: ${r.trend.map((t) => `${t.bucket} ${pct(p.lang, t.complianceRate)}`).join(', ')}`}
            />
            <details>
              <summary>{w.asTable[p.lang]}</summary>
              <div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{w.bucket[p.lang]}</th>
                      <th scope="col" class="num">{w.cases[p.lang]}</th>
                      <th scope="col" class="num">{w.within[p.lang]}</th>
                      <th scope="col" class="num">{w.outside[p.lang]}</th>
                      <th scope="col" class="num">{w.compliance[p.lang]}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.trend.map((t) => (
                      <tr key={t.bucket}>
                        <th scope="row">{t.bucket}</th>
                        <td class="num">
                          <Num lang={p.lang} f={t.cases} label={t.bucket} />
                        </td>
                        <td class="num">{n(p.lang, t.met)}</td>
                        <td class="num">{n(p.lang, t.missed)}</td>
                        <td class="num">{pct(p.lang, t.complianceRate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </Section>
          {clock(w.firstResponse[p.lang], r.firstResponse, 'first-response')}
          {clock(w.resolution[p.lang], r.resolution, 'resolution')}
        </>
      )}
    </Report>
  );
}

// ------------------------------------------------------------------------------ time tracking

export function TimeScreen(p: ScreenProps) {
  const path = withQuery(`${API}/time-tracking`, p.query);
  const [state, retry] = useReport<z.infer<typeof timeTracking>>(path);
  return (
    <Report lang={p.lang} state={state} retry={retry} csv={{ path, tables: ['buckets', 'cases'], name: 'time-tracking' }}>
      {(t) => (
        <>
          <div class="grid">
            <Stat lang={p.lang} label={w.cases} f={t.cases} />
          </div>
          <Section id="where" title={w.whereTime[p.lang]}>
            <ul class="list">
              {t.whereTheTimeWent.map((b) => (
                <li key={b.bucket} class="line">
                  <div class="row">
                    <strong>{bucketWords[b.bucket]?.[p.lang] ?? b.bucket}</strong>
                    <span>
                      {pct(p.lang, b.share)} · {duration(p.lang, b.business)}
                    </span>
                  </div>
                  <Bar share={b.share} tone={b.bucket.startsWith('waiting') ? 'wait' : 'info'} label={`${bucketWords[b.bucket]?.[p.lang] ?? b.bucket} ${pct(p.lang, b.share)}`} />
                  <div class="muted small">
                    {w.cases[p.lang]}: <Num lang={p.lang} f={b.cases} label={`${bucketWords[b.bucket]?.[p.lang] ?? b.bucket}, ${w.cases[p.lang]}`} />
                  </div>
                </li>
              ))}
            </ul>
          </Section>
          <Section id="averages" title={w.averages[p.lang]}>
            <dl class="facts">
              {Object.entries(t.averages).map(([k, v]) => (
                <div class="row" key={k}>
                  <dt class="muted">{label(averageWords, k, p.lang)}</dt>
                  <dd>{duration(p.lang, v.business)}</dd>
                </div>
              ))}
            </dl>
          </Section>
        </>
      )}
    </Report>
  );
}

// ------------------------------------------------------------------------------ satisfaction (CSAT)

interface CsatFigures {
  asked: number;
  answered: number;
  responseRate: number | null;
  averageScore: number | null;
  csatScore: number | null;
  drill: string;
}
interface Csat {
  asked: Figure;
  answered: Figure;
  responseRate: number | null;
  averageScore: number | null;
  csatScore: number | null;
  unsatisfied: Figure;
  distribution: { score: number; answers: number }[];
  byStaff: (CsatFigures & { staffId: string; name: string })[];
  byCaseType: (CsatFigures & { caseType: string })[];
  comments: { number: string; caseType: string; staffName: string | null; score: number | null; comment: string; ratedAt: string | null }[];
  commentsTruncated: boolean;
}

/** A low score is 1 or 2 (the report's `unsatisfied`); a comment left without a score is shown with them. */
const LOW_SCORE = 2;

/** One table of CSAT figures, a row per staff member or case type; the answers open the cases behind them. */
function CsatTable(p: { lang: Lang; head: string; rows: (CsatFigures & { key: string; name: string })[] }) {
  if (p.rows.length === 0) return <p class="muted">{w.noFigures[p.lang]}</p>;
  return (
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{p.head}</th>
            <th scope="col" class="num">{w.answered[p.lang]}</th>
            <th scope="col" class="num">{w.responseRate[p.lang]}</th>
            <th scope="col" class="num">{w.averageScore[p.lang]}</th>
            <th scope="col" class="num">CSAT</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              <td class="num">
                <Num lang={p.lang} f={{ value: r.answered, drill: r.drill }} label={`${r.name}, ${w.answered[p.lang]}`} />
              </td>
              <td class="num">{pct(p.lang, r.responseRate)}</td>
              <td class="num">{n(p.lang, r.averageScore, 1)}</td>
              <td class="num">{pct(p.lang, r.csatScore)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CsatScreen(p: ScreenProps) {
  const names = useNames();
  const path = withQuery(`${API}/csat`, p.query);
  const [state, retry] = useReport<Csat>(path);
  return (
    <Report lang={p.lang} state={state} retry={retry} csv={{ path, tables: ['byStaff', 'byCaseType', 'trend', 'comments'], name: 'csat' }}>
      {(r) => {
        const most = Math.max(1, ...r.distribution.map((d) => d.answers));
        const low = r.comments.filter((c) => c.score === null || c.score <= LOW_SCORE);
        return (
          <>
            <div class="grid">
              <Stat lang={p.lang} label={w.csatScore} value={pct(p.lang, r.csatScore)} tone={r.csatScore === null ? 'info' : r.csatScore >= 0.8 ? 'ok' : r.csatScore >= 0.6 ? 'wait' : 'bad'} />
              <Stat lang={p.lang} label={w.averageScore} value={r.averageScore === null ? '–' : `${n(p.lang, r.averageScore, 1)} / 5`} />
              <Stat lang={p.lang} label={w.responseRate} value={pct(p.lang, r.responseRate)} />
              <Stat lang={p.lang} label={w.asked} f={r.asked} />
              <Stat lang={p.lang} label={w.answered} f={r.answered} />
              <Stat lang={p.lang} label={w.unsatisfied} f={r.unsatisfied} tone={r.unsatisfied.value ? 'bad' : undefined} />
            </div>
            <Section id="distribution" title={w.distribution[p.lang]}>
              <ul class="list">
                {[...r.distribution].reverse().map((d) => (
                  <li class="line" key={d.score}>
                    <div class="row">
                      <strong>{fill(w.stars[p.lang], { n: d.score })}</strong>
                      <span>{fill(w.answers[p.lang], { n: n(p.lang, d.answers) })}</span>
                    </div>
                    <Bar share={d.answers / most} tone={d.score >= 4 ? 'ok' : d.score <= LOW_SCORE ? 'bad' : 'wait'} label={`${fill(w.stars[p.lang], { n: d.score })}: ${n(p.lang, d.answers)}`} />
                  </li>
                ))}
              </ul>
            </Section>
            <Section id="csat-staff" title={w.byStaffCsat[p.lang]}>
              <CsatTable lang={p.lang} head={w.person[p.lang]} rows={r.byStaff.map((x) => ({ ...x, key: x.staffId, name: x.name }))} />
            </Section>
            <Section id="csat-types" title={w.byCaseType[p.lang]}>
              <CsatTable lang={p.lang} head={w.caseType[p.lang]} rows={r.byCaseType.map((x) => ({ ...x, key: x.caseType, name: label(names.caseTypes, x.caseType, p.lang) }))} />
            </Section>
            <Section id="low-scores" title={w.lowScores[p.lang]}>
              <ul class="list">
                {low.length === 0 && <li class="muted">{w.none[p.lang]}</li>}
                {low.map((c) => (
                  <li class="card line edge-bad" key={c.number}>
                    <a href={`/liff/desk/case/${encodeURIComponent(c.number)}`} aria-label={fill(w.openCase[p.lang], { n: c.number })}>
                      <strong>{c.score === null ? c.number : fill(w.lowScore[p.lang], { n: c.score, number: c.number })}</strong>
                    </a>
                    <p class="comment">“{c.comment}”</p>
                    <div class="muted small">
                      {label(names.caseTypes, c.caseType, p.lang)} · {c.staffName ?? w.nobodyOwns[p.lang]}
                      {c.ratedAt ? ` · ${when(p.lang, c.ratedAt)}` : ''}
                    </div>
                  </li>
                ))}
              </ul>
              {r.commentsTruncated && <p class="muted small">{w.commentsCut[p.lang]}</p>}
            </Section>
          </>
        );
      }}
    </Report>
  );
}

// ------------------------------------------------------------------------------ staff performance

type StaffRow = z.infer<typeof staffPerformance>['staff'][number];
const PARTS = ['sla', 'speed', 'load', 'customerImpact'] as const;

function ScoreParts(p: { lang: Lang; row: StaffRow }) {
  return (
    <ul class="list parts" aria-label={w.parts[p.lang]}>
      {PARTS.map((k) => {
        const part = p.row.parts[k];
        const name = w[`part_${k}`][p.lang];
        return (
          <li key={k}>
            <div class="row small">
              <span>{name}</span>
              <span>{part.value === null ? w.notMeasured[p.lang] : fill(w.points[p.lang], { points: n(p.lang, part.points, 1), weight: part.weight })}</span>
            </div>
            <Bar share={part.value === null ? 0 : part.points / Math.max(1, part.weight)} tone="ok" label={`${name}: ${part.value === null ? w.notMeasured[p.lang] : `${n(p.lang, part.points, 1)} / ${part.weight}`}`} />
          </li>
        );
      })}
    </ul>
  );
}

function StaffCard(p: { lang: Lang; row: StaffRow }) {
  const r = p.row;
  return (
    <li class="card" key={r.staffId}>
      <div class="row">
        <strong>{r.name}</strong>
        <span class="big-score" aria-label={`${w.score[p.lang]} ${r.score}`}>
          {n(p.lang, r.score, 1)}
        </span>
      </div>
      <div class="muted small">
        {w.change[p.lang]}: {signed(p.lang, r.change.score)}
      </div>
      <ScoreParts lang={p.lang} row={r} />
      <dl class="facts small">
        <div class="row">
          <dt>{w.casesTaken[p.lang]}</dt>
          <dd>
            <Num lang={p.lang} f={r.casesTaken} label={`${r.name}, ${w.casesTaken[p.lang]}`} />
          </dd>
        </div>
        <div class="row">
          <dt>{w.casesOwned[p.lang]}</dt>
          <dd>
            <Num lang={p.lang} f={r.casesOwned} label={`${r.name}, ${w.casesOwned[p.lang]}`} />
          </dd>
        </div>
        <div class="row">
          <dt>{w.withinSla[p.lang]}</dt>
          <dd>{pct(p.lang, r.withinSlaRate)}</dd>
        </div>
        <div class="row">
          <dt>{w.avgResponse[p.lang]}</dt>
          <dd>{duration(p.lang, r.averageResponseMinutes)}</dd>
        </div>
        <div class="row">
          <dt>{w.avgResolution[p.lang]}</dt>
          <dd>{duration(p.lang, r.averageResolutionMinutes)}</dd>
        </div>
        <div class="row">
          <dt>{w.critical[p.lang]}</dt>
          <dd>
            <Num lang={p.lang} f={r.criticalHandled} label={`${r.name}, ${w.critical[p.lang]}`} />
          </dd>
        </div>
      </dl>
    </li>
  );
}

export function StaffScreen(p: ScreenProps) {
  const path = withQuery(`${API}/staff-performance`, p.query);
  const [state, retry] = useReport<z.infer<typeof staffPerformance>>(path);
  return (
    <Report lang={p.lang} state={state} retry={retry} csv={{ path, tables: ['staff'], name: 'staff-performance' }}>
      {(r) => (
        <>
          {r.bottlenecks.length > 0 && (
            <Section id="bottlenecks" title={w.bottlenecks[p.lang]}>
              <ul class="list">
                {r.bottlenecks.map((b) => (
                  <li class="card edge-bad" key={b.staffId + b.kind}>
                    <strong>{b.name}</strong>: {bottleneckWhy(p.lang, b)}{' '}
                    <Num lang={p.lang} f={{ value: null, drill: b.drill }} />
                  </li>
                ))}
              </ul>
            </Section>
          )}
          <Section id="people" title={w.people[p.lang]}>
            {r.staff.length === 0 && <p class="muted">{w.noFigures[p.lang]}</p>}
            <ul class="list cards">
              {r.staff.map((row) => (
                <StaffCard lang={p.lang} row={row} key={row.staffId} />
              ))}
            </ul>
          </Section>
        </>
      )}
    </Report>
  );
}

export function MeScreen(p: ScreenProps) {
  const path = withQuery(`${API}/me`, p.query);
  const [state, retry] = useReport<z.infer<typeof myPerformance>>(path);
  return (
    <Report lang={p.lang} state={state} retry={retry}>
      {(r) => (r.me ? <ul class="list cards"><StaffCard lang={p.lang} row={r.me} /></ul> : <p class="muted">{w.noFigures[p.lang]}</p>)}
    </Report>
  );
}

// ------------------------------------------------------------------------------ providers, system debt, abuse

interface ProviderRow {
  provider: string;
  name: string;
  paused: boolean;
  cases: Figure;
  providerFault: Figure;
  refunded: Figure;
  cancelled: Figure;
  faultRate: number | null;
  resolutionMissedRate: number | null;
  averageResolutionMinutes: number | null;
  riskLevel: 'high' | 'medium' | 'low';
  riskParts: z.infer<typeof providerRiskPart>[];
  repeatedProblem: { caseType: string; times: number; drill: string } | null;
}
const riskTone = { high: 'bad', medium: 'wait', low: 'ok' } as const;

export function ProvidersScreen(p: ScreenProps) {
  const names = useNames();
  const path = withQuery(`${API}/providers`, p.query);
  const [state, retry] = useReport<{ providers: ProviderRow[] }>(path);
  return (
    <Report lang={p.lang} state={state} retry={retry} csv={{ path, tables: ['providers'], name: 'providers' }}>
      {(r) => (
        <ul class="list cards">
          {r.providers.length === 0 && <li class="muted">{w.noFigures[p.lang]}</li>}
          {r.providers.map((v) => (
            <li class={`card edge-${riskTone[v.riskLevel]}`} key={v.provider}>
              <div class="row">
                <strong>{v.name}</strong>
                <span>
                  {v.paused && <Badge tone="wait">{w.paused[p.lang]}</Badge>} <Badge tone={riskTone[v.riskLevel]}>{`${w.risk[p.lang]}: ${w[`risk_${v.riskLevel}`][p.lang]}`}</Badge>
                </span>
              </div>
              {v.riskParts.length > 0 && (
                <ul class="small">
                  {v.riskParts.map((x) => (
                    <li key={x.rule}>{providerRiskWhy(p.lang, x)}</li>
                  ))}
                </ul>
              )}
              {v.repeatedProblem && (
                <p class="small">
                  {fill(w.repeated[p.lang], { type: label(names.caseTypes, v.repeatedProblem.caseType, p.lang), times: v.repeatedProblem.times })} <Num lang={p.lang} f={{ value: v.repeatedProblem.times, drill: v.repeatedProblem.drill }} label={label(names.caseTypes, v.repeatedProblem.caseType, p.lang)} />
                </p>
              )}
              <dl class="facts small">
                <div class="row">
                  <dt>{w.cases[p.lang]}</dt>
                  <dd>
                    <Num lang={p.lang} f={v.cases} label={`${v.name}, ${w.cases[p.lang]}`} />
                  </dd>
                </div>
                <div class="row">
                  <dt>{w.providerFault[p.lang]}</dt>
                  <dd>
                    <Num lang={p.lang} f={v.providerFault} label={`${v.name}, ${w.providerFault[p.lang]}`} /> ({pct(p.lang, v.faultRate)})
                  </dd>
                </div>
                <div class="row">
                  <dt>{w.refunded[p.lang]}</dt>
                  <dd>
                    <Num lang={p.lang} f={v.refunded} label={`${v.name}, ${w.refunded[p.lang]}`} />
                  </dd>
                </div>
                <div class="row">
                  <dt>{w.cancelled[p.lang]}</dt>
                  <dd>
                    <Num lang={p.lang} f={v.cancelled} label={`${v.name}, ${w.cancelled[p.lang]}`} />
                  </dd>
                </div>
                <div class="row">
                  <dt>{w.avgResolution[p.lang]}</dt>
                  <dd>{duration(p.lang, v.averageResolutionMinutes)}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Report>
  );
}

interface DebtItem {
  caseType: string;
  rootCause: string;
  severity: string;
  count: Figure;
  costHours: number;
  customersAffected: number;
  status: 'open' | 'stopped';
}

/** A system-debt item or root cause by its names: "Top-up not credited · User error". */
const debtName = (names: DashboardNames, lang: Lang, i: { caseType: string; rootCause: string }) => `${label(names.caseTypes, i.caseType, lang)} · ${label(rootCauseNames, i.rootCause, lang)}`;

export function DebtScreen(p: ScreenProps) {
  const names = useNames();
  const path = withQuery(`${API}/system-debt`, p.query);
  const [state, retry] = useReport<{ items: DebtItem[]; rootCauses: { caseType: string; rootCause: string; cases: Figure }[] }>(path);
  return (
    <Report lang={p.lang} state={state} retry={retry} csv={{ path, tables: ['items', 'rootCauses'], name: 'system-debt' }}>
      {(r) => (
        <>
          <ul class="list cards">
            {r.items.length === 0 && <li class="muted">{w.noFigures[p.lang]}</li>}
            {r.items.map((i) => (
              <li class={`card edge-${i.status === 'open' ? 'bad' : 'ok'}`} key={i.caseType + i.rootCause}>
                <div class="row">
                  <strong>{debtName(names, p.lang, i)}</strong>
                  <Badge tone={i.status === 'open' ? 'bad' : 'ok'}>{i.status === 'open' ? w.stillOpen[p.lang] : w.stopped[p.lang]}</Badge>
                </div>
                <dl class="facts small">
                  <div class="row">
                    <dt>{w.count[p.lang]}</dt>
                    <dd>
                      <Num lang={p.lang} f={i.count} label={debtName(names, p.lang, i)} />
                    </dd>
                  </div>
                  <div class="row">
                    <dt>{w.severity[p.lang]}</dt>
                    <dd>{severityWords[i.severity]?.[p.lang] ?? i.severity}</dd>
                  </div>
                  <div class="row">
                    <dt>{w.costHours[p.lang]}</dt>
                    <dd>{n(p.lang, i.costHours, 1)}</dd>
                  </div>
                  <div class="row">
                    <dt>{w.customersAffected[p.lang]}</dt>
                    <dd>{n(p.lang, i.customersAffected)}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
          <Section id="root-causes" title={w.rootCauses[p.lang]}>
            <div class="scroll">
              <table>
                <tbody>
                  {r.rootCauses.map((c) => (
                    <tr key={c.caseType + c.rootCause}>
                      <th scope="row">{debtName(names, p.lang, c)}</th>
                      <td class="num">
                        <Num lang={p.lang} f={c.cases} label={debtName(names, p.lang, c)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
        </>
      )}
    </Report>
  );
}

export function AbuseScreen(p: ScreenProps) {
  const path = withQuery(`${API}/abuse`, p.query);
  const [state, retry] = useReport<{ peers: { customers: number; averageCases: number }; flagged: { contactId: string; name: string | null; cases: Figure; refunded: Figure; evidence: string[] }[] }>(path);
  return (
    <Report lang={p.lang} state={state} retry={retry} csv={{ path, tables: ['flagged'], name: 'abuse' }}>
      {(r) => (
        <>
          <p class="muted small">
            {fill(w.peers[p.lang], { n: r.peers.customers, avg: n(p.lang, r.peers.averageCases, 1) })} · {w.neverActed[p.lang]}
          </p>
          <ul class="list cards">
            {r.flagged.length === 0 && <li class="muted">{w.noFigures[p.lang]}</li>}
            {r.flagged.map((f) => (
              <li class="card edge-bad" key={f.contactId}>
                <strong>{f.name ?? f.contactId.slice(0, 8)}</strong>
                <ul class="small">
                  {f.evidence.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
                <div class="small">
                  {w.cases[p.lang]} <Num lang={p.lang} f={f.cases} label={`${f.name ?? ''} ${w.cases[p.lang]}`} /> · {w.refunded[p.lang]} <Num lang={p.lang} f={f.refunded} label={`${f.name ?? ''} ${w.refunded[p.lang]}`} />
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Report>
  );
}

// ------------------------------------------------------------------------------ bookings

/** A booking stage by the org's label for it, else the dashboard's own word. */
const stageName = (names: DashboardNames, lang: Lang, stage: string) => names.stages[stage]?.[lang] ?? (w as Record<string, { th: string; en: string }>)[`stage_${stage}`]?.[lang] ?? label({}, stage, lang);

export function BookingsScreen(p: ScreenProps) {
  const names = useNames();
  // The bookings figures take the period, not the case filters.
  const q = new URLSearchParams(p.query);
  for (const k of [...q.keys()]) if (!['preset', 'from', 'to'].includes(k)) q.delete(k);
  const path = withQuery(`${API}/bookings`, q.toString());
  const [state, retry] = useReport<z.infer<typeof bookingsReport>>(path);
  const [seats] = useReport<z.infer<typeof sessionsReport>>(withQuery(`${API}/sessions`, q.toString()));
  return (
    <Report lang={p.lang} state={state} retry={retry} csv={{ path, tables: ['funnel', 'attribution', 'revenue'], name: 'bookings' }}>
      {(r) => {
        const top = Math.max(1, ...r.funnel.map((f) => f.reached.value ?? 0));
        return (
          <>
            <div class="grid">
              <Stat lang={p.lang} label={w.bookings} f={r.bookings} />
              <Stat lang={p.lang} label={w.conversion} value={pct(p.lang, r.conversionRate)} />
              <Stat lang={p.lang} label={w.lost} f={r.outcomes.lost} />
            </div>
            <Section id="funnel" title={w.funnel[p.lang]}>
              <ul class="list">
                {r.funnel.map((f) => {
                  const name = stageName(names, p.lang, f.stage);
                  return (
                    <li class="line" key={f.stage}>
                      <div class="row">
                        <strong>{name}</strong>
                        <span>
                          <Num lang={p.lang} f={f.reached} label={name} /> {f.conversionFromPrevious !== null && <span class="muted small">({pct(p.lang, f.conversionFromPrevious)})</span>}
                        </span>
                      </div>
                      <Bar share={(f.reached.value ?? 0) / top} tone="info" label={`${name}: ${n(p.lang, f.reached.value)}`} />
                    </li>
                  );
                })}
              </ul>
            </Section>
            {seats.kind === 'shown' && seats.data.totals.sessions > 0 && (
              // Sessions starting in the period (core/analytics/sessions.ts): how full, who came, the waitlist.
              <Section id="sessions" title={w.sessions[p.lang]}>
                <div class="grid">
                  <Stat lang={p.lang} label={w.fillRate} value={pct(p.lang, seats.data.totals.fillRate)} />
                  <Stat lang={p.lang} label={w.noShowRate} value={pct(p.lang, seats.data.totals.noShowRate)} />
                  <Stat lang={p.lang} label={w.waitlistConversion} value={pct(p.lang, seats.data.totals.waitlist.conversionRate)} />
                </div>
              </Section>
            )}
            <Section id="quotes" title={w.quotes[p.lang]}>
              <div class="grid">
                <Stat lang={p.lang} label={w.sent} f={r.quotes.sent} />
                <Stat lang={p.lang} label={w.accepted} f={r.quotes.accepted} />
                <Stat lang={p.lang} label={w.declined} f={r.quotes.declined} />
              </div>
            </Section>
            <Section id="revenue" title={w.revenue[p.lang]}>
              <ul class="list">
                {r.revenue.byCurrency.length === 0 && <li class="muted">{w.none[p.lang]}</li>}
                {r.revenue.byCurrency.map((m) => (
                  <li class="row" key={m.currency}>
                    <strong>{new Intl.NumberFormat(p.lang === 'th' ? 'th-TH' : 'en-GB', { style: 'currency', currency: m.currency }).format(m.amount)}</strong>
                    <Num lang={p.lang} f={m.bookings} label={`${w.revenue[p.lang]} ${m.currency}`} />
                  </li>
                ))}
              </ul>
            </Section>
            {r.attribution.length > 0 && (
              <Section id="attribution" title={w.attribution[p.lang]}>
                <div class="scroll">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{w.source[p.lang]}</th>
                        <th scope="col" class="num">{w.bookings[p.lang]}</th>
                        <th scope="col" class="num">{w.stage_confirmed[p.lang]}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.attribution.map((a) => (
                        <tr key={a.utmSource + a.utmMedium + a.utmCampaign}>
                          <th scope="row">{[a.utmSource, a.utmMedium, a.utmCampaign].join(' / ')}</th>
                          <td class="num">
                            <Num lang={p.lang} f={a.bookings} label={a.utmSource} />
                          </td>
                          <td class="num">
                            <Num lang={p.lang} f={a.confirmed} label={`${a.utmSource} ${w.stage_confirmed[p.lang]}`} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </Section>
            )}
          </>
        );
      }}
    </Report>
  );
}

// ------------------------------------------------------------------------------ CEO

interface Compare {
  now: { cases: number; slaCompliance: number | null; averageResponseMinutes: number | null; averageResolutionMinutes: number | null };
  change: { cases: number; slaCompliance: number | null; averageResponseMinutes: number | null; averageResolutionMinutes: number | null };
}
interface Ceo {
  health: Compare['now'] & { openBreachesNow: Figure; backlog: number; unassigned: number; change: Compare['change'] };
  topSystemDebt: (DebtItem & { change: number })[];
  providersToFix: (z.infer<typeof ceoView>['providersToFix'][number] & { cases: Figure })[];
  team: z.infer<typeof ceoView>['team'];
  thisWeek: Compare;
  thisMonth: Compare;
}

function CompareCard(p: { lang: Lang; title: string; c: Compare }) {
  return (
    <div class="card">
      <h3>{p.title}</h3>
      <dl class="facts small">
        <div class="row">
          <dt>{w.cases[p.lang]}</dt>
          <dd>
            {n(p.lang, p.c.now.cases)} ({signed(p.lang, p.c.change.cases)})
          </dd>
        </div>
        <div class="row">
          <dt>{w.compliance[p.lang]}</dt>
          <dd>
            {pct(p.lang, p.c.now.slaCompliance)} ({signed(p.lang, p.c.change.slaCompliance, true)})
          </dd>
        </div>
        <div class="row">
          <dt>{w.avgResponse[p.lang]}</dt>
          <dd>{duration(p.lang, p.c.now.averageResponseMinutes)}</dd>
        </div>
      </dl>
    </div>
  );
}

export function CeoScreen(p: ScreenProps) {
  const names = useNames();
  const path = withQuery(`${API}/ceo`, p.query);
  const [state, retry] = useReport<Ceo>(path);
  return (
    <Report lang={p.lang} state={state} retry={retry} csv={{ path, tables: ['topSystemDebt', 'providersToFix', 'trends'], name: 'ceo' }}>
      {(r) => (
        <>
          <Section id="health" title={w.health[p.lang]}>
            <div class="grid">
              <Stat lang={p.lang} label={w.compliance} value={pct(p.lang, r.health.slaCompliance)} hint={signed(p.lang, r.health.change.slaCompliance, true)} />
              <Stat lang={p.lang} label={w.openBreaches} f={r.health.openBreachesNow} tone={r.health.openBreachesNow.value ? 'bad' : 'ok'} />
              <Stat lang={p.lang} label={w.backlog} value={n(p.lang, r.health.backlog)} />
              <Stat lang={p.lang} label={w.unassigned} value={n(p.lang, r.health.unassigned)} />
            </div>
          </Section>
          <div class="grid two">
            <CompareCard lang={p.lang} title={w.thisWeek[p.lang]} c={r.thisWeek} />
            <CompareCard lang={p.lang} title={w.thisMonth[p.lang]} c={r.thisMonth} />
          </div>
          <Section id="ceo-debt" title={w.debt[p.lang]}>
            <ul class="list">
              {r.topSystemDebt.length === 0 && <li class="muted">{w.none[p.lang]}</li>}
              {r.topSystemDebt.map((i) => (
                <li class="row line" key={i.caseType + i.rootCause}>
                  <span>{debtName(names, p.lang, i)}</span>
                  <span>
                    <Num lang={p.lang} f={i.count} label={debtName(names, p.lang, i)} /> <span class="muted small">({signed(p.lang, i.change)})</span>
                  </span>
                </li>
              ))}
            </ul>
          </Section>
          <Section id="ceo-providers" title={w.providersToFix[p.lang]}>
            <ul class="list">
              {r.providersToFix.length === 0 && <li class="muted">{w.none[p.lang]}</li>}
              {r.providersToFix.map((v) => (
                <li class="line" key={v.provider}>
                  <div class="row">
                    <strong>{v.name}</strong>
                    <Badge tone={riskTone[v.riskLevel]}>{w[`risk_${v.riskLevel}`][p.lang]}</Badge>
                  </div>
                  <div class="small muted">{v.reasonParts.map((x) => providerRiskWhy(p.lang, x)).join('; ')}</div>
                  <Num lang={p.lang} f={v.cases} label={`${v.name}, ${w.cases[p.lang]}`} />
                </li>
              ))}
            </ul>
          </Section>
          <Section id="ceo-team" title={w.team[p.lang]}>
            <ul class="list">
              {r.team.topPerformers.map((t) => (
                <li class="line" key={t.staffId}>
                  <strong>{t.name}</strong> <span class="muted small">{topPerformerWhy(p.lang, t)}</span>
                </li>
              ))}
              {r.team.bottlenecks.map((b) => (
                <li class="line" key={b.staffId + b.kind}>
                  <strong>{b.name}</strong>: {bottleneckWhy(p.lang, b)} <Num lang={p.lang} f={{ value: null, drill: b.drill }} label={b.name} />
                </li>
              ))}
            </ul>
          </Section>
        </>
      )}
    </Report>
  );
}

// ------------------------------------------------------------------------------ drill-down

/**
 * The cases (or bookings) behind a figure. A case opens in the desk app (`/liff/desk/case/C-…`),
 * a booking on the desk's pipeline (`/liff/desk/booking/B-…`).
 */
const withAfter = (path: string, after: string) => {
  const [base, q = ''] = path.split('?');
  const params = new URLSearchParams(q);
  params.set('after', after);
  return `${base}?${params}`;
};

/** What a drill-down lists, by the path it reads: the bookings, the inbox's conversations, or cases. */
const DRILLS = [
  { path: `${API}/bookings/list`, title: w.drillBookings, table: 'bookings' },
  { path: `${API}/inbox/conversations`, title: w.drillConversations, table: 'conversations' },
  { path: API, title: w.drill, table: 'cases' },
];

export function DrillScreen(p: { lang: Lang; path: string }) {
  const names = useNames();
  const kind = DRILLS.find((d) => p.path.startsWith(d.path))!;
  const [state, retry] = useReport<z.infer<typeof drillResult> | z.infer<typeof bookingsDrillResult> | z.infer<typeof inboxDrillResult>>(p.path);
  return (
    <>
      <h2>{kind.title[p.lang]}</h2>
      <Report lang={p.lang} state={state} retry={retry} csv={{ path: p.path, tables: [kind.table], name: kind.table }}>
        {(r) => (
          <>
            <p class="muted small">
              {n(p.lang, r.count)} · {when(p.lang, r.period.from, false)} – {when(p.lang, new Date(new Date(r.period.to).getTime() - 1).toISOString(), false)}
            </p>
            <ul class="list">
              {r.count === 0 && <li class="muted">{w.none[p.lang]}</li>}
              {'cases' in r &&
                r.cases.map((c) => (
                  <li class="card line" key={c.number}>
                    <a href={`/liff/desk/case/${encodeURIComponent(c.number)}`} aria-label={fill(w.openCase[p.lang], { n: c.number })}>
                      <strong>{c.number}</strong>
                    </a>{' '}
                    <Badge tone={c.status === 'resolved' || c.status === 'closed' ? 'ok' : 'info'}>{statusWords[c.status]?.[p.lang] ?? c.status}</Badge>
                    <div class="muted small">
                      {label(names.caseTypes, c.caseType, p.lang)} · {w.opened[p.lang]} {when(p.lang, c.openedAt)}
                    </div>
                  </li>
                ))}
              {'bookings' in r &&
                r.bookings.map((b) => (
                  <li class="card line" key={b.number}>
                    <a href={`/liff/desk/booking/${encodeURIComponent(b.number)}`}>
                      <strong>{b.number}</strong>
                    </a>{' '}
                    <Badge tone="info">{stageName(names, p.lang, b.stage)}</Badge>
                    <div class="muted small">
                      {label(channelWords, b.source, p.lang)} · {when(p.lang, b.createdAt)}
                    </div>
                  </li>
                ))}
              {'conversations' in r &&
                r.conversations.map((c) => {
                  const name = c.customer ?? w.nameUnknown[p.lang];
                  return (
                    <li class="card line" key={c.id}>
                      <a href={`/liff/desk/conversation/${encodeURIComponent(c.id)}`} aria-label={fill(w.openConversation[p.lang], { name })}>
                        <strong>{name}</strong>
                      </a>{' '}
                      <Badge tone={c.status === 'waiting' ? 'wait' : c.status === 'assigned' || c.status === 'snoozed' ? 'info' : 'ok'}>{inboxStatusWords[c.status]?.[p.lang] ?? c.status}</Badge>
                      <div class="muted small">
                        {channelWords[c.channel]?.[p.lang] ?? c.channel}
                        {c.holder && ` · ${fill(w.heldBy[p.lang], { name: c.holder })}`}
                        {c.lastMessageAt && ` · ${w.lastMessage[p.lang]} ${when(p.lang, c.lastMessageAt)}`}
                      </div>
                    </li>
                  );
                })}
            </ul>
            {'next' in r && typeof r.next === 'string' && (
              <p>
                <a href={`#/drill?path=${encodeURIComponent(withAfter(p.path, r.next))}`}>{w.more[p.lang]}</a>
              </p>
            )}
          </>
        )}
      </Report>
    </>
  );
}

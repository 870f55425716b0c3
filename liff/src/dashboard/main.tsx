import { render } from 'preact';
import type { PeriodPreset } from '../../../core/contracts/analytics.ts';
import { useEffect, useState } from 'preact/hooks';
import { CASE_CATEGORIES, CASE_SOURCES, SEVERITIES } from '../../../core/vocabulary.ts';
import { fill, useLang, type Lang } from '../kit/i18n.ts';
import { prefetch, useStaff, type StaffMe } from '../kit/staff.ts';
import { StaffGate } from '../kit/staff-ui.tsx';
import { lazyScreen, Loading, Page } from '../kit/ui.tsx';
import { API, NamesContext, NO_NAMES, useReport, type DashboardNames } from './data.ts';
import { categoryNames } from '../kit/names.ts';
import './dashboard.css';
import { InboxScreen } from './inbox-screen.tsx';
import { AbuseScreen, BookingsScreen, CeoScreen, CsatScreen, DebtScreen, DrillScreen, MeScreen, ProvidersScreen, QueueScreen, SlaScreen, StaffScreen, TimeScreen, type ScreenProps } from './screens.tsx';
import { channelWords, granularityWords, presetWords, severityWords, w } from './words.ts';

// The API's presets and trend buckets (core/contracts/analytics.ts), by their words: importing the contract would bring zod along.
const PERIOD_PRESETS = Object.keys(presetWords);
const TREND_GRANULARITIES = Object.keys(granularityWords);

/** The finance screen is loaded when first opened (finance-screen.tsx): the accountant's, and the rest of the dashboard need not wait for it. */
const LazyFinance = lazyScreen<ScreenProps>(() => import('./finance-screen.tsx'));

/**
 * The Dashboard app (`/liff/dashboard`, opened from the staff rich menu): managers and the CEO
 * read the org, a support member their own figures (the server narrows them:
 * api/liff/dashboard-api.ts). The screen and its filters live in the address
 * (`#/sla?preset=last_7_days&granularity=week`), so a link opens the same view and Back works.
 */
const SCREENS = [
  { key: 'queue', words: w.queue, permission: 'analytics.read', view: QueueScreen },
  { key: 'me', words: w.me, permission: 'analytics.read', view: MeScreen },
  { key: 'sla', words: w.sla, permission: 'analytics.read', view: SlaScreen },
  { key: 'time', words: w.time, permission: 'analytics.read', view: TimeScreen },
  { key: 'csat', words: w.csat, permission: 'analytics.read', view: CsatScreen },
  { key: 'staff', words: w.staff, permission: 'analytics.staff', view: StaffScreen },
  { key: 'inbox', words: w.inbox, permission: 'analytics.staff', view: InboxScreen },
  { key: 'providers', words: w.providers, permission: 'analytics.read', view: ProvidersScreen },
  { key: 'debt', words: w.debt, permission: 'analytics.read', view: DebtScreen },
  { key: 'abuse', words: w.abuse, permission: 'analytics.risk', view: AbuseScreen },
  { key: 'bookings', words: w.bookings, permission: 'analytics.read', view: BookingsScreen },
  { key: 'ceo', words: w.ceo, permission: 'analytics.staff', view: CeoScreen },
  // Money (docs/money.md): the accountant's one screen here, and admins', managers' and the CEO's.
  { key: 'finance', words: w.finance, permission: 'finance.read', view: LazyFinance },
] as const;

type Route = { screen: string; query: URLSearchParams };

function readRoute(): Route {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return { screen: path || '', query: new URLSearchParams(query) };
}

function useRoute(): Route {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const on = () => setRoute(readRoute());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

const go = (screen: string, query: URLSearchParams) => {
  const q = query.toString();
  location.hash = `#/${screen}${q ? `?${q}` : ''}`;
};

/** The period and filters the analytics API takes; what the address holds besides them is dropped. */
const FILTER_KEYS = ['preset', 'from', 'to', 'severity', 'category', 'channel', 'granularity', 'caseType', 'provider', 'team'];
function filtersOf(q: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of FILTER_KEYS) if (q.get(k)) out.set(k, q.get(k)!);
  return out;
}

function Select(p: { id: string; label: string; value: string; options: readonly string[]; words?: Record<string, { th: string; en: string }>; lang: Lang; any?: boolean; onChange: (v: string) => void }) {
  return (
    <label class="filter" for={p.id}>
      <span>{p.label}</span>
      <select id={p.id} value={p.value} onChange={(e) => p.onChange((e.target as HTMLSelectElement).value)}>
        {p.any && <option value="">{w.any[p.lang]}</option>}
        {p.options.map((o) => (
          <option value={o} key={o}>
            {p.words?.[o]?.[p.lang] ?? o}
          </option>
        ))}
      </select>
    </label>
  );
}

function Filters(p: { lang: Lang; screen: string; query: URLSearchParams }) {
  const f = filtersOf(p.query);
  const [custom, setCustom] = useState(Boolean(f.get('from')));
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(f);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k === 'preset') {
      next.delete('from');
      next.delete('to');
    }
    go(p.screen, next);
  };
  const cases = p.screen !== 'bookings' && p.screen !== 'me' && p.screen !== 'inbox';
  // The queue is every case open now: the period does not narrow it.
  const queue = p.screen === 'queue';
  return (
    <details class="filters card">
      <summary>
        {w.filters[p.lang]}: {queue ? w.open[p.lang] : f.get('from') ? `${f.get('from')} – ${f.get('to') ?? ''}` : presetWords[(f.get('preset') ?? 'last_30_days') as PeriodPreset]?.[p.lang]}
        {f.get('severity') ? ` · ${severityWords[f.get('severity')!][p.lang]}` : ''}
        {f.get('channel') ? ` · ${channelWords[f.get('channel')!][p.lang]}` : ''}
      </summary>
      <div class="filter-grid">
        {!queue && <Select id="f-preset" lang={p.lang} label={w.period[p.lang]} value={f.get('preset') ?? (f.get('from') ? '' : 'last_30_days')} options={PERIOD_PRESETS} words={presetWords} any={custom} onChange={(v) => set('preset', v)} />}
        {cases && <Select id="f-severity" lang={p.lang} label={w.severity[p.lang]} value={f.get('severity') ?? ''} options={SEVERITIES} words={severityWords} any onChange={(v) => set('severity', v)} />}
        {cases && <Select id="f-channel" lang={p.lang} label={w.channel[p.lang]} value={f.get('channel') ?? ''} options={CASE_SOURCES} words={channelWords} any onChange={(v) => set('channel', v)} />}
        {cases && <Select id="f-category" lang={p.lang} label={w.category[p.lang]} value={f.get('category') ?? ''} options={CASE_CATEGORIES} words={categoryNames} any onChange={(v) => set('category', v)} />}
        {p.screen === 'sla' && <Select id="f-granularity" lang={p.lang} label={w.granularity[p.lang]} value={f.get('granularity') ?? 'day'} options={TREND_GRANULARITIES} words={granularityWords} onChange={(v) => set('granularity', v)} />}
      </div>
      {queue ? null : custom ? (
        <form
          class="filter-grid"
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            const next = new URLSearchParams(f);
            next.delete('preset');
            next.set('from', String(data.get('from')));
            next.set('to', String(data.get('to')));
            go(p.screen, next);
          }}
        >
          <label class="filter" for="f-from">
            <span>{w.from[p.lang]}</span>
            <input id="f-from" name="from" type="date" required value={f.get('from') ?? ''} />
          </label>
          <label class="filter" for="f-to">
            <span>{w.to[p.lang]}</span>
            <input id="f-to" name="to" type="date" required value={f.get('to') ?? ''} />
          </label>
          <button type="submit" class="primary">
            {w.apply[p.lang]}
          </button>
        </form>
      ) : (
        <button type="button" class="quiet small-button" onClick={() => setCustom(true)}>
          {w.custom[p.lang]}
        </button>
      )}
    </details>
  );
}

/** The screens, once the org's names for case types, services and stages are read (without them, keys would show as words). */
function Named(p: { lang: Lang; me: StaffMe; route: Route }) {
  const [names] = useReport<DashboardNames>(`${API}/names`);
  if (names.kind === 'loading') return <Loading lang={p.lang} />;
  // Refused or failed: each key is shown spelt out as words (kit/names.ts) rather than no screen at all.
  return (
    <NamesContext.Provider value={names.kind === 'shown' ? names.data : NO_NAMES}>
      <Dashboard {...p} />
    </NamesContext.Provider>
  );
}

function Dashboard(p: { lang: Lang; me: StaffMe; route: Route }) {
  const allowed = SCREENS.filter((s) => p.me.permissions.includes(s.permission));
  const own = p.me.role === 'support';
  // The first screen: the live queue (a support member's own); a screen the role may not open
  // is still shown when asked for by name, and the server's answer says why not.
  const current = SCREENS.find((s) => s.key === p.route.screen) ?? allowed[0] ?? SCREENS[0];
  const filters = filtersOf(p.route.query);
  if (p.route.screen === 'drill') {
    const path = p.route.query.get('path') ?? '';
    return (
      <>
        <p>
          <a href="#" onClick={(e) => (e.preventDefault(), history.back())}>
            ← {w.back[p.lang]}
          </a>
        </p>
        {path.startsWith(`${API}/`) && <DrillScreen lang={p.lang} path={path} key={path} />}
      </>
    );
  }
  const View = current.view as (props: ScreenProps) => preact.JSX.Element;
  return (
    <>
      <p class="muted small">
        {fill(w.hello[p.lang], { name: p.me.displayName })}
        {own && ` · ${w.ownOnly[p.lang]}`}
      </p>
      <nav aria-label={w.screens[p.lang]} class="tabs">
        {allowed.map((s) => (
          <a key={s.key} href={`#/${s.key}${filters.size ? `?${filters}` : ''}`} aria-current={s.key === current.key ? 'page' : undefined}>
            {s.words[p.lang]}
          </a>
        ))}
      </nav>
      <h1>{current.words[p.lang]}</h1>
      {/* Finance offers its own periods (this month, last 7 days, last month), and no case filters. */}
      {current.key !== 'finance' && <Filters lang={p.lang} screen={current.key} query={p.route.query} key={current.key} />}
      <View lang={p.lang} query={filters.toString()} key={`${current.key}?${filters}`} />
    </>
  );
}

/** Each screen's report (under /liff-api/v1/dashboard), for reading the first one early. */
const REPORT_OF: Record<string, string> = { queue: 'queue', me: 'me', sla: 'sla', time: 'time-tracking', csat: 'csat', staff: 'staff-performance', providers: 'providers', debt: 'system-debt', abuse: 'abuse', ceo: 'ceo', inbox: 'inbox' };

function App() {
  const [lang, setLang] = useLang();
  const [state, retry] = useStaff();
  const route = useRoute();
  return (
    <Page lang={lang} setLang={setLang} title={w.title[lang]} brand={w.brand}>
      <StaffGate lang={lang} state={state} retry={retry}>
        {() => state.kind === 'ready' && <Named lang={lang} me={state.me} route={route} />}
      </StaffGate>
    </Page>
  );
}

// The first screen's figures are asked for at once, beside "who is signed in" (not after it).
{
  const first = readRoute();
  const report = REPORT_OF[first.screen || 'queue'];
  const q = filtersOf(first.query).toString();
  prefetch(`${API}/names`);
  if (report) prefetch(`${API}/${report}${q ? `?${q}` : ''}`);
}

render(<App />, document.getElementById('app')!);

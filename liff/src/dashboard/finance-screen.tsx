import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { financeView } from '../../../core/contracts/money.ts';
import { day, moneyMinor, type Lang, type Words } from '../kit/i18n.ts';
import { n } from './numbers.ts';
import { API, downloadCsv, useReport } from './data.ts';
import { Report, Section, Stat } from './parts.tsx';
import { presetWords, w } from './words.ts';
import type { ScreenProps } from './screens.tsx';

/**
 * The finance screen (docs/money.md, "The finance view"): the accountant's (and admin's, manager's,
 * CEO's) `GET /api/v1/finance`, served to the dashboard at `/liff-api/v1/dashboard/finance` by the
 * same declaration. Loaded when first opened: most who open the dashboard never come here.
 */
const FINANCE = `${API}/finance`;

/** The periods a phone offers: no date pickers, the org's days (Bangkok's, as the businesses are). */
export const FINANCE_PRESETS = ['this_month', 'last_7_days', 'last_month'] as const;
type FinancePreset = (typeof FINANCE_PRESETS)[number];

const iso = (d: Date) => d.toISOString().slice(0, 10);
export function periodOf(preset: FinancePreset, now = new Date()): { from: string; to: string } {
  const today = new Date(`${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(now)}T00:00:00Z`);
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  if (preset === 'last_7_days') return { from: iso(new Date(today.getTime() - 6 * 86_400_000)), to: iso(today) };
  if (preset === 'last_month') return { from: iso(new Date(Date.UTC(y, m - 1, 1))), to: iso(new Date(Date.UTC(y, m, 0))) };
  return { from: iso(new Date(Date.UTC(y, m, 1))), to: iso(today) };
}

const f = {
  cashIn: { th: 'เงินเข้า', en: 'Cash in' },
  cashInByDay: { th: 'เงินเข้ารายวัน', en: 'Cash in by day' },
  cashInByMethod: { th: 'เงินเข้าตามวิธีชำระ', en: 'Cash in by method' },
  refunds: { th: 'คืนเงิน', en: 'Refunds' },
  outstanding: { th: 'ยอดค้างชำระ', en: 'Still owed' },
  payouts: { th: 'ยอดโอนจาก Stripe', en: 'Stripe payouts' },
  mismatches: { th: 'รายการที่ไม่ตรงกัน', en: 'Mismatches' },
  margins: { th: 'กำไรต่อการจอง', en: 'Margin per booking' },
  day: { th: 'วันที่', en: 'Day' },
  method: { th: 'วิธีชำระ', en: 'Method' },
  payments: { th: 'รายการ', en: 'Payments' },
  amount: { th: 'จำนวนเงิน', en: 'Amount' },
  booking: { th: 'การจอง', en: 'Booking' },
  total: { th: 'ยอดรวม', en: 'Total' },
  paid: { th: 'ชำระแล้ว', en: 'Paid' },
  due: { th: 'ค้างชำระ', en: 'Owed' },
  gross: { th: 'ยอดก่อนหักค่าธรรมเนียม', en: 'Gross' },
  fees: { th: 'ค่าธรรมเนียม', en: 'Fees' },
  net: { th: 'ยอดเข้าบัญชี', en: 'Net' },
  why: { th: 'สาเหตุ', en: 'Why' },
  expected: { th: 'ยอดที่ควรได้', en: 'Expected' },
  paidOut: { th: 'ยอดที่โอนมา', en: 'Paid out' },
  refunded: { th: 'คืนแล้ว', en: 'Refunded' },
  cost: { th: 'ต้นทุน', en: 'Cost' },
  margin: { th: 'กำไร', en: 'Margin' },
  none: { th: 'ไม่มีรายการในช่วงนี้', en: 'Nothing in this period' },
  noMismatch: { th: 'ทุกยอดตรงกันค่ะ', en: 'Everything matches.' },
  flagged: { th: '(รอตรวจสอบ)', en: '(to check)' },
  period: { th: 'ช่วงเวลา', en: 'Period' },
  csvOf: { th: 'ดาวน์โหลด CSV: {{table}}', en: 'Download CSV: {{table}}' },
} satisfies Record<string, Words>;

/** How the money came, in words: `card`/`promptpay` once Stripe said, `stripe` before it did. */
const methodWords: Record<string, Words> = {
  card: { th: 'บัตร', en: 'Card' },
  promptpay: { th: 'พร้อมเพย์', en: 'PromptPay' },
  stripe: { th: 'บัตรหรือพร้อมเพย์', en: 'Card or PromptPay' },
  transfer: { th: 'โอนเงิน', en: 'Bank transfer' },
};
const mismatchWords: Record<string, Words> = {
  amount_differs: { th: 'ยอดโอนไม่ตรงกับยอดที่ลูกค้าชำระ', en: 'Paid out a different amount than the payment' },
  unknown: { th: 'รายการในยอดโอนที่ระบบไม่รู้จัก', en: 'A payout line we do not know' },
  not_paid_out: { th: 'ชำระแล้วแต่ยังไม่มียอดโอนเข้าบัญชี', en: 'Paid, but no payout has carried it yet' },
};
const said = (words: Record<string, Words>, key: string, lang: Lang) => words[key]?.[lang] ?? key.replace(/_/g, ' ');

type Money = { currency: string; amountMinor: number };
/** Sums amounts by a key and currency (a period may hold more than one currency, never added together). */
function totals<T extends Money>(rows: T[], keyOf: (r: T) => string): { key: string; currency: string; amountMinor: number; count: number }[] {
  const out = new Map<string, { key: string; currency: string; amountMinor: number; count: number }>();
  for (const r of rows) {
    const k = `${keyOf(r)}|${r.currency}`;
    const t = out.get(k) ?? { key: keyOf(r), currency: r.currency, amountMinor: 0, count: 0 };
    t.amountMinor += r.amountMinor;
    t.count += 'payments' in r ? (r.payments as number) : 'refunds' in r ? (r.refunds as number) : 1;
    out.set(k, t);
  }
  return [...out.values()];
}

/** `numeric`: how many of the last columns are amounts (right-aligned); `words`: a column of sentences, kept wide enough to read. */
function Table(p: { lang: Lang; label: string; heads: string[]; numeric: number; words?: number; rows: ComponentChildren[][]; empty: Words }) {
  if (p.rows.length === 0) return <p class="muted">{p.empty[p.lang]}</p>;
  return (
    // Focusable, so that a table wider than the phone scrolls by keyboard too (a table of links would be anyway).
    <div class="scroll" role="group" aria-label={p.label} tabIndex={0}>
      <table aria-label={p.label}>
        <thead>
          <tr>
            {p.heads.map((h, i) => (
              <th scope="col" class={i >= p.heads.length - p.numeric ? 'num' : undefined} key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((cells, r) => (
            <tr key={r}>
              {cells.map((c, i) =>
                i === 0 ? (
                  <th scope="row" key={i}>
                    {c}
                  </th>
                ) : (
                  <td class={i >= cells.length - p.numeric ? 'num' : i === p.words ? 'words' : undefined} key={i}>
                    {c}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Each table's CSV, as `GET /api/v1/finance?format=csv&table=…` answers it, fetched with the sign-in. */
function Csv(p: { lang: Lang; path: string; table: string; title: string }) {
  const [failed, setFailed] = useState(false);
  return (
    <p class="csv">
      <button type="button" class="quiet small-button" onClick={async () => setFailed(!(await downloadCsv(p.path, p.table, `finance-${p.table}`)))}>
        {f.csvOf[p.lang].replace('{{table}}', p.title)}
      </button>
      {failed && (
        <span class="error" role="alert">
          {w.csvFailed[p.lang]}
        </span>
      )}
    </p>
  );
}

export default function FinanceScreen(p: ScreenProps) {
  const { lang } = p;
  const asked = new URLSearchParams(p.query).get('preset');
  const preset: FinancePreset = (FINANCE_PRESETS as readonly string[]).includes(asked ?? '') ? (asked as FinancePreset) : 'this_month';
  const period = periodOf(preset);
  const path = `${FINANCE}?from=${period.from}&to=${period.to}`;
  const [state, retry] = useReport<z.infer<typeof financeView>>(path);
  const money = (minor: number | null, currency: string) => (minor === null ? '–' : moneyMinor(lang, minor, currency));
  // `table`: the REST route's CSV table behind it (cash in by method is the same rows as by day, summed: one CSV).
  const section = (id: string, title: Words, table: string | null, body: ComponentChildren) => (
    <Section id={`finance-${id}`} title={title[lang]}>
      {body}
      {table && <Csv lang={lang} path={path} table={table} title={title[lang]} />}
    </Section>
  );
  return (
    <>
      <nav class="tabs wrap" aria-label={f.period[lang]}>
        {FINANCE_PRESETS.map((k) => (
          <a key={k} href={`#/finance?preset=${k}`} aria-current={k === preset ? 'page' : undefined}>
            {presetWords[k][lang]}
          </a>
        ))}
      </nav>
      <p class="muted small">
        {day(lang, period.from)} – {day(lang, period.to)}
      </p>
      <Report lang={lang} state={state} retry={retry}>
        {(v) => {
          const inByMethod = totals(v.cashIn.filter((r) => !r.flagged), (r) => r.method);
          const inByDay = totals(v.cashIn, (r) => `${r.day}|${r.method}|${r.flagged}`);
          const refunded = totals(v.refunds, () => 'all');
          const owed = totals(v.outstanding.map((o) => ({ currency: o.currency, amountMinor: o.dueMinor })), () => 'all');
          const received = totals(v.cashIn.filter((r) => !r.flagged), () => 'all');
          const sum = (ts: { currency: string; amountMinor: number }[]) => (ts.length ? ts.map((t) => money(t.amountMinor, t.currency)).join(' · ') : money(0, 'THB'));
          return (
            <>
              <div class="grid money-stats">
                <Stat lang={lang} label={f.cashIn} value={sum(received)} tone="ok" />
                <Stat lang={lang} label={f.refunds} value={sum(refunded)} tone="wait" />
                <Stat lang={lang} label={f.outstanding} value={sum(owed)} tone="info" />
                <Stat lang={lang} label={f.mismatches} value={n(lang, v.payoutMismatches.length)} tone={v.payoutMismatches.length ? 'bad' : 'ok'} />
              </div>
              {section(
                'by-method',
                f.cashInByMethod,
                null,
                <Table lang={lang} label={f.cashInByMethod[lang]} heads={[f.method[lang], f.payments[lang], f.amount[lang]]} numeric={2} empty={f.none}
                  rows={inByMethod.map((t) => [said(methodWords, t.key, lang), n(lang, t.count), money(t.amountMinor, t.currency)])} />,
              )}
              {section(
                'by-day',
                f.cashInByDay,
                'cash_in',
                <Table lang={lang} label={f.cashInByDay[lang]} heads={[f.day[lang], f.method[lang], f.payments[lang], f.amount[lang]]} numeric={2} empty={f.none}
                  rows={inByDay.map((t) => {
                    const [d, method, flagged] = t.key.split('|');
                    return [day(lang, d), `${said(methodWords, method, lang)}${flagged === 'true' ? ` ${f.flagged[lang]}` : ''}`, n(lang, t.count), money(t.amountMinor, t.currency)];
                  })} />,
              )}
              {section(
                'refunds',
                f.refunds,
                'refunds',
                <Table lang={lang} label={f.refunds[lang]} heads={[f.day[lang], f.method[lang], f.payments[lang], f.amount[lang]]} numeric={2} empty={f.none}
                  rows={v.refunds.map((r) => [day(lang, r.day), said(methodWords, r.method, lang), n(lang, r.refunds), money(r.amountMinor, r.currency)])} />,
              )}
              {section(
                'outstanding',
                f.outstanding,
                'outstanding',
                <Table lang={lang} label={f.outstanding[lang]} heads={[f.booking[lang], f.total[lang], f.paid[lang], f.due[lang]]} numeric={3} empty={f.none}
                  rows={v.outstanding.map((o) => [<a href={`/liff/desk/booking/${o.bookingNumber}`}>{o.bookingNumber}</a>, money(o.totalMinor, o.currency), money(o.paidMinor, o.currency), money(o.dueMinor, o.currency)])} />,
              )}
              {section(
                'payouts',
                f.payouts,
                'payouts',
                <Table lang={lang} label={f.payouts[lang]} heads={[f.day[lang], f.gross[lang], f.fees[lang], f.net[lang], f.mismatches[lang]]} numeric={4} empty={f.none}
                  rows={v.payouts.map((o) => [day(lang, o.day), money(o.grossMinor, o.currency), money(o.feeMinor, o.currency), money(o.netMinor, o.currency), n(lang, o.mismatches)])} />,
              )}
              {section(
                'mismatches',
                f.mismatches,
                'payout_mismatches',
                <Table lang={lang} label={f.mismatches[lang]} heads={[f.booking[lang], f.why[lang], f.day[lang], f.expected[lang], f.paidOut[lang]]} numeric={2} words={1} empty={f.noMismatch}
                  rows={v.payoutMismatches.map((m) => [m.bookingNumber ?? '–', said(mismatchWords, m.kind, lang), day(lang, m.day), money(m.expectedMinor, m.currency), money(m.paidOutMinor, m.currency)])} />,
              )}
              {section(
                'margins',
                f.margins,
                'margins',
                <Table lang={lang} label={f.margins[lang]} heads={[f.booking[lang], f.paid[lang], f.refunded[lang], f.cost[lang], f.margin[lang]]} numeric={4} empty={f.none}
                  rows={v.margins.map((m) => [<a href={`/liff/desk/booking/${m.bookingNumber}`}>{m.bookingNumber}</a>, money(m.paidMinor, m.currency), money(m.refundedMinor, m.currency), money(m.costMinor, m.currency), money(m.marginMinor, m.currency)])} />,
              )}
            </>
          );
        }}
      </Report>
    </>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { paymentList } from '../../../core/contracts/money.ts';
import { fill, LOCALE, when, type Lang, type Words } from '../kit/i18n.ts';
import { staffCall } from '../kit/staff.ts';
import { Badge, common } from '../kit/ui.tsx';
import { w } from './words.ts';

/**
 * A booking's payments on the desk (docs/money.md): what was asked and paid, and a customer's
 * transfer slip waiting to be confirmed or rejected (by those who may: admins, managers, the
 * accountant). Amounts come in minor units and are shown from their digits, never divided.
 */
type Payment = z.infer<typeof paymentList>['payments'][number];

const words = {
  payments: { th: 'การชำระเงิน', en: 'Payments' },
  none: { th: 'ยังไม่มีการชำระเงิน', en: 'No payments yet' },
  deposit: { th: 'มัดจำ', en: 'Deposit' },
  full: { th: 'ชำระเต็มจำนวน', en: 'Full amount' },
  balance: { th: 'ส่วนที่เหลือ', en: 'Balance' },
  pending: { th: 'รอชำระ', en: 'Waiting' },
  slip: { th: 'สลิปรอยืนยัน', en: 'Slip to confirm' },
  paid: { th: 'ชำระแล้ว', en: 'Paid' },
  flagged: { th: 'ต้องตรวจสอบ', en: 'To check' },
  expired: { th: 'หมดอายุ', en: 'Expired' },
  rejected: { th: 'ปฏิเสธแล้ว', en: 'Rejected' },
  card: { th: 'บัตร', en: 'card' },
  promptpay: { th: 'พร้อมเพย์', en: 'PromptPay' },
  transfer: { th: 'โอนเงิน', en: 'transfer' },
  confirm: { th: 'ยืนยันว่าได้รับเงิน', en: 'Confirm: money received' },
  reject: { th: 'ปฏิเสธสลิป', en: 'Reject the slip' },
  reason: { th: 'เหตุผลที่ปฏิเสธ', en: 'Why reject it?' },
  confirmed: { th: 'ยืนยันแล้ว ลูกค้าได้รับแจ้ง', en: 'Confirmed; the customer is told.' },
} satisfies Record<string, Words>;

/** 500000 THB: "฿5,000.00", from the digits (Intl reads a decimal string exactly); amounts here are never negative. */
export function minorMoney(lang: Lang, minor: number, currency: string): string {
  const digits = String(minor).padStart(3, '0');
  const text = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  return new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency }).format(text as unknown as number);
}

export function Payments(p: { lang: Lang; number: string; canDecide: boolean }) {
  const { lang } = p;
  const [payments, setPayments] = useState<Payment[] | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const load = async () => {
    const a = await staffCall<z.infer<typeof paymentList>>(`desk/payments?booking=${encodeURIComponent(p.number)}`);
    if (a.kind === 'ok') setPayments(a.data.payments);
  };
  useEffect(() => void load(), [p.number]);
  const decide = async (id: string, how: 'confirm' | 'reject') => {
    setBusy(true);
    const a = await staffCall<Payment>(`desk/payments/${id}/${how}`, { method: 'POST', body: how === 'reject' ? { reason: reason.trim() } : {} });
    setBusy(false);
    setSaid(a.kind === 'ok' ? (how === 'confirm' ? words.confirmed[lang] : null) : a.kind === 'offline' ? common.offline[lang] : fill(w.failed[lang], { why: a.error.message }));
    await load();
  };
  if (!payments) return null;
  return (
    <section class="card" aria-labelledby="payments">
      <h2 id="payments">{words.payments[lang]}</h2>
      {payments.length === 0 && <p class="muted">{words.none[lang]}</p>}
      <ul class="list">
        {payments.map((x) => {
          const slip = x.method === 'transfer' && x.status === 'pending';
          return (
            <li key={x.id}>
              <div>
                <strong>{minorMoney(lang, x.amountMinor, x.currency)}</strong> · {words[x.part][lang]} <Badge tone={x.status === 'paid' ? 'ok' : x.status === 'flagged' || x.status === 'rejected' ? 'bad' : 'wait'}>{slip ? words.slip[lang] : words[x.status][lang]}</Badge>
              </div>
              <div class="small muted">
                {x.paidWith ? `${words[x.paidWith as 'card'] ? words[x.paidWith as 'card'][lang] : x.paidWith} · ` : ''}
                {when(lang, x.paidAt ?? x.createdAt)}
              </div>
              {slip && p.canDecide && (
                <div class="actions">
                  <button type="button" class="primary" disabled={busy} onClick={() => void decide(x.id, 'confirm')}>
                    {words.confirm[lang]}
                  </button>
                  <input aria-label={words.reason[lang]} placeholder={words.reason[lang]} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
                  <button type="button" class="quiet" disabled={busy || !reason.trim()} onClick={() => void decide(x.id, 'reject')}>
                    {words.reject[lang]}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {said && <p role="status">{said}</p>}
    </section>
  );
}

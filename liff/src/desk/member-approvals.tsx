import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { adjustmentRequestList } from '../../../core/contracts/members.ts';
import { fill, moneyMinor, when, type Lang, type Words } from '../kit/i18n.ts';
import { staffCall, type StaffMe } from '../kit/staff.ts';
import { Badge, type Tone } from '../kit/ui.tsx';
import { why } from './member-refusals.ts';

/**
 * Adjustments above the org's amount on the Members screen (docs/members.md, "Adjustments by
 * hand"): a manager or an admin sees those waiting, with who asked, and approves or refuses each
 * (a refusal with a reason); anyone else sees their own requests and what became of them, and is
 * offered no decision. The server decides each once: a second tap, or a second manager, is told
 * it was decided already.
 */
type Requests = z.infer<typeof adjustmentRequestList>;
type Request = Requests[number];

const words = {
  waiting: { th: 'รายการรออนุมัติ', en: 'Adjustments awaiting approval' },
  mine: { th: 'คำขอของฉัน', en: 'My requests' },
  none: { th: 'ไม่มีรายการ', en: 'Nothing here' },
  asked: { th: '{{who}} ขอเมื่อ {{at}}', en: 'Asked by {{who}}, {{at}}' },
  approve: { th: 'อนุมัติ', en: 'Approve' },
  refuse: { th: 'ไม่อนุมัติ', en: 'Refuse' },
  refuseWhy: { th: 'เหตุผลที่ไม่อนุมัติ', en: 'Why it is refused' },
  approved: { th: 'อนุมัติแล้ว', en: 'Approved' },
  refused: { th: 'ไม่อนุมัติ: {{why}}', en: 'Refused: {{why}}' },
  status_awaiting_approval: { th: 'รออนุมัติ', en: 'Waiting' },
  status_applied: { th: 'อนุมัติแล้ว', en: 'Approved' },
  status_rejected: { th: 'ไม่อนุมัติ', en: 'Refused' },
  credits: { th: '{{n}} เครดิต ({{package}})', en: '{{n}} credits ({{package}})' },
  points: { th: '{{n}} คะแนน', en: '{{n}} points' },
  refused_applied: { th: 'รายการนี้ได้รับการอนุมัติไปแล้ว', en: 'This one was approved already.' },
  refused_rejected: { th: 'รายการนี้ถูกปฏิเสธไปแล้ว', en: 'This one was refused already.' },
} satisfies Record<string, Words>;

const TONE: Record<Request['status'], Tone> = { awaiting_approval: 'wait', applied: 'ok', rejected: 'bad' };

/** "+2 credits (5 classes)", "-฿1,500.00", "5,000 points": what the adjustment gives or takes back. */
function amountOf(lang: Lang, a: Request): string {
  const n = a.amount.toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB', { signDisplay: 'always' });
  if (a.target === 'wallet') return (a.amount > 0 ? '+' : '-') + moneyMinor(lang, Math.abs(a.amount), 'THB');
  if (a.target === 'credits') return fill(words.credits[lang], { n, package: a.package ? (lang === 'th' ? a.package.nameTh : a.package.nameEn) : '' });
  return fill(words.points[lang], { n });
}

export function Approvals(p: { lang: Lang; me: StaffMe }) {
  const { lang } = p;
  const decides = p.me.permissions.includes('members.approve');
  const [list, setList] = useState<Requests | null>(null);
  const [said, setSaid] = useState('');
  const load = async () => {
    const a = await staffCall<Requests>(`desk/member-adjustments${decides ? '?status=awaiting_approval' : ''}`);
    if (a.kind === 'ok') setList(a.data);
    else setSaid(why(lang, a));
  };
  useEffect(() => void load(), []);
  const decide = async (r: Request, approve: boolean, reason?: string) => {
    const a = await staffCall(`desk/member-adjustments/${r.id}/decision`, { method: 'POST', body: { approve, reason } });
    setSaid(a.kind === 'ok' ? `${r.member.number} · ${amountOf(lang, r)} · ${approve ? words.approved[lang] : fill(words.refused[lang], { why: reason! })}` : why(lang, a, words));
    await load();
  };
  const title = decides ? words.waiting[lang] : words.mine[lang];
  return (
    <section class="card" aria-label={title}>
      <h2>{title}</h2>
      {said && (
        <p class="small" role="status">
          {said}
        </p>
      )}
      <ul class="list" data-testid="adjustment-requests">
        {list?.length === 0 && <li class="muted small">{words.none[lang]}</li>}
        {list?.map((r) => (
          <li key={r.id} data-adjustment={r.id}>
            <div class="row">
              <strong>
                {r.member.number} · <span class="nowrap">{amountOf(lang, r)}</span>
              </strong>
              <Badge tone={TONE[r.status]}>{words[`status_${r.status}`][lang]}</Badge>
            </div>
            <p class="small">
              {r.member.name ?? ''} · {r.reason}
            </p>
            <p class="small muted">{fill(words.asked[lang], { who: r.requestedBy.name ?? r.requestedBy.role ?? '', at: when(lang, r.createdAt) })}</p>
            {r.decisionReason && <p class="small">{fill(words.refused[lang], { why: r.decisionReason })}</p>}
            {decides && r.status === 'awaiting_approval' && <Decide lang={lang} decide={(approve, reason) => decide(r, approve, reason)} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Approve at once, or refuse with a reason: a refusal asks why before it is sent. */
function Decide(p: { lang: Lang; decide: (approve: boolean, reason?: string) => Promise<void> }) {
  const { lang } = p;
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const act = async (approve: boolean) => {
    setBusy(true);
    await p.decide(approve, approve ? undefined : reason.trim());
    setBusy(false);
  };
  return (
    <form
      class="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void act(false);
      }}
    >
      {refusing && (
        <label>
          {words.refuseWhy[lang]}
          <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} required maxLength={500} />
        </label>
      )}
      <div class="actions">
        {!refusing && (
          <button type="button" class="primary" disabled={busy} onClick={() => void act(true)}>
            {words.approve[lang]}
          </button>
        )}
        {refusing ? (
          <button class="primary" disabled={busy}>
            {words.refuse[lang]}
          </button>
        ) : (
          <button type="button" class="quiet" onClick={() => setRefusing(true)}>
            {words.refuse[lang]}
          </button>
        )}
      </div>
    </form>
  );
}

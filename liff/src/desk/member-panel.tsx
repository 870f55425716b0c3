import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { adjustment, memberCard, memberPackageList, packageRefundPreview } from '../../../core/contracts/members.ts';
import { fill, moneyMinor, toMinor, when, type Lang, type Words } from '../kit/i18n.ts';
import { staffCall, type StaffMe } from '../kit/staff.ts';
import { Badge, Fact, Loading } from '../kit/ui.tsx';
import { Approvals } from './member-approvals.tsx';
import { why } from './member-refusals.ts';

/**
 * The member panel (docs/members.md, "On the desk"): a lazy chunk of the desk, shown beside a
 * customer's conversation and on the "Members" screen where staff type or scan a member number.
 * The figures are the REST member card's (core/members/member-card.ts), never computed here.
 * Selling a package carries one Idempotency-Key per form, so a double tap sells one; a give or
 * take-back above the org's amount says it waits for a manager. A refund shows the figures the
 * server's rule computes (its preview) before staff confirm it.
 */
type Card = z.infer<typeof memberCard>;
type Packages = z.infer<typeof memberPackageList>;
type Adjustment = z.infer<typeof adjustment>;
type RefundPreview = z.infer<typeof packageRefundPreview>;

const words = {
  member: { th: 'สมาชิก', en: 'Member' },
  number: { th: 'หมายเลขสมาชิก', en: 'Member number' },
  tier: { th: 'ระดับ', en: 'Tier' },
  wallet: { th: 'กระเป๋าเงิน', en: 'Wallet' },
  points: { th: 'คะแนน', en: 'Points' },
  credits: { th: 'เครดิตตามแพ็กเกจ', en: 'Credits by package' },
  left: { th: 'เหลือ {{n}}/{{of}} · ใช้ได้ถึง {{until}}', en: '{{n}} of {{of}} left · valid until {{until}}' },
  closed: { th: 'ปิดแล้ว', en: 'Closed' },
  noPackages: { th: 'ยังไม่มีแพ็กเกจ', en: 'No packages yet' },
  history: { th: 'ประวัติ', en: 'History' },
  noHistory: { th: 'ยังไม่มีประวัติ', en: 'Nothing yet' },
  byCredit: { th: '{{booking}} · ใช้ {{n}} เครดิต', en: '{{booking}} · {{n}} credit used' },
  byWallet: { th: '{{booking}} · จากกระเป๋าเงิน {{amount}}', en: '{{booking}} · {{amount}} from the wallet' },
  returned: { th: 'คืนแล้ว', en: 'returned' },
  notMember: { th: 'ลูกค้ายังไม่ได้เป็นสมาชิก', en: 'Not a member yet' },
  enrol: { th: 'สมัครสมาชิกให้ลูกค้า', en: 'Make them a member' },
  sell: { th: 'ขายแพ็กเกจ', en: 'Sell a package' },
  package: { th: 'แพ็กเกจ', en: 'Package' },
  paidWith: { th: 'ชำระโดย', en: 'Paid with' },
  pay_cash: { th: 'เงินสด', en: 'Cash' },
  pay_transfer: { th: 'โอนเงิน', en: 'Transfer' },
  pay_wallet: { th: 'กระเป๋าเงินสมาชิก', en: "Member's wallet" },
  pay_free: { th: 'ให้ฟรี', en: 'Free (a gift)' },
  offer: { th: '{{name}} · {{credits}} ครั้ง · {{price}}', en: '{{name}} · {{credits}} classes · {{price}}' },
  sold: { th: 'ขาย {{name}} แล้ว', en: '{{name}} sold' },
  adjust: { th: 'เพิ่มหรือหักด้วยมือ', en: 'Give or take back' },
  target: { th: 'รายการ', en: 'What' },
  target_credits: { th: 'เครดิต', en: 'Credits' },
  target_wallet: { th: 'กระเป๋าเงิน (บาท)', en: 'Wallet (baht)' },
  target_points: { th: 'คะแนน', en: 'Points' },
  amount: { th: 'จำนวน (ติดลบเพื่อหักคืน)', en: 'Amount (negative takes back)' },
  reason: { th: 'เหตุผล', en: 'Reason' },
  save: { th: 'บันทึก', en: 'Save' },
  applied: { th: 'บันทึกแล้ว', en: 'Done' },
  awaiting: { th: 'รอผู้จัดการอนุมัติ (เกินวงเงินที่ร้านตั้งไว้)', en: "Awaiting a manager's approval (above the business's amount)" },
  badAmount: { th: 'กรุณาใส่จำนวนที่ไม่ใช่ศูนย์ เช่น 2 หรือ -1,500', en: 'Enter an amount other than zero, like 2 or -1,500' },
  find: { th: 'ค้นหาสมาชิก', en: 'Find a member' },
  typeNumber: { th: 'หมายเลขสมาชิก (พิมพ์หรือสแกน)', en: 'Member number (type or scan)' },
  search: { th: 'ค้นหา', en: 'Find' },
  scan: { th: 'สแกนคิวอาร์', en: 'Scan QR code' },
  notFound: { th: 'ไม่พบสมาชิกหมายเลขนี้ กรุณาตรวจสอบอีกครั้ง', en: 'No member has this number: check it and try again.' },
  refund: { th: 'คืนเงินแพ็กเกจ', en: 'Refund' },
  refundOf: { th: 'คืนเงิน {{name}}', en: 'Refund {{name}}' },
  refundGives: { th: 'หักเครดิตที่เหลือ {{credits}} ครั้ง · คืนเงิน {{amount}} · หักคะแนน {{points}}', en: '{{credits}} credits left taken back · {{amount}} paid back · {{points}} points taken back' },
  refundTo: { th: 'คืนเงินทาง', en: 'Pay back' },
  to_wallet: { th: 'เข้ากระเป๋าเงินสมาชิก', en: "To the member's wallet" },
  to_transfer: { th: 'โอนคืน (เงินออก)', en: 'As money out (transfer)' },
  confirmRefund: { th: 'ยืนยันการคืนเงิน', en: 'Confirm the refund' },
  cancel: { th: 'ยกเลิก', en: 'Cancel' },
  refunded: { th: 'คืนเงิน {{name}} แล้ว: {{amount}}', en: '{{name}} refunded: {{amount}}' },
} satisfies Record<string, Words>;

const PAID_WITH = ['cash', 'transfer', 'wallet', 'free'] as const;
const TARGETS = ['credits', 'wallet', 'points'] as const;
const newKey = () => crypto.randomUUID();
const nameOf = (lang: Lang, x: { nameTh: string; nameEn: string }) => (lang === 'th' ? x.nameTh : x.nameEn);

type Shown = { kind: 'loading' } | { kind: 'none' } | { kind: 'failed'; text: string } | { kind: 'card'; card: Card };

/** The member panel of a contact (beside a conversation) or of a member found by number. */
export default function MemberPanel(p: { lang: Lang; me: StaffMe; contactId?: string; memberId?: string; stamp?: string }) {
  const { lang, me } = p;
  const [shown, setShown] = useState<Shown>({ kind: 'loading' });
  const [refunding, setRefunding] = useState('');
  const [note, setNote] = useState('');
  const path = p.memberId ? `desk/members/${encodeURIComponent(p.memberId)}` : `desk/contacts/${encodeURIComponent(p.contactId ?? '')}/member`;
  const load = async () => {
    const a = await staffCall<Card>(path);
    if (a.kind === 'ok') setShown({ kind: 'card', card: a.data });
    else if (a.kind === 'refused' && a.status === 404) setShown({ kind: 'none' });
    else setShown({ kind: 'failed', text: why(lang, a) });
  };
  useEffect(() => void load(), [path, p.stamp]);
  if (shown.kind === 'loading') return <Loading lang={lang} />;
  if (shown.kind === 'failed') return <p class="small">{shown.text}</p>;
  if (shown.kind === 'none') return <Enrol lang={lang} me={me} contactId={p.contactId} joined={load} />;
  const c = shown.card;
  const can = (x: string) => me.permissions.includes(x as StaffMe['permissions'][number]);
  return (
    <section class="member-panel" aria-label={`${words.member[lang]} ${c.number}`} data-member={c.number}>
      <h3 class="small">{words.member[lang]}</h3>
      <dl class="small facts">
        <Fact term={words.number[lang]} value={c.number} />
        <Fact term={words.tier[lang]} value={c.tier ? nameOf(lang, c.tier) : '—'} />
        <Fact term={words.wallet[lang]} value={moneyMinor(lang, c.wallet.balanceMinor, c.wallet.currency)} />
        <Fact term={words.points[lang]} value={c.points.toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB')} />
      </dl>
      <h4 class="small">{words.credits[lang]}</h4>
      <ul class="list small" data-testid="member-packages">
        {c.packages.length === 0 && <li class="muted">{words.noPackages[lang]}</li>}
        {c.packages.map((s) => (
          <li key={s.id}>
            <div class="row">
              <span>{nameOf(lang, s)}</span>
              <span>{s.status === 'active' ? fill(words.left[lang], { n: s.creditsLeft, of: s.credits, until: when(lang, s.expiresAt, false) }) : <Badge tone="info">{words.closed[lang]}</Badge>}</span>
            </div>
            {s.status === 'active' && can('payments.refund') && refunding !== s.id && (
              <button type="button" class="quiet" aria-label={fill(words.refundOf[lang], { name: nameOf(lang, s) })} onClick={() => (setRefunding(s.id), setNote(''))}>
                {words.refund[lang]}
              </button>
            )}
            {refunding === s.id && (
              <RefundPackage lang={lang} memberId={c.id} sale={s} close={() => setRefunding('')} done={(text) => (setRefunding(''), setNote(text), load())} refused={load} />
            )}
          </li>
        ))}
      </ul>
      {note && (
        <p class="small" role="status">
          {note}
        </p>
      )}
      <h4 class="small">{words.history[lang]}</h4>
      <ul class="list small">
        {c.usage.length === 0 && <li class="muted">{words.noHistory[lang]}</li>}
        {c.usage.slice(0, 5).map((u) => (
          <li key={u.bookingNumber}>
            {u.paidWith === 'credits' ? fill(words.byCredit[lang], { booking: u.bookingNumber, n: u.credits }) : fill(words.byWallet[lang], { booking: u.bookingNumber, amount: moneyMinor(lang, u.amountMinor, c.wallet.currency) })}
            {u.returned ? ` · ${words.returned[lang]}` : ''} <span class="muted">· {when(lang, u.at, false)}</span>
          </li>
        ))}
      </ul>
      {can('members.sell') && <SellPackage lang={lang} card={c} sold={load} />}
      {can('members.adjust') && <Adjust lang={lang} card={c} done={load} />}
    </section>
  );
}

function Enrol(p: { lang: Lang; me: StaffMe; contactId?: string; joined: () => void }) {
  const { lang } = p;
  const [said, setSaid] = useState('');
  const enrol = async () => {
    const a = await staffCall<Card>('desk/members', { method: 'POST', body: { contactId: p.contactId } });
    if (a.kind === 'ok') p.joined();
    else setSaid(why(lang, a));
  };
  return (
    <section class="member-panel" aria-label={words.member[lang]}>
      <p class="small muted">{words.notMember[lang]}</p>
      {p.contactId && p.me.permissions.includes('members.sell') && (
        <button type="button" class="quiet" onClick={() => void enrol()}>
          {words.enrol[lang]}
        </button>
      )}
      {said && <p class="small" role="status">{said}</p>}
    </section>
  );
}

/** A package's refund: the rule's figures, read from the server, then a reason and a confirmation. */
function RefundPackage(p: { lang: Lang; memberId: string; sale: Card['packages'][number]; close: () => void; done: (text: string) => void; refused: () => void }) {
  const { lang, sale } = p;
  const path = `desk/members/${p.memberId}/packages/${sale.id}/refund`;
  const [preview, setPreview] = useState<RefundPreview | null>(null);
  const [to, setTo] = useState<'wallet' | 'transfer' | ''>('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  useEffect(() => {
    void staffCall<RefundPreview>(path).then((a) => (a.kind === 'ok' ? setPreview(a.data) : setSaid(why(lang, a))));
  }, [path]);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const a = await staffCall<{ refundedMinor: number; currency: string }>(path, { method: 'POST', body: { reason: reason.trim(), to: to || preview!.to } });
    setBusy(false);
    if (a.kind === 'ok') return p.done(fill(words.refunded[lang], { name: nameOf(lang, sale), amount: moneyMinor(lang, a.data.refundedMinor, a.data.currency) }));
    setSaid(why(lang, a));
    // Refunded or used meanwhile: the card is read again, so the panel shows the package as it is.
    p.refused();
  };
  return (
    <form class="stack" onSubmit={(e) => void submit(e)} aria-label={fill(words.refundOf[lang], { name: nameOf(lang, sale) })}>
      {preview && (
        <>
          <p class="small" data-testid="refund-figures">
            {fill(words.refundGives[lang], { credits: preview.creditsLeft, amount: moneyMinor(lang, preview.refundMinor, preview.currency), points: preview.pointsTakenBack.toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB') })}
          </p>
          <label>
            {words.refundTo[lang]}
            <select value={to || preview.to} onChange={(e) => setTo(e.currentTarget.value as 'wallet' | 'transfer')}>
              {(['wallet', 'transfer'] as const).map((k) => (
                <option key={k} value={k}>
                  {words[`to_${k}`][lang]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {words.reason[lang]}
            <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} required maxLength={500} />
          </label>
        </>
      )}
      <div class="actions">
        {preview && (
          <button class="primary" disabled={busy}>
            {words.confirmRefund[lang]}
          </button>
        )}
        <button type="button" class="quiet" onClick={p.close}>
          {words.cancel[lang]}
        </button>
      </div>
      {said && (
        <p class="small" role="alert">
          {said}
        </p>
      )}
    </form>
  );
}

function SellPackage(p: { lang: Lang; card: Card; sold: () => void }) {
  const { lang } = p;
  const [offers, setOffers] = useState<Packages>([]);
  const [key, setKey] = useState('');
  const [paidWith, setPaidWith] = useState<(typeof PAID_WITH)[number]>('cash');
  const [idem, setIdem] = useState(newKey);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  useEffect(() => {
    void staffCall<Packages>('desk/member-packages').then((a) => a.kind === 'ok' && setOffers(a.data.filter((o) => o.isActive)));
  }, []);
  if (!offers.length) return null;
  const chosen = offers.find((o) => o.key === key) ?? offers[0];
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const a = await staffCall<{ nameTh: string; nameEn: string }>(`desk/members/${p.card.id}/packages`, { method: 'POST', body: { packageKey: chosen.key, paidWith }, headers: { 'idempotency-key': idem } });
    setBusy(false);
    if (a.kind === 'ok') {
      setSaid(fill(words.sold[lang], { name: nameOf(lang, a.data) }));
      setIdem(newKey());
      p.sold();
    } else setSaid(why(lang, a));
  };
  return (
    <form class="stack" onSubmit={(e) => void submit(e)} aria-label={words.sell[lang]}>
      <h4 class="small">{words.sell[lang]}</h4>
      <label>
        {words.package[lang]}
        <select value={chosen.key} onChange={(e) => setKey(e.currentTarget.value)}>
          {offers.map((o) => (
            <option key={o.key} value={o.key}>
              {fill(words.offer[lang], { name: nameOf(lang, o), credits: o.credits, price: moneyMinor(lang, o.priceMinor, o.currency) })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {words.paidWith[lang]}
        <select value={paidWith} onChange={(e) => setPaidWith(e.currentTarget.value as typeof paidWith)}>
          {PAID_WITH.map((k) => (
            <option key={k} value={k}>
              {words[`pay_${k}`][lang]}
            </option>
          ))}
        </select>
      </label>
      <button class="primary" disabled={busy}>
        {words.sell[lang]}
      </button>
      {said && <p class="small" role="status">{said}</p>}
    </form>
  );
}

function Adjust(p: { lang: Lang; card: Card; done: () => void }) {
  const { lang } = p;
  const open = p.card.packages.filter((s) => s.status === 'active');
  const [chosen, setTarget] = useState<(typeof TARGETS)[number]>(open.length ? 'credits' : 'wallet');
  const [saleId, setSaleId] = useState('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [said, setSaid] = useState('');
  const targets = TARGETS.filter((t) => t !== 'credits' || open.length);
  // Credits only while a package is open: its last one closed meanwhile, the choice falls back.
  const target = targets.includes(chosen) ? chosen : 'wallet';
  const submit = async (e: Event) => {
    e.preventDefault();
    // Wallet amounts are baht as staff write them ("-1,500", "250.50"), read as the documents form reads them; credits and points whole numbers.
    const negative = amount.trim().startsWith('-');
    const digits = amount.trim().replace(/^-/, '');
    const n = target === 'wallet' ? toMinor(digits) : /^\d{1,9}$/.test(digits.replace(/,/g, '')) ? Number(digits.replace(/,/g, '')) : null;
    if (!n) return setSaid(words.badAmount[lang]);
    const body = { target, amount: negative ? -n : n, reason: reason.trim(), ...(target === 'credits' ? { saleId: saleId || open[0]?.id } : {}) };
    const a = await staffCall<Adjustment>(`desk/members/${p.card.id}/adjustments`, { method: 'POST', body });
    if (a.kind !== 'ok') return setSaid(why(lang, a));
    setSaid(a.data.status === 'awaiting_approval' ? words.awaiting[lang] : words.applied[lang]);
    setAmount('');
    setReason('');
    p.done();
  };
  return (
    <form class="stack" onSubmit={(e) => void submit(e)} aria-label={words.adjust[lang]}>
      <h4 class="small">{words.adjust[lang]}</h4>
      <label>
        {words.target[lang]}
        <select value={target} onChange={(e) => setTarget(e.currentTarget.value as typeof target)}>
          {targets.map((t) => (
            <option key={t} value={t}>
              {words[`target_${t}`][lang]}
            </option>
          ))}
        </select>
      </label>
      {target === 'credits' && (
        <label>
          {words.package[lang]}
          <select value={saleId || open[0]?.id} onChange={(e) => setSaleId(e.currentTarget.value)}>
            {open.map((s) => (
              <option key={s.id} value={s.id}>
                {nameOf(lang, s)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {words.amount[lang]}
        <input inputMode="decimal" value={amount} onInput={(e) => setAmount(e.currentTarget.value)} required />
      </label>
      <label>
        {words.reason[lang]}
        <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} required maxLength={500} />
      </label>
      <button class="primary">{words.save[lang]}</button>
      {said && (
        <p class="small" role="status">
          {said}
        </p>
      )}
    </form>
  );
}

/**
 * The LIFF camera scan, inside LINE only: the pluggable SDK's scanCodeV2 module, loaded with this
 * chunk (LIFF Mock answers it in tests). Null outside LINE or when the scan was closed.
 */
async function scanned(): Promise<string | null> {
  const { default: liff } = await import('@line/liff/core');
  if (!liff.isInClient?.()) return null;
  // LIFF Mock puts its own scanCodeV2 on the SDK; real LINE needs the module installed.
  if (!(liff as { scanCodeV2?: unknown }).scanCodeV2) {
    const { default: ScanCodeV2 } = await import('@line/liff/scan-code-v2');
    liff.use(new ScanCodeV2());
  }
  const r = await liff.scanCodeV2().catch(() => null);
  return r?.value ?? null;
}

/** The "Members" screen: a member number typed or scanned, then that member's panel. A wrong number is "not found", naming no other. */
export function FindMember(p: { lang: Lang; me: StaffMe }) {
  const { lang } = p;
  const [typed, setTyped] = useState('');
  const [found, setFound] = useState<{ id: string } | null>(null);
  const [said, setSaid] = useState('');
  const [inLine, setInLine] = useState(false);
  useEffect(() => {
    void import('@line/liff/core').then(({ default: liff }) => setInLine(Boolean(liff.isInClient?.())));
  }, []);
  const look = async (number: string) => {
    setFound(null);
    setSaid('');
    const a = await staffCall<Card>(`desk/members/lookup?number=${encodeURIComponent(number.trim())}`);
    if (a.kind === 'ok') setFound({ id: a.data.id });
    else setSaid(a.kind === 'refused' && a.status === 404 ? words.notFound[lang] : why(lang, a));
  };
  const scan = async () => {
    const value = await scanned();
    if (!value) return;
    setTyped(value);
    await look(value);
  };
  return (
    <>
      <h1>{words.find[lang]}</h1>
      <section class="card">
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim()) void look(typed);
          }}
        >
          <label>
            {words.typeNumber[lang]}
            <input value={typed} onInput={(e) => setTyped(e.currentTarget.value)} autoComplete="off" autoCapitalize="characters" maxLength={40} placeholder={`MEM-${new Date().getFullYear()}-XXXX`} />
          </label>
          <div class="actions">
            <button class="primary">{words.search[lang]}</button>
            {inLine && (
              <button type="button" class="quiet" onClick={() => void scan()}>
                {words.scan[lang]}
              </button>
            )}
          </div>
          {said && (
            <p class="small" role="status">
              {said}
            </p>
          )}
        </form>
      </section>
      {found && (
        <section class="card">
          <MemberPanel lang={lang} me={p.me} memberId={found.id} />
        </section>
      )}
      {p.me.permissions.includes('members.adjust') && <Approvals lang={lang} me={p.me} />}
    </>
  );
}

import { render } from 'preact';
import type { z } from 'zod';
import type { myMemberCard } from '../../../core/contracts/members.ts';
import { useLang, when, moneyMinor, type Dict, type Lang } from '../kit/i18n.ts';
import { NotShown, useSignedInRead } from '../kit/signed-in-read.tsx';
import { Badge, Page } from '../kit/ui.tsx';

/**
 * The member card (docs/members.md): inside LINE only, the member the verified LINE sign-in names.
 * The QR code comes drawn from the server (an SVG), so the page carries no QR library.
 */
type Mine = z.infer<typeof myMemberCard>;
type Card = NonNullable<Mine['card']>;

const words = {
  title: { th: 'บัตรสมาชิก', en: 'Member card' },
  number: { th: 'หมายเลขสมาชิก', en: 'Member number' },
  qr: { th: 'คิวอาร์โค้ดหมายเลขสมาชิก ให้พนักงานสแกน', en: 'QR code of your member number, for staff to scan' },
  wallet: { th: 'กระเป๋าเงิน', en: 'Wallet' },
  points: { th: 'คะแนนสะสม', en: 'Points' },
  credits: { th: 'เครดิตคลาส', en: 'Class credits' },
  left: { th: 'เหลือ {n} จาก {of} ครั้ง', en: '{n} of {of} left' },
  until: { th: 'ใช้ได้ถึง', en: 'Valid until' },
  noCredits: { th: 'ยังไม่มีแพ็กเกจ', en: 'No packages yet' },
  usage: { th: 'ประวัติการใช้', en: 'Usage' },
  noUsage: { th: 'ยังไม่มีการใช้', en: 'Nothing used yet' },
  byCredit: { th: 'ใช้ {n} เครดิต', en: '{n} credit used' },
  byWallet: { th: 'ชำระจากกระเป๋าเงิน', en: 'Paid from the wallet' },
  returned: { th: 'คืนแล้ว', en: 'Returned' },
  toNext: { th: 'อีก {n} คะแนนถึงระดับ {tier}', en: '{n} points to {tier}' },
  member: { th: 'สมาชิก', en: 'Member' },
  notMember: { th: 'คุณยังไม่ได้เป็นสมาชิก ทักแชทเพื่อสมัครหรือซื้อแพ็กเกจได้เลยค่ะ', en: 'You are not a member yet: message us in the chat to join or buy a package.' },
  inLine: { th: 'เปิดหน้านี้ใน LINE เพื่อดูบัตรสมาชิกของคุณค่ะ', en: 'Open this page in LINE to see your member card.' },
  signInAgain: { th: 'การเข้าสู่ระบบ LINE หมดอายุ กรุณาเปิดหน้านี้ใหม่จากแชทค่ะ', en: 'Your LINE sign-in has expired: open this page again from the chat.' },
} satisfies Dict;

const fill = (t: string, v: Record<string, string | number>) => t.replace(/\{(\w+)\}/g, (_m, k: string) => String(v[k] ?? ''));
const nameOf = (lang: Lang, x: { nameTh: string; nameEn: string }) => (lang === 'th' ? x.nameTh : x.nameEn);

function MemberCard({ lang, card, qrSvg }: { lang: Lang; card: Card; qrSvg: string | null }) {
  const open = card.packages.filter((p) => p.status === 'active');
  return (
    <>
      <section class="card member" aria-labelledby="number">
        <div class="row">
          <div>
            <div class="muted small" id="number">{words.number[lang]}</div>
            <strong class="member-number" data-testid="member-number">{card.number}</strong>
            <div>{card.name}</div>
          </div>
          <Badge tone="info">{card.tier ? nameOf(lang, card.tier) : words.member[lang]}</Badge>
        </div>
        {qrSvg && <img class="qr" width="160" height="160" alt={words.qr[lang]} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`} />}
        {card.nextTier && <p class="muted small">{fill(words.toNext[lang], { n: card.nextTier.pointsToGo.toLocaleString(), tier: nameOf(lang, card.nextTier) })}</p>}
      </section>
      <section class="card" aria-label={`${words.wallet[lang]}, ${words.points[lang]}`}>
        <dl class="figures">
          <div>
            <dt>{words.wallet[lang]}</dt>
            <dd data-testid="wallet">{moneyMinor(lang, card.wallet.balanceMinor, card.wallet.currency)}</dd>
          </div>
          <div>
            <dt>{words.points[lang]}</dt>
            <dd data-testid="points">{card.points.toLocaleString()}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="credits">
        <h2 id="credits">{words.credits[lang]}</h2>
        {open.length === 0 && <p class="muted">{words.noCredits[lang]}</p>}
        <ul class="list">
          {open.map((p) => (
            <li class="card" key={p.id} data-testid="package">
              <strong>{nameOf(lang, p)}</strong>
              <div>{fill(words.left[lang], { n: p.creditsLeft, of: p.credits })}</div>
              <div class="muted small">
                {words.until[lang]} {when(lang, p.expiresAt, false)}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="usage">
        <h2 id="usage">{words.usage[lang]}</h2>
        {card.usage.length === 0 && <p class="muted">{words.noUsage[lang]}</p>}
        <ul class="list">
          {card.usage.map((u) => (
            <li class="card" key={u.bookingNumber}>
              <div class="row">
                <strong>{u.service[lang] ?? u.bookingNumber}</strong>
                {u.returned && <Badge tone="ok">{words.returned[lang]}</Badge>}
              </div>
              <div class="muted small">
                {when(lang, u.at)} · {u.paidWith === 'credits' ? fill(words.byCredit[lang], { n: u.credits }) : `${words.byWallet[lang]} ${moneyMinor(lang, u.amountMinor, card.wallet.currency)}`}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function CardPage() {
  const [lang, setLang] = useLang();
  const [state, load] = useSignedInRead<Mine>('/liff-api/v1/me/card');
  return (
    <Page lang={lang} setLang={setLang} title={words.title[lang]}>
      <h1>{words.title[lang]}</h1>
      <NotShown state={state} lang={lang} inLine={words.inLine[lang]} signInAgain={words.signInAgain[lang]} retry={load} />
      {state.kind === 'shown' && (state.mine.card ? <MemberCard lang={lang} card={state.mine.card} qrSvg={state.mine.qrSvg} /> : <p class="card">{words.notMember[lang]}</p>)}
    </Page>
  );
}

render(<CardPage />, document.getElementById('app')!);

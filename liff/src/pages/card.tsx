import { render } from 'preact';
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { myMemberCard, topUp } from '../../../core/contracts/members.ts';
import { readTypedAmount } from '../../../core/contracts/typed-amount.ts';
import { call } from '../kit/api.ts';
import { useLang, when, moneyMinor, type Dict, type Lang } from '../kit/i18n.ts';
import { lineSession } from '../kit/line.ts';
import { NotShown, useSignedInRead } from '../kit/signed-in-read.tsx';
import { Badge, Page } from '../kit/ui.tsx';

/**
 * The member card (docs/members.md): inside LINE only, the member the verified LINE sign-in names.
 * The QR code comes drawn from the server (an SVG), so the page carries no QR library.
 */
type Mine = z.infer<typeof myMemberCard>;
type Card = NonNullable<Mine['card']>;
type Offer = Mine['offers'][number];

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
  buy: { th: 'ซื้อแพ็กเกจ', en: 'Buy a package' },
  offer: { th: '{n} ครั้ง · {services} · ใช้ได้ {days} วัน', en: '{n} classes · {services} · valid {days} days' },
  choose: { th: 'เลือก', en: 'Choose' },
  youPay: { th: 'ชำระ {price} รับ {name}: {n} ครั้ง ใช้ได้ {days} วันนับจากวันที่ชำระ', en: 'You pay {price} and get {name}: {n} classes, valid {days} days from payment.' },
  pay: { th: 'ชำระ {price}', en: 'Pay {price}' },
  cancel: { th: 'ยกเลิก', en: 'Cancel' },
  topUp: { th: 'เติมเงินเข้ากระเป๋า', en: 'Top up the wallet' },
  amount: { th: 'จำนวนเงิน (บาท)', en: 'Amount (baht)' },
  next: { th: 'ถัดไป', en: 'Continue' },
  afterTopUp: { th: 'ชำระ {price} แล้วกระเป๋าเงินจะมี {after}', en: 'You pay {price}; your wallet will then hold {after}.' },
  badAmount: { th: 'กรุณาใส่จำนวนเงินอย่างน้อย 20 บาท เช่น 1,500', en: 'Enter at least 20 baht, like 1,500.' },
  failed: { th: 'ยังเปิดหน้าชำระเงินไม่ได้ กรุณาลองใหม่อีกครั้งค่ะ', en: 'The payment page could not be opened: please try again.' },
  thanks: { th: 'ขอบคุณค่ะ ยอดจะแสดงเมื่อยืนยันการชำระเงินแล้ว', en: 'Thank you: it shows here once the payment is confirmed.' },
} satisfies Dict;

/** Asks for a Stripe link as the signed-in member and goes to it; false when it could not be had. */
async function payThrough(path: string, body: unknown): Promise<boolean> {
  const session = await lineSession({ signIn: true });
  const a = session ? await call<z.infer<typeof topUp>>(path, { method: 'POST', body, idToken: session.idToken }) : null;
  if (a?.kind !== 'ok') return false;
  location.assign(a.data.url);
  return true;
}

/** What the member may buy, and a top-up: the price and what they get shown before they confirm (docs/members.md, "Buying from the card"). */
function Buying({ lang, card, offers }: { lang: Lang; card: Card; offers: Offer[] }) {
  const [chosen, setChosen] = useState<Offer | null>(null);
  const [typed, setTyped] = useState('');
  const [topUpMinor, setTopUpMinor] = useState<number | null>(null);
  const [said, setSaid] = useState('');
  const price = (minor: number) => moneyMinor(lang, minor, card.wallet.currency);
  const go = async (path: string, body: unknown) => setSaid((await payThrough(path, body)) ? '' : words.failed[lang]);
  return (
    <>
      {offers.length > 0 && (
        <section aria-labelledby="buy">
          <h2 id="buy">{words.buy[lang]}</h2>
          <ul class="list">
            {offers.map((o) => (
              <li class="card" key={o.key} data-testid="offer">
                <div class="row">
                  <strong>{nameOf(lang, o)}</strong>
                  <strong>{price(o.priceMinor)}</strong>
                </div>
                <div class="muted small">{fill(words.offer[lang], { n: o.credits, services: o.services.map((x) => x[lang]).join(', '), days: o.validityDays })}</div>
                {chosen?.key === o.key ? (
                  <div role="group" aria-label={nameOf(lang, o)}>
                    <p>{fill(words.youPay[lang], { price: price(o.priceMinor), name: nameOf(lang, o), n: o.credits, days: o.validityDays })}</p>
                    <div class="actions">
                      <button class="primary" onClick={() => void go('/liff-api/v1/me/card/packages', { packageKey: o.key })}>
                        {fill(words.pay[lang], { price: price(o.priceMinor) })}
                      </button>
                      <button class="quiet" onClick={() => setChosen(null)}>
                        {words.cancel[lang]}
                      </button>
                    </div>
                  </div>
                ) : (
                  <button class="quiet" aria-label={`${words.choose[lang]} ${nameOf(lang, o)}`} onClick={() => setChosen(o)}>
                    {words.choose[lang]}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="card" aria-labelledby="top-up">
        <h2 id="top-up">{words.topUp[lang]}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const baht = readTypedAmount(typed);
            const minor = baht === undefined ? null : Math.round(baht * 100);
            setTopUpMinor(minor !== null && minor >= 2000 ? minor : null);
            setSaid(minor !== null && minor >= 2000 ? '' : words.badAmount[lang]);
          }}
        >
          <label for="amount">{words.amount[lang]}</label>
          <input id="amount" inputMode="decimal" value={typed} onInput={(e) => (setTyped(e.currentTarget.value), setTopUpMinor(null))} placeholder="1,500" />
          {topUpMinor === null ? (
            <div class="actions">
              <button class="primary">{words.next[lang]}</button>
            </div>
          ) : (
            <>
              <p data-testid="top-up-after">{fill(words.afterTopUp[lang], { price: price(topUpMinor), after: price(card.wallet.balanceMinor + topUpMinor) })}</p>
              <div class="actions">
                <button type="button" class="primary" onClick={() => void go('/liff-api/v1/me/card/top-ups', { amount: typed })}>
                  {fill(words.pay[lang], { price: price(topUpMinor) })}
                </button>
                <button type="button" class="quiet" onClick={() => setTopUpMinor(null)}>
                  {words.cancel[lang]}
                </button>
              </div>
            </>
          )}
        </form>
      </section>
      {said && (
        <p class="card" role="alert">
          {said}
        </p>
      )}
    </>
  );
}

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
                {/* The class's own date where it has one: what a member looks for, more than when it was booked. */}
                {when(lang, u.bookedFor ?? u.at)} · {u.paidWith === 'credits' ? fill(words.byCredit[lang], { n: u.credits }) : `${words.byWallet[lang]} ${moneyMinor(lang, u.amountMinor, card.wallet.currency)}`}
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
      {/* Back from Stripe: the figures change once Stripe tells us, a moment later. */}
      {new URLSearchParams(location.search).has('topped_up') && <p class="banner tone-info">{words.thanks[lang]}</p>}
      {state.kind === 'shown' &&
        (state.mine.card ? (
          <>
            <MemberCard lang={lang} card={state.mine.card} qrSvg={state.mine.qrSvg} />
            <Buying lang={lang} card={state.mine.card} offers={state.mine.offers} />
          </>
        ) : (
          <p class="card">{words.notMember[lang]}</p>
        ))}
    </Page>
  );
}

render(<CardPage />, document.getElementById('app')!);

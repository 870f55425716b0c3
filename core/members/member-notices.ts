import type { Knex } from 'knex';
import { customerChatOf, formatBookingDate } from '../bookings/booking-desk.ts';
import { queueMessages } from '../conversations/outgoing.ts';
import { formatMinorUnits } from '../templates/format-money.ts';
import { renderTemplate } from '../templates/render-template.ts';
import { DEFAULT_TIME_ZONE, localMoment } from '../time/org-time.ts';
import type { Language } from '../vocabulary.ts';
import { memberCard } from './member-card.ts';
import { memberById, memberOfContact } from './members.ts';
import { holderBalances } from '../ledger/ledger.ts';
import { CREDITS } from './member-ledger.ts';
import type { MemberMovement } from './member-events.ts';
import { markExpiryNoticed, type SaleRow } from './package-sales.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * What a member reads in the chat: their balance when they ask ("ยอดคงเหลือ", "my balance"),
 * a package's credits about to run out, and a credit that paid for a booking. Texts from the org's
 * templates (`member_balance`, `member_not_member`, `member_credits_expiring`,
 * `member_credit_spent`), th and en.
 */
type Db = Knex | Knex.Transaction;

const dateOf = (zone: string, at: string | Date, language: Language) => formatBookingDate(localMoment(zone, new Date(at)).date, language);

/** The member's figures as the chat tells them: wallet, points, credits by package with expiry, the card's link. */
export async function balanceText(db: Db, r: { orgId: string; contactId: string; language: Language; cardUrl: string }): Promise<string> {
  const member = await memberOfContact(db, r.orgId, r.contactId);
  if (!member) return (await renderTemplate(db, r.orgId, 'member_not_member', r.language, {})) ?? '';
  const card = await memberCard(db, member);
  const org = await orgSettingsRow(db, r.orgId);
  const zone = org?.time_zone ?? DEFAULT_TIME_ZONE;
  const open = card.packages.filter((p) => p.status === 'active');
  const credits = open.length
    ? open.map((p) => (r.language === 'th' ? `• ${p.nameTh}: เหลือ ${p.creditsLeft} ครั้ง (ใช้ได้ถึง ${dateOf(zone, p.expiresAt, 'th')})` : `• ${p.nameEn}: ${p.creditsLeft} left (until ${dateOf(zone, p.expiresAt, 'en')})`)).join('\n')
    : r.language === 'th' ? '• ไม่มีเครดิตคงเหลือ' : '• no credits';
  return (
    (await renderTemplate(db, r.orgId, 'member_balance', r.language, {
      member_number: member.number,
      wallet: formatMinorUnits(card.wallet.balanceMinor, card.wallet.currency, r.language),
      points: card.points.toLocaleString('en-US'),
      credits,
      card_url: r.cardUrl,
    })) ?? ''
  );
}

/** Tells the member that a package's credits run out soon; once per package sold. */
export async function tellCreditsExpiring(trx: Knex.Transaction, sale: SaleRow, creditsLeft: number): Promise<boolean> {
  if (!(await markExpiryNoticed(trx, sale.id))) return false;
  if (creditsLeft <= 0) return false;
  const member = await memberById(trx, sale.org_id, sale.member_id);
  const contact = await trx('contacts').where({ id: member.contactId }).first('language');
  const org = await orgSettingsRow(trx, sale.org_id);
  const language: Language = contact?.language === 'en' ? 'en' : 'th';
  const text = await renderTemplate(trx, sale.org_id, 'member_credits_expiring', language, {
    package: language === 'th' ? sale.name_th : sale.name_en,
    credits: creditsLeft,
    date: dateOf(org?.time_zone ?? DEFAULT_TIME_ZONE, sale.expires_at, language),
  });
  const conversationId = await customerChatOf(trx, { orgId: sale.org_id, contactId: member.contactId, conversationId: null });
  if (!text || !conversationId) return false;
  await queueMessages(trx, { orgId: sale.org_id, conversationId, messages: [{ kind: 'text', text }], senderType: 'system' });
  return true;
}

/**
 * A credit spent on a booking (booked with credits, or marked used at the class), told to the
 * member with what is left of that package: a subscriber of the member's movements, in the
 * transaction that spent it, so the message goes out with the booking or not at all.
 */
export async function tellCreditSpent(trx: Knex.Transaction, m: MemberMovement): Promise<void> {
  if (m.what !== 'credits' || m.kind !== 'debited' || m.cause !== 'booking') return;
  const paid = await trx('member_booking_payments as p').join('member_package_sales as s', 's.id', 'p.sale_id').join('bookings as b', 'b.id', 'p.booking_id').where('p.booking_id', m.sourceId).first('s.id', 's.name_th', 's.name_en', 'b.number', 'b.conversation_id');
  if (!paid) return;
  const conversationId = await customerChatOf(trx, { orgId: m.member.orgId, contactId: m.member.contactId, conversationId: paid.conversation_id ?? null });
  if (!conversationId) return;
  const contact = await trx('contacts').where({ id: m.member.contactId }).first('language');
  const language: Language = contact?.language === 'en' ? 'en' : 'th';
  const left = (await holderBalances(trx, m.member.orgId, 'member_credits', CREDITS, [paid.id])).get(paid.id) ?? 0;
  const text = await renderTemplate(trx, m.member.orgId, 'member_credit_spent', language, { credits: m.amount, package: language === 'th' ? paid.name_th : paid.name_en, booking_id: paid.number, left });
  if (text) await queueMessages(trx, { orgId: m.member.orgId, conversationId, messages: [{ kind: 'text', text }], senderType: 'system' });
}

import type { Knex } from 'knex';
import { customerChatOf, formatBookingDate } from '../bookings/booking-desk.ts';
import { queueMessages } from '../conversations/outgoing.ts';
import { formatMinorUnits } from '../templates/format-money.ts';
import { renderTemplate } from '../templates/render-template.ts';
import { DEFAULT_TIME_ZONE, localMoment } from '../time/org-time.ts';
import type { Language } from '../vocabulary.ts';
import { memberCard } from './member-card.ts';
import { memberById, memberOfContact } from './members.ts';
import { markExpiryNoticed, type SaleRow } from './package-sales.ts';
import { orgSettingsRow } from '../orgs/org-cache.ts';

/**
 * What a member reads in the chat: their balance when they ask ("ยอดคงเหลือ", "my balance"),
 * and a package's credits about to run out. Texts from the org's templates (`member_balance`,
 * `member_not_member`, `member_credits_expiring`), th and en.
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
      wallet: formatMinorUnits(card.wallet.balanceMinor, card.wallet.currency),
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

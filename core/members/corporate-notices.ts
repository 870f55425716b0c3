import type { Knex } from 'knex';
import { DomainError } from '../errors/index.ts';
import { renderTemplate } from '../templates/render-template.ts';
import type { Language } from '../vocabulary.ts';
import { CODE_MISSES_PER_HOUR, codeMissesLastHour, joinByCode, recordCodeMiss } from './corporate-clients.ts';

/**
 * A customer typing a corporate client's code in the chat ("join ACME-7F3K", "เข้าร่วม ACME-7F3K"):
 * they take a seat, or are told in their language why not (templates `corporate_*`, th and en).
 * The join runs in a savepoint, so a refusal leaves nothing of it; a code that is no client's is
 * counted, and after CODE_MISSES_PER_HOUR wrong codes in an hour no code is looked up for that
 * contact until the hour has passed (codes cannot be tried one after another).
 */
const REFUSAL_TEMPLATE: Record<string, string> = {
  seats_full: 'corporate_seats_full',
  client_suspended: 'corporate_closed',
  client_not_started: 'corporate_closed',
  client_expired: 'corporate_closed',
  seated_elsewhere: 'corporate_seated_elsewhere',
};

export async function joinClientInChat(trx: Knex.Transaction, r: { orgId: string; contactId: string; language: Language; code: string; cardUrl: string; now: Date }): Promise<string> {
  const t = async (key: string, vars: Record<string, string | number> = {}) => (await renderTemplate(trx, r.orgId, key, r.language, vars)) ?? '';
  if ((await codeMissesLastHour(trx, r.orgId, r.contactId, r.now)) >= CODE_MISSES_PER_HOUR) return t('corporate_too_many_tries');
  try {
    const j = await trx.transaction((sp) => joinByCode(sp, { orgId: r.orgId, contactId: r.contactId, code: r.code, now: r.now }));
    if (!j.joined) return t('corporate_already_joined', { client: j.client.name, member_number: j.member.number });
    const sale = j.saleId ? await trx('member_package_sales').where({ id: j.saleId }).first('name_th', 'name_en', 'credits') : null;
    const pkg = sale ? (r.language === 'th' ? `\nแพ็กเกจ: ${sale.name_th} (${sale.credits} ครั้ง)` : `\nPackage: ${sale.name_en} (${sale.credits} credits)`) : '';
    return t('corporate_joined', { client: j.client.name, member_number: j.member.number, package: pkg, card_url: r.cardUrl });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    if (err.code === 'not_found') {
      await recordCodeMiss(trx, r.orgId, r.contactId, r.now);
      return t('corporate_code_unknown');
    }
    const d = err.details as { reason?: string; client?: string } | undefined;
    const key = d?.reason ? REFUSAL_TEMPLATE[d.reason] : undefined;
    if (!key) throw err;
    return t(key, { client: d?.client ?? '' });
  }
}

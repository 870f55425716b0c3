import type { Knex } from 'knex';
import type { z } from 'zod';
import type { caseCreate } from '../contracts/cases.ts';
import { namedCustomer, type CustomerHandle } from '../contacts/named-customer.ts';
import { contactLanguage } from '../contacts/contact-identities.ts';
import { lockKeys } from '../contacts/contact-matching.ts';
import { openConversation } from '../conversations/conversation-log.ts';
import { DomainError, validationFailed } from '../errors/index.ts';
import { bodyHash } from '../http/idempotency-key.ts';
import type { CaseStatus } from '../vocabulary.ts';
import { openCase } from './open-case.ts';
import type { CaseActorType } from './case-timeline.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * Cases from anywhere (`POST /api/v1/cases`): the business's system, a ticket or staff by hand
 * opens a case for a customer named by id, LINE user id, phone or e-mail. It is opened by
 * `openCase` like a chat's case (the SLA clocks, the timeline, the staff group's card), and its
 * customer is told on their chat when they have one (a LINE chat, or the latest direct
 * conversation on a channel in use); one who has none is not told, and the case opens all the same.
 *
 * The request's `Idempotency-Key` is the case's (`cases.idempotency_key`, unique per org), with the
 * hash of the body: the same key again answers that case and creates nothing; with another body
 * it is refused, `idempotency_key_reused`. A lock on the key makes a retry sent while the first
 * request is still running wait for it and then get its case.
 */
export type CaseRequestBody = z.infer<typeof caseCreate>;

export interface CaseRequest {
  orgId: string;
  key: string;
  body: CaseRequestBody;
  actor: { type: CaseActorType; id: string };
  now?: Date;
}

export interface RequestedCase {
  number: string;
  status: CaseStatus;
  severity: string;
  source: 'api' | 'manual' | 'ticket';
  contactId: string;
  contactCreated: boolean;
  customerNotified: boolean;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

export async function openRequestedCase(knex: Knex, r: CaseRequest): Promise<{ replayed: boolean; case: RequestedCase }> {
  const hash = bodyHash(r.body);
  return knex.transaction(async (trx) => {
    await lockKeys(trx, [`case-request:${r.orgId}:${r.key}`]);
    const seen = await trx('cases').where({ org_id: r.orgId, idempotency_key: r.key }).first();
    if (seen) {
      if (seen.idempotency_hash !== hash) {
        throw new DomainError('idempotency_key_reused', `This Idempotency-Key was already used for case ${seen.number} with a different body`, [
          { path: 'Idempotency-Key', message: 'Already used with another body: use a new key for a new case, or send the same body to get its case' },
        ]);
      }
      return { replayed: true, case: answerOf(seen, { contactCreated: false }) };
    }
    const b = r.body;
    // The case type first: a refused request leaves no contact behind.
    const type = await trx('case_types').select('id').where({ org_id: r.orgId, key: b.caseType, is_active: true }).first();
    if (!type) throw validationFailed('The request body is not valid', [{ path: 'caseType', message: `No case type in use has the key "${b.caseType}"` }]);
    const org = await orgSettingsRow(trx, r.orgId);
    const orgLanguage = org?.default_language === 'en' ? 'en' : 'th';
    const customer = await namedCustomer(trx, r.orgId, handleOf(b), { name: b.contactName, language: b.language ?? orgLanguage });
    if ('refused' in customer) throw validationFailed('The request body is not valid', [customer.refused]);
    const conversationId = await customerChat(trx, r.orgId, customer.contactId);
    const opened = await openCase(trx, {
      orgId: r.orgId,
      caseTypeKey: b.caseType,
      contactId: customer.contactId,
      conversationId,
      sourceMessageId: null,
      source: b.source,
      summary: b.summary,
      language: b.language ?? (await contactLanguage(trx, customer.contactId)),
      fields: b.fields ?? {},
      now: r.now,
      actor: r.actor,
      severity: b.severity,
      idempotency: { key: r.key, hash },
      tellCustomer: true,
    });
    const row = await trx('cases').where({ id: opened.id }).first();
    return { replayed: false, case: answerOf(row, { contactCreated: customer.created }) };
  });
}

function handleOf(b: CaseRequestBody): CustomerHandle {
  if (b.contactId) return { contactId: b.contactId };
  if (b.lineUserId) return { lineUserId: b.lineUserId };
  if (b.phone) return { phone: b.phone };
  return { email: b.email! };
}

/**
 * Where the customer can be told: their latest direct conversation on a channel in use, else a
 * LINE chat opened for their LINE identity (a customer made known by LINE id has none yet). Null
 * when they have neither: a phone or an e-mail alone reaches no chat.
 */
async function customerChat(trx: Knex.Transaction, orgId: string, contactId: string): Promise<string | null> {
  const latest = await trx('conversations as cv')
    .join('channels as ch', 'ch.id', 'cv.channel_id')
    .select('cv.id')
    .where({ 'cv.org_id': orgId, 'cv.contact_id': contactId, 'cv.kind': 'direct', 'ch.is_active': true })
    .orderByRaw('cv.last_message_at DESC NULLS LAST, cv.created_at DESC')
    .first();
  if (latest) return latest.id;
  const line = await trx('contact_identities as ci')
    .join('channels as ch', 'ch.id', 'ci.channel_id')
    .select('ci.channel_id', 'ci.external_id')
    .where({ 'ci.org_id': orgId, 'ci.contact_id': contactId, 'ch.kind': 'line', 'ch.is_active': true })
    .orderBy('ci.created_at')
    .first();
  if (!line) return null;
  return openConversation(trx, { orgId, channelId: line.channel_id, kind: 'direct', externalId: line.external_id, contactId });
}

function answerOf(row: Record<string, any>, o: { contactCreated: boolean }): RequestedCase {
  return {
    number: row.number,
    status: row.status,
    severity: row.severity,
    source: row.source,
    contactId: row.contact_id,
    contactCreated: o.contactCreated,
    customerNotified: row.conversation_id !== null,
    firstResponseDueAt: row.first_response_due_at,
    resolutionDueAt: row.resolution_due_at,
  };
}

import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import { notFound, validationFailed } from '../errors/index.ts';
import { changingOrg } from '../db/org-cache.ts';
import type { Language } from '../vocabulary.ts';
import { emailTemplateOfRow, sanitiseEmailHtml, type EmailTemplate } from './email-templates.ts';

/**
 * Admins edit the customer-facing texts. A variable the product does not fill would reach the
 * customer as a blank, so a body may only use the variables the product knows.
 */
export const TEMPLATE_VARIABLES = [
  'case_id', 'status', 'eta', 'order_id', 'amount', 'provider', 'elapsed_time', 'tracking_url',
  'booking_id', 'service', 'date', 'time', 'party_size', 'missing', 'name', 'role', 'quote_url', 'valid_until',
  'booking_form_url', 'opens_at', 'seats_left', 'notice_version', 'position', 'seats', 'expires_at',
  'payment_url', 'receipt_url',
  // What a booking in chat was refused for (bot/conversation/booking-slots.ts): the day's hours, the service's places.
  'hours', 'capacity',
  // A customer's latest documents, listed with their links (bot/conversation/act.ts `documents`).
  'documents',
  // Members (core/members/member-notices.ts).
  'member_number', 'wallet', 'points', 'credits', 'card_url', 'package', 'left', 'client', 'tier', 'months',
  // A question asked with a booking in chat, in the customer's words (bot/conversation/booking-slots.ts).
  'question',
  // The end of a transfer the customer said, when the other is asked for (bot/conversation/booking-slots.ts).
  'place',
  // What the customer added for the team at a booking's summary (bot/conversation/booking-slots.ts).
  'note',
  // A booking's price for all its people, asked in the booking (bot/conversation/act.ts `service_price`).
  'total',
  // How long a service takes, asked (bot/conversation/act.ts `service_duration`).
  'duration',
] as const;

/** The variables a body uses that are not among `known` (the templates' own by default). */
export function unknownVariables(body: string, known: readonly string[] = TEMPLATE_VARIABLES): string[] {
  const used = [...body.matchAll(/\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi)].map((m) => m[1]);
  return [...new Set(used.filter((v) => !known.includes(v)))];
}

/** Refuses (422, naming them) bodies that use a variable nobody would fill: the customer would read a blank. */
export function assertKnownVariables(bodies: string[], known: readonly string[] = TEMPLATE_VARIABLES): void {
  const unknown = [...new Set(bodies.flatMap((b) => unknownVariables(b, known)))];
  if (unknown.length) {
    throw validationFailed(`Unknown template variables: ${unknown.map((v) => `{{${v}}}`).join(', ')}`, { unknown, known });
  }
}

/** A text as the org's admins see it. */
export interface TemplateView {
  key: string;
  language: Language;
  body: string;
  description: string | null;
  whatsappContentSid: string | null;
  /** The text as an e-mail: its subject, HTML and plain text (email-templates.ts). */
  email: EmailTemplate;
  updatedAt: string;
  /** On a save: what was taken out of the e-mail's HTML (a script, an image), so the admin knows. */
  emailHtmlRemoved?: string[];
}

const COLUMNS = ['key', 'language', 'body', 'description', 'whatsapp_content_sid', 'email_subject', 'email_html', 'email_text', 'updated_at'];

function templateView(r: Record<string, any>): TemplateView {
  return {
    key: r.key,
    language: r.language,
    body: r.body,
    description: r.description,
    whatsappContentSid: r.whatsapp_content_sid,
    email: emailTemplateOfRow(r as Parameters<typeof emailTemplateOfRow>[0]),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function listTemplates(db: Knex, orgId: string): Promise<TemplateView[]> {
  const rows = await db('templates').select(COLUMNS).where({ org_id: orgId }).orderBy(['key', 'language']);
  return rows.map(templateView);
}

export async function updateTemplate(
  db: Knex,
  t: {
    orgId: string;
    key: string;
    language: Language;
    body?: string;
    whatsappContentSid?: string | null;
    /** Any of the e-mail's parts; those left out keep what is stored. */
    email?: Partial<EmailTemplate>;
    actor: { type: 'api_key' | 'staff'; id: string };
    requestId?: string;
  },
): Promise<TemplateView> {
  assertKnownVariables([t.body, t.email?.subject, t.email?.html, t.email?.text].filter((b): b is string => b !== undefined));
  const html = t.email?.html === undefined ? undefined : sanitiseEmailHtml(t.email.html);
  // The org's templates are kept in memory (core/db/org-cache.ts): the admin who saved reads the new text at once.
  return changingOrg(db, t.orgId, async (trx) => {
    const current = await trx('templates').where({ org_id: t.orgId, key: t.key, language: t.language }).forUpdate().first();
    if (!current) throw notFound('Template', { key: t.key, language: t.language });
    const [updated] = await trx('templates')
      .where({ id: current.id })
      .update({
        ...(t.body !== undefined ? { body: t.body } : {}),
        ...(t.whatsappContentSid !== undefined ? { whatsapp_content_sid: t.whatsappContentSid } : {}),
        ...(t.email?.subject !== undefined ? { email_subject: t.email.subject } : {}),
        ...(html ? { email_html: html.html } : {}),
        ...(t.email?.text !== undefined ? { email_text: t.email.text } : {}),
        updated_at: trx.fn.now(),
      })
      .returning(COLUMNS);
    await recordAudit(trx, {
      orgId: t.orgId,
      actorType: t.actor.type,
      actorId: t.actor.id,
      action: 'template.updated',
      subjectType: 'template',
      subjectId: current.id,
      details: {
        key: t.key,
        language: t.language,
        ...(t.body !== undefined ? { from: current.body, to: t.body } : {}),
        ...(t.email ? { email: { from: emailTemplateOfRow(current), to: emailTemplateOfRow(updated) } } : {}),
      },
      requestId: t.requestId,
    });
    return { ...templateView(updated), ...(html?.removed.length ? { emailHtmlRemoved: html.removed } : {}) };
  });
}

/** A customer-facing text in both languages, as a new org starts with it. */
export interface StartingText {
  key: string;
  description: string;
  th: string;
  en: string;
}

/**
 * Gives a new org every customer-facing text the product sends (the deployment's starting set,
 * which its admins then edit): what it has under a key already is kept.
 */
export async function installStartingTexts(trx: Knex | Knex.Transaction, orgId: string, texts: readonly StartingText[]): Promise<void> {
  const rows = texts.flatMap((t) => (['th', 'en'] as const).map((language) => ({ org_id: orgId, key: t.key, language, body: t[language], description: t.description })));
  if (rows.length) await trx('templates').insert(rows).onConflict(['org_id', 'key', 'language']).ignore();
}

/** A starting text worded for one kind of business (a starter kit's, core/orgs/starter-kit-contents.ts). */
export type KindOfBusinessText = Omit<StartingText, 'description'>;

/**
 * Words the org's starting texts for its kind of business (an order desk has nothing to book, so its
 * welcome does not offer a booking): only texts never changed since they were installed
 * (`updated_at` still its `created_at`; the table's trigger moves it on any change, this one's
 * included), so an admin's own wording always stays. Returns how many texts changed, language by
 * language.
 */
export async function rewordUneditedTexts(db: Knex, orgId: string, texts: readonly KindOfBusinessText[], actor: { type: 'api_key' | 'staff' | 'system'; id?: string | null }, requestId?: string): Promise<number> {
  if (texts.length === 0) return 0;
  return changingOrg(db, orgId, async (trx) => {
    let changed = 0;
    for (const t of texts) {
      for (const language of ['th', 'en'] as const) {
        const [row] = await trx('templates')
          .where({ org_id: orgId, key: t.key, language })
          .whereRaw('updated_at = created_at')
          .whereNot('body', t[language])
          .update({ body: t[language] })
          .returning(['id', 'body']);
        if (!row) continue;
        changed++;
        await recordAudit(trx, { orgId, actorType: actor.type, actorId: actor.id ?? null, action: 'template.updated', subjectType: 'template', subjectId: row.id, details: { key: t.key, language, to: t[language], by: 'starter_kit' }, requestId });
      }
    }
    return changed;
  });
}

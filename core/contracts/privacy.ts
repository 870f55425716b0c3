import { z } from 'zod';

/**
 * PDPA consent (docs/privacy.md): the org's privacy notice, each version kept, and a customer's
 * answers to it. Shared with the pages (the booking form, the full notice, Settings).
 */
const instant = z.iso.datetime({ offset: true });

/** `withdrawn`: a refusal that followed a consent (recorded so by the server, never asked for). */
export const CONSENT_ANSWERS = ['granted', 'declined', 'withdrawn'] as const;
export type ConsentAnswer = (typeof CONSENT_ANSWERS)[number];
/** Where an answer was given: tapped in the chat, ticked in the booking form inside LINE or the website's, told to staff; `erasure`: withdrawn by an erasure. */
export const CONSENT_SOURCES = ['chat', 'booking_form', 'web_form', 'staff', 'erasure'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** What a customer or staff may say: the server records a refusal after a consent as `withdrawn`. */
const given = z.enum(['granted', 'declined']);
const noticeVersion = z.number().int().min(1).max(1_000_000);

export const privacyNotice = z
  .object({
    version: z.number().int().meta({ description: '1, 2, 3...: each published text is a new version; none is ever changed' }),
    text: z.object({ th: z.string(), en: z.string() }),
    publishedAt: instant,
  })
  .meta({ id: 'PrivacyNotice' });
export type PrivacyNotice = z.infer<typeof privacyNotice>;

export const privacyNotices = z
  .object({
    current: privacyNotice.nullable().meta({ description: 'The latest version, the one customers are shown; null: the org has none, and nobody is asked' }),
    versions: z.array(privacyNotice).meta({ description: 'Every version, newest first' }),
  })
  .meta({ id: 'PrivacyNotices' });

const noticeText = z.string().trim().min(20, 'Too short for a privacy notice (20 characters at least)').max(20_000);
export const privacyNoticePublish = z
  .object({ text: z.object({ th: noticeText, en: noticeText }).strict() })
  .strict()
  .meta({ id: 'PrivacyNoticePublish', description: 'The full notice in Thai and English; published as the next version' });

export const consentRecord = z
  .object({
    id: z.string(),
    noticeVersion: z.number().int(),
    answer: z.enum(CONSENT_ANSWERS),
    source: z.enum(CONSENT_SOURCES),
    channel: z.string().nullable().meta({ description: 'The chat it was tapped in (line, whatsapp)' }),
    actorType: z.string(),
    actorId: z.string().nullable(),
    at: instant,
  })
  .meta({ id: 'ConsentRecord' });

/** A customer's consent as staff read it: the latest answer, and whether it answered the notice shown today. */
export const contactConsent = z
  .object({
    answer: z.enum(CONSENT_ANSWERS),
    noticeVersion: z.number().int(),
    source: z.enum(CONSENT_SOURCES),
    at: instant,
    currentNoticeVersion: z.number().int().nullable(),
    upToDate: z.boolean().meta({ description: 'The answer is to the current notice; false: a newer version was published since' }),
  })
  .meta({ id: 'ContactConsent' });

export const consentHistory = z
  .object({
    current: contactConsent.nullable().meta({ description: 'The latest answer; null: never asked or never answered' }),
    records: z.array(consentRecord).meta({ description: 'Every answer, oldest first (append-only)' }),
  })
  .meta({ id: 'ConsentHistory' });

export const consentAnswerBody = z
  .object({
    noticeVersion: noticeVersion.meta({ description: 'The version the customer was shown (GET /api/v1/privacy-notices)' }),
    answer: given.meta({ description: 'A refusal after a consent is recorded as `withdrawn`' }),
  })
  .strict()
  .meta({ id: 'ConsentAnswer', description: 'What the customer told staff (by phone, at the counter)' });

export const consentRecorded = consentHistory
  .extend({ recorded: z.boolean().meta({ description: 'false: the same answer to the same version was the latest already; nothing was added' }) })
  .meta({ id: 'ConsentRecorded' });

/** The answer a booking form sends with the version of the notice it showed. */
export const formConsent = z
  .object({ version: noticeVersion, answer: given })
  .strict()
  .meta({ id: 'FormConsent', description: 'The privacy notice version the form showed (GET /public/v1/privacy-notice) and the answer: the box ticked (granted) or not (declined). A version the org never published is a 422; a booking never waits on it' });

export const publicPrivacyNoticeQuery = z
  .object({
    org: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).optional().meta({ description: "The business's slug; the default business when absent" }),
    version: z.coerce.number().int().min(1).max(1_000_000).optional().meta({ description: 'An earlier version; the current one when absent' }),
  })
  .strict();

export const publicPrivacyNotice = privacyNotice.extend({ business: z.string() }).meta({ id: 'PublicPrivacyNotice' });

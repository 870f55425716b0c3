import { z } from 'zod';
import { LANGUAGES } from '../vocabulary.ts';
import { contactConsent } from './privacy.ts';

/** Contacts as staff look them up: the list and one customer's 360 view. */
const instant = z.iso.datetime({ offset: true });

export const contactSummary = z
  .object({
    id: z.uuid(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    language: z.enum(LANGUAGES),
    isVip: z.boolean(),
    externalRef: z.string().nullable(),
    createdAt: instant,
  })
  .meta({ id: 'ContactSummary' });

export const contactList = z.array(contactSummary).meta({ id: 'ContactList' });

export const contactListQuery = z
  .object({
    search: z.string().trim().min(1).max(200).optional().meta({ description: 'A name, an e-mail, a phone (4 digits or more), a LINE user id or WhatsApp number, or the business’s customer reference' }),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict()
  .meta({ id: 'ContactListQuery' });

export const contact360 = contactSummary
  .extend({
    consent: contactConsent.nullable().meta({ description: 'Their latest answer to the privacy notice (PDPA; GET /api/v1/contacts/{contactId}/consents for every answer); null: never answered' }),
    identities: z.array(
      z.object({ channel: z.string(), channelName: z.string().nullable(), externalId: z.string(), displayName: z.string().nullable(), following: z.boolean(), since: instant }),
    ),
    bookings: z.array(
      z.object({
        id: z.uuid(),
        number: z.string(),
        stage: z.string(),
        source: z.string(),
        service: z.string().nullable(),
        serviceName: z.object({ th: z.string(), en: z.string() }).nullable(),
        destination: z.string().nullable(),
        requestedDate: z.string().nullable(),
        partySize: z.number().nullable(),
        createdAt: instant,
        open: z.boolean().meta({ description: 'Still in the pipeline (not declined, lost, cancelled or completed)' }),
      }),
    ),
    cases: z.array(
      z.object({ id: z.uuid(), number: z.string(), type: z.string(), typeName: z.object({ th: z.string(), en: z.string() }), status: z.string(), severity: z.string(), openedAt: instant, resolvedAt: instant.nullable(), open: z.boolean().meta({ description: 'Not resolved or closed' }) }),
    ),
    messages: z
      .array(
        z.object({
          id: z.string(),
          at: instant,
          channel: z.string(),
          direction: z.enum(['in', 'out']),
          senderType: z.string(),
          kind: z.string(),
          text: z.string().nullable(),
          deliveryStatus: z.string().nullable(),
          caseId: z.uuid().nullable(),
          bookingId: z.uuid().nullable(),
        }),
      )
      .meta({ description: 'The conversation timeline across channels, newest first (the last 100)' }),
    firstBookingAttribution: z
      .object({ booking: z.string(), source: z.string(), createdAt: instant, utm: z.record(z.string(), z.unknown()) })
      .nullable()
      .meta({ description: 'Where their first booking came from' }),
  })
  .meta({ id: 'Contact360' });

export const contactMergeUndone = z
  .object({
    mergeId: z.uuid(),
    restoredContactId: z.uuid().meta({ description: 'The contact merged away, back under its own id' }),
    identities: z.number().int(),
    conversations: z.number().int(),
    cases: z.number().int(),
    bookings: z.number().int(),
  })
  .meta({ id: 'ContactMergeUndone' });

export const contactTimeline = z
  .object({
    events: z.array(
      z.object({ id: z.string(), at: z.string(), type: z.enum(['merged', 'merged_into', 'matched', 'merge_undone', 'erased', 'notice_shown']), actorType: z.string(), actorId: z.string().nullable(), data: z.record(z.string(), z.unknown()) }),
    ),
    merges: z.array(
      z.object({
        id: z.uuid(),
        kind: z.enum(['manual', 'intake']),
        mergedContactId: z.uuid(),
        matchedBy: z.string().nullable(),
        at: z.string(),
        undoneAt: z.string().nullable(),
        moved: z.record(z.string(), z.number()),
      }),
    ),
  })
  .meta({ id: 'ContactTimeline' });

export const contactErased = z
  .object({
    contactId: z.uuid(),
    erasedAt: z.string(),
    counts: z.record(z.string(), z.number()).meta({ description: 'How many rows of each kind were erased or redacted' }),
  })
  .meta({ id: 'ContactErased' });

import { z } from 'zod';
import { CHANNEL_KINDS } from '../vocabulary.ts';

/**
 * What arrived and could not be used, where a person can read it (docs/reliability.md, "Nothing
 * fails that no one can fix"): events a platform signed but that are not what it documents, and
 * customers' files that were not fetched. Read by admins and managers (`GET /api/v1/inbound-events/…`)
 * and by the Settings app.
 */

export const problemListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).optional().meta({ description: '1 to 200, default 50' }),
    before: z.string().max(200).optional().meta({ description: 'The `nextBefore` of the previous page: older entries' }),
  })
  .strict()
  .meta({ id: 'ProblemListQuery' });

const channel = z
  .object({ id: z.uuid(), kind: z.enum(CHANNEL_KINDS), name: z.string() })
  .nullable()
  .meta({ description: 'The channel it came through; null for events of no channel (payment events)' });

/** How much of what arrived is shown: enough to recognise it, not a copy of a customer's messages. */
export const MALFORMED_EXCERPT_CHARS = 300;

export const malformedEvent = z
  .object({
    id: z.string().meta({ description: 'The stored event (inbound_events)' }),
    receivedAt: z.iso.datetime({ offset: true }),
    channel,
    reason: z.string().nullable().meta({ description: 'Why it could not be used; null once erased' }),
    excerpt: z
      .string()
      .nullable()
      .meta({ description: `The start of what arrived, at most ${MALFORMED_EXCERPT_CHARS} characters, tokens and secrets hidden; null when the customer was erased (PDPA)` }),
    erased: z.boolean(),
  })
  .meta({ id: 'MalformedEvent' });

export const malformedEventPage = z
  .object({
    items: z.array(malformedEvent),
    nextBefore: z.string().nullable().meta({ description: 'Pass as `before` for older entries; null on the last page' }),
  })
  .meta({ id: 'MalformedEventPage' });

export const refusedFile = z
  .object({
    messageId: z.uuid(),
    conversationId: z.uuid(),
    channel,
    kind: z.string().meta({ description: 'What the customer sent: image, video, audio, file' }),
    reason: z.string().meta({ description: 'Why it was not fetched (an address not allowed, a file too large, ...)' }),
    receivedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'RefusedFile' });

export const refusedFilePage = z
  .object({
    items: z.array(refusedFile),
    nextBefore: z.string().nullable().meta({ description: 'Pass as `before` for older entries; null on the last page' }),
  })
  .meta({ id: 'RefusedFilePage' });

export type MalformedEventPage = z.infer<typeof malformedEventPage>;
export type RefusedFilePage = z.infer<typeof refusedFilePage>;

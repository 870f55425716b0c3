import { z } from 'zod';

/** Channels as the admin API shows and accepts them. Credentials go in, never come out. */
export const channelCreate = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('line'),
        name: z.string().trim().min(1).max(100),
        credentials: z.object({ channelSecret: z.string().min(8), channelAccessToken: z.string().min(8) }).strict(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('whatsapp'),
        name: z.string().trim().min(1).max(100),
        sender: z.string().regex(/^whatsapp:\+[1-9]\d{6,14}$/, 'must look like whatsapp:+66812345678'),
        credentials: z.object({ accountSid: z.string().regex(/^AC[0-9a-f]{32}$/i), authToken: z.string().min(8) }).strict(),
      })
      .strict(),
  ])
  .meta({ id: 'ChannelCreate' });

export const channel = z
  .object({
    id: z.uuid(),
    kind: z.enum(['line', 'whatsapp']),
    name: z.string(),
    externalId: z.string().nullable(),
    isActive: z.boolean(),
    origin: z.string().nullable(),
    webhookUrl: z.string().meta({ description: 'Where to point the platform webhook for this channel' }),
  })
  .meta({ id: 'Channel' });

export const channelList = z.array(channel).meta({ id: 'ChannelList' });

export const linePushUsage = z
  .array(z.object({ month: z.string().meta({ example: '2026-11' }), pushedMessages: z.number().int(), pushRequests: z.number().int() }))
  .meta({ id: 'LinePushUsage' });

export const contactMerge = z
  .object({ mergeContactId: z.uuid().meta({ description: 'This contact is folded into the one in the path, then removed' }) })
  .strict()
  .meta({ id: 'ContactMerge' });

export const contactMergeResult = z
  .object({
    mergeId: z.uuid().meta({ description: 'The merge on the contact timeline; an admin undoes it with POST /api/v1/contacts/:contactId/merges/:mergeId/undo' }),
    identities: z.number().int(),
    conversations: z.number().int(),
    cases: z.number().int(),
    bookings: z.number().int(),
  })
  .meta({ id: 'ContactMergeResult' });

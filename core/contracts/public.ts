import { z } from 'zod';

/** What a customer sees on their case tracking link: no internal notes, no staff names. */
export const caseTracking = z
  .object({
    business: z.string().meta({ description: "The business's name, for the page's header" }),
    case: z.string().meta({ example: 'C-000123' }),
    type: z.object({ th: z.string(), en: z.string() }),
    status: z.string(),
    statusLabel: z.object({ th: z.string(), en: z.string() }),
    openedAt: z.iso.datetime({ offset: true }),
    expectedBy: z.iso.datetime({ offset: true }).nullable(),
    resolvedAt: z.iso.datetime({ offset: true }).nullable(),
    timeline: z.array(
      z.object({
        at: z.iso.datetime({ offset: true }),
        event: z.string().meta({ description: 'created, message_in, message_out, status_changed, reopened' }),
        status: z.string().optional().meta({ description: 'status_changed and reopened: the status the case came to' }),
        statusLabel: z.object({ th: z.string(), en: z.string() }).optional(),
      }),
    ),
  })
  .meta({ id: 'CaseTracking' });

import { z } from 'zod';

/** Saved replies as the REST API shows them (api/admin/saved-reply-routes.ts, docs/inbox.md). */

/** The variables a saved reply may use; core/conversations/saved-replies.ts fills them in. */
export const SAVED_REPLY_VARIABLES = ['customer_name', 'staff_name', 'case_id'] as const;
const variables = SAVED_REPLY_VARIABLES.map((v) => `{{${v}}}`).join(', ');

export const savedReplyKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Lower-case letters, digits, "-" and "_", at most 40')
  .meta({ description: 'The shortcut staff type to pick it', example: 'thanks' });

// LINE takes at most 5,000 characters in a text message.
const body = z.string().trim().min(1).max(5000).meta({ description: `May use ${variables}; any other variable is a 422 naming it` });

export const savedReplyView = z
  .object({
    key: savedReplyKey,
    title: z.string(),
    body: z.object({ th: z.string(), en: z.string() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SavedReply' });

export const savedReplyList = z.array(savedReplyView).meta({ id: 'SavedReplyList' });

export const savedReplyCreate = z
  .object({ key: savedReplyKey, title: z.string().trim().min(1).max(200), body: z.object({ th: body, en: body }).strict() })
  .strict()
  .meta({ id: 'SavedReplyCreate' });

export const savedReplyUpdate = z
  .object({
    key: savedReplyKey.optional(),
    title: z.string().trim().min(1).max(200).optional(),
    body: z.object({ th: body.optional(), en: body.optional() }).strict().optional(),
  })
  .strict()
  .meta({ id: 'SavedReplyUpdate' });

export const savedReplyDeleted = z.object({ key: savedReplyKey, deleted: z.literal(true) }).meta({ id: 'SavedReplyDeleted' });

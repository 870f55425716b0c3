import { z } from 'zod';

/** RFC 5322 allows no header line over 998 characters, and a subject is one line. */
const emailSubject = z
  .string()
  .trim()
  .min(1)
  .max(998)
  .regex(/^[^\r\n]*$/, 'a subject is one line: no line breaks')
  .meta({ description: 'One line, at most 998 characters; variables allowed' });

const emailForm = z.object({
  subject: z.string(),
  html: z.string().meta({ description: 'Sanitised: formatting, lists, tables, links and inline styles; no scripts, images or forms' }),
  text: z.string(),
});

export const templateView = z
  .object({
    key: z.string(),
    language: z.enum(['th', 'en']),
    body: z.string(),
    description: z.string().nullable(),
    whatsappContentSid: z.string().nullable(),
    email: emailForm.meta({ description: 'The text as an e-mail' }),
    updatedAt: z.iso.datetime({ offset: true }),
    emailHtmlRemoved: z.array(z.string()).optional().meta({ description: 'On a save: what was taken out of the HTML (scripts, images, event handlers)' }),
  })
  .meta({ id: 'Template' });

export const templateList = z.array(templateView).meta({ id: 'TemplateList' });

export const templateUpdate = z
  .object({
    body: z.string().trim().min(1).max(5000).optional(),
    email: z
      .object({ subject: emailSubject.optional(), html: z.string().trim().min(1).max(100_000).optional(), text: z.string().trim().min(1).max(20_000).optional() })
      .strict()
      .optional()
      .meta({ description: 'The e-mail form: any of its parts' }),
    whatsappContentSid: z.string().regex(/^HX[0-9a-f]{32}$/i).nullable().optional().meta({ description: 'An approved WhatsApp template for this text' }),
  })
  .strict()
  .refine((b) => b.body !== undefined || b.email !== undefined || b.whatsappContentSid !== undefined, 'change the text, its e-mail or its WhatsApp template')
  .meta({ id: 'TemplateUpdate' });

const previewBody = z.string().max(5000);

const emailBeingWritten = z.object({ subject: z.string().max(998), html: z.string().max(100_000), text: z.string().max(20_000) }).strict();

export const templatePreviewRequest = z
  .object({
    th: previewBody.optional(),
    en: previewBody.optional(),
    email: z.object({ th: emailBeingWritten.optional(), en: emailBeingWritten.optional() }).strict().optional().meta({ description: 'The e-mail forms being written' }),
  })
  .strict()
  .refine((b) => b.th !== undefined || b.en !== undefined || b.email?.th !== undefined || b.email?.en !== undefined, 'give a Thai or an English text (or e-mail), or both')
  .meta({ id: 'TemplatePreviewRequest', description: 'The texts being written; nothing is stored' });

const previewOfOne = z.object({
  text: z.string().meta({ description: 'The text filled with sample values, as a customer would read it' }),
  unknown: z.array(z.string()).meta({ description: 'Variables in this text that the product does not fill' }),
  email: z
    .object({
      subject: z.string(),
      html: z.string().meta({ description: 'Filled and sanitised: what would be sent' }),
      text: z.string(),
      removed: z.array(z.string()).meta({ description: 'What sanitising took out of the HTML' }),
    })
    .optional(),
});

export const templatePreview = z
  .object({
    th: previewOfOne.optional(),
    en: previewOfOne.optional(),
    unknown: z.array(z.string()).meta({ description: 'Variables the product does not fill, in either text: saving would be refused (422)' }),
    known: z.array(z.string()).meta({ description: 'The variables the product fills' }),
  })
  .meta({ id: 'TemplatePreview' });

import { z } from 'zod';

export const templateView = z
  .object({
    key: z.string(),
    language: z.enum(['th', 'en']),
    body: z.string(),
    description: z.string().nullable(),
    whatsappContentSid: z.string().nullable(),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Template' });

export const templateList = z.array(templateView).meta({ id: 'TemplateList' });

export const templateUpdate = z
  .object({
    body: z.string().trim().min(1).max(5000),
    whatsappContentSid: z.string().regex(/^HX[0-9a-f]{32}$/i).nullable().optional().meta({ description: 'An approved WhatsApp template for this text' }),
  })
  .strict()
  .meta({ id: 'TemplateUpdate' });

const previewBody = z.string().max(5000);

export const templatePreviewRequest = z
  .object({ th: previewBody.optional(), en: previewBody.optional() })
  .strict()
  .refine((b) => b.th !== undefined || b.en !== undefined, 'give a Thai or an English text, or both')
  .meta({ id: 'TemplatePreviewRequest', description: 'The texts being written; nothing is stored' });

const previewOfOne = z.object({
  text: z.string().meta({ description: 'The text filled with sample values, as a customer would read it' }),
  unknown: z.array(z.string()).meta({ description: 'Variables in this text that the product does not fill' }),
});

export const templatePreview = z
  .object({
    th: previewOfOne.optional(),
    en: previewOfOne.optional(),
    unknown: z.array(z.string()).meta({ description: 'Variables the product does not fill, in either text: saving would be refused (422)' }),
    known: z.array(z.string()).meta({ description: 'The variables the product fills' }),
  })
  .meta({ id: 'TemplatePreview' });

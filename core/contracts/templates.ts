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

import { z } from 'zod';

/** Providers as the admin API shows them, with their pause and their timeline (core/providers/). */
export const providerView = z
  .object({
    key: z.string(),
    name: z.string(),
    kind: z.string(),
    active: z.boolean(),
    paused: z.boolean().meta({ description: 'Paused by a manager: no new case goes to it' }),
    pausedAt: z.iso.datetime({ offset: true }).nullable(),
    pauseReason: z.string().nullable(),
  })
  .meta({ id: 'Provider' });

export const providerList = z.array(providerView).meta({ id: 'ProviderList' });

export const providerEvent = z.object({
  id: z.string(),
  at: z.iso.datetime({ offset: true }),
  type: z.enum(['paused', 'unpaused', 'risk_changed', 'orders_failing']).meta({
    description: 'orders_failing: its failed orders crossed the org\'s threshold (org settings providerHealth); data: failed, threshold, windowMinutes, orders, paused',
  }),
  actorType: z.string(),
  actorId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const providerDetail = providerView.extend({ timeline: z.array(providerEvent) }).meta({ id: 'ProviderDetail' });

export const providerPause = z
  .object({ reason: z.string().trim().min(1).max(1000).meta({ description: 'Why (on the provider timeline)' }) })
  .strict()
  .meta({ id: 'ProviderPause' });

export const providerUnpause = z
  .object({ reason: z.string().trim().min(1).max(1000).optional() })
  .strict()
  .meta({ id: 'ProviderUnpause' });

// ---------------------------------------------------------------- settings (seed 004 section 4.4.1)

const providerKey = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case: a letter a-z, then a-z, 0-9 or _');
const contact = z
  .object({
    line: z.string().trim().max(200).optional(),
    email: z.email().max(200).optional(),
    phone: z.string().trim().regex(/^[+0-9 ()-]{6,20}$/, 'must be a phone number').optional(),
    url: z.url().max(500).optional(),
  })
  .strict()
  .meta({ description: 'How staff reach the provider: any of LINE, e-mail, phone, a web page' });

const settingsFields = {
  name: z.string().trim().min(1).max(100),
  kind: z.enum(['api', 'manual']).meta({ description: 'api: reached through its API; manual: by people' }),
  caseTypeKeys: z.array(providerKey).max(100).meta({ description: 'The case types it handles; empty: any' }),
  defaultSlaMinutes: z.number().int().min(1).max(525_600).nullable().meta({ description: 'How long it is given to answer a case that waits on it' }),
  contact,
  notifyBy: z
    .enum(['line_group', 'none'])
    .meta({ description: "line_group: a case waiting on it is handed to its LINE group; none: staff reach it themselves through its contact" }),
  notes: z.string().trim().max(2000).nullable(),
  active: z.boolean(),
};

export const providerCreate = z
  .object({
    key: providerKey,
    ...settingsFields,
    kind: settingsFields.kind.default('manual'),
    caseTypeKeys: settingsFields.caseTypeKeys.default([]),
    defaultSlaMinutes: settingsFields.defaultSlaMinutes.default(null),
    contact: contact.default({}),
    notifyBy: settingsFields.notifyBy.default('line_group'),
    notes: settingsFields.notes.default(null),
    active: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'ProviderCreate' });

export const providerUpdate = z
  .object(settingsFields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')
  .meta({ id: 'ProviderUpdate', description: 'Only the fields given change; the key stays' });

export const providerSettings = providerView
  .extend({
    caseTypeKeys: z.array(z.string()),
    defaultSlaMinutes: z.number().int().nullable(),
    contact: z.record(z.string(), z.string()),
    notifyBy: z.enum(['line_group', 'none']),
    notes: z.string().nullable(),
    risk: z
      .object({ level: z.string(), flagged: z.boolean() })
      .nullable()
      .meta({ description: 'The risk level the provider report last gave it (calculated, not set here); null: never assessed' }),
  })
  .meta({ id: 'ProviderSettings' });

export const providerSettingsList = z.array(providerSettings).meta({ id: 'ProviderSettingsList' });

export type ProviderCreate = z.infer<typeof providerCreate>;
export type ProviderUpdate = z.infer<typeof providerUpdate>;
export type ProviderSettings = z.infer<typeof providerSettings>;

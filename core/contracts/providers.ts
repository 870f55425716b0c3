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
  type: z.enum(['paused', 'unpaused', 'risk_changed']),
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

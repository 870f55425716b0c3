import { z } from 'zod';
import { CASE_CATEGORIES, LANGUAGES, SEVERITIES, STAFF_GROUP_PURPOSES } from '../vocabulary.ts';

/**
 * Staff groups as the admin API shows and accepts them: what each LINE group is for and what is
 * routed to it (core/staff/routing.ts). Keys in a routing must be the org's own: the route checks
 * them against its case types, services and providers.
 */
const keyList = z.array(z.string().regex(/^[a-z][a-z0-9_.]*$/, 'must be a key (lower snake case)')).max(100);

export const staffGroupRouting = z
  .object({
    caseTypes: keyList.optional().meta({ description: 'Case type keys; absent or empty: all' }),
    categories: z.array(z.enum(CASE_CATEGORIES)).optional(),
    severities: z.array(z.enum(SEVERITIES)).optional(),
    languages: z.array(z.enum(LANGUAGES)).optional(),
    providers: keyList.optional().meta({ description: 'Provider keys' }),
    vip: z.boolean().optional().meta({ description: "true: VIP customers' cases only; false: all but theirs" }),
    bookings: z.boolean().optional().meta({ description: 'A support group that also takes booking requests' }),
    services: keyList.optional().meta({ description: 'Service keys for booking requests; absent or empty: all' }),
  })
  .strict()
  .meta({ id: 'StaffGroupRouting' });

export const staffGroup = z
  .object({
    id: z.uuid(),
    lineGroupId: z.string(),
    name: z.string().nullable(),
    purpose: z.enum(STAFF_GROUP_PURPOSES),
    routing: staffGroupRouting,
    language: z.enum(LANGUAGES),
    isActive: z.boolean().meta({ description: 'false once the bot left the group or was removed' }),
    contact: z.object({ id: z.uuid(), displayName: z.string().nullable() }).nullable().meta({ description: "The VIP customer of a VIP customer's group" }),
    provider: z.object({ id: z.uuid(), key: z.string(), name: z.string() }).nullable().meta({ description: 'The provider of a provider group' }),
    joinedAt: z.string().nullable(),
    leftAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'StaffGroup' });

export const staffGroupList = z.array(staffGroup).meta({ id: 'StaffGroupList' });

export const staffGroupUpdate = z
  .object({
    purpose: z.enum(STAFF_GROUP_PURPOSES.filter((p) => p !== 'unassigned') as ['support', 'managers', 'vip_customer', 'provider', 'sales']).optional(),
    routing: staffGroupRouting.optional().meta({ description: 'Replaces the whole routing' }),
    language: z.enum(LANGUAGES).optional(),
    providerId: z.uuid().nullable().optional().meta({ description: 'Provider groups only' }),
    contactId: z
      .uuid()
      .nullable()
      .optional()
      .meta({ description: "VIP customer's groups only; the contact becomes VIP. Without one, a VIP group gets a new contact of its own" }),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')
  .meta({ id: 'StaffGroupUpdate' });

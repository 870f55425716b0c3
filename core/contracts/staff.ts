import { z } from 'zod';
import { LANGUAGES, STAFF_ROLES, type StaffRole } from '../vocabulary.ts';
import { weeklyHours } from './business-calendar.ts';

export type { StaffRole };

/** Staff as the admin API shows and accepts them. Enrolment codes are shown once, when issued. */

/** Shaped like the org's business hours and checked by the same calendar (a period of no length, a week with none are refused). */
const workingHours = weeklyHours
  .nullable()
  .meta({ description: "Weekly shifts in the org's time zone, e.g. { \"mon\": [[\"09:00\", \"18:00\"]] }; booking assignment rules pick among who is on shift. null: always available" });

export const staffCreate = z
  .object({
    displayName: z.string().trim().min(1).max(100),
    role: z.enum(STAFF_ROLES),
    language: z.enum(LANGUAGES).optional().meta({ description: 'What the bot speaks to them; th unless said' }),
    workingHours: workingHours.optional(),
  })
  .strict()
  .meta({ id: 'StaffCreate' });

export const staffUpdate = z
  .object({
    role: z.enum(STAFF_ROLES).optional().meta({ description: 'Their new role: what they may do, and their staff rich menu, change at once' }),
    workingHours: workingHours.optional(),
  })
  .strict()
  .refine((b) => b.role !== undefined || b.workingHours !== undefined, 'nothing to change')
  .meta({ id: 'StaffUpdate', description: 'Only what is given changes' });

export const staffMember = z
  .object({
    id: z.uuid(),
    displayName: z.string(),
    role: z.enum(STAFF_ROLES),
    language: z.enum(LANGUAGES),
    isActive: z.boolean(),
    linked: z.boolean().meta({ description: 'Whether a LINE account is linked' }),
    enrolledAt: z.string().nullable(),
    enrolmentPending: z.boolean().meta({ description: 'A live enrolment code is waiting to be used' }),
    workingHours,
    createdAt: z.string(),
  })
  .meta({ id: 'StaffMember' });

export const staffList = z.array(staffMember).meta({ id: 'StaffList' });

export const enrolmentCode = z
  .object({
    code: z.string().meta({ example: 'ABCD-EF23', description: 'Shown once: the staff member sends it to the bot on LINE' }),
    expiresAt: z.string(),
  })
  .meta({ id: 'EnrolmentCode' });

export const staffCreated = staffMember.extend({ enrolment: enrolmentCode }).meta({ id: 'StaffCreated' });

export const staffDeactivated = z.object({ id: z.uuid(), isActive: z.literal(false) }).meta({ id: 'StaffDeactivated' });

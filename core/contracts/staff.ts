import { z } from 'zod';
import { LANGUAGES, STAFF_ROLES, type StaffRole } from '../vocabulary.ts';

export type { StaffRole };

/** Staff as the admin API shows and accepts them. Enrolment codes are shown once, when issued. */
export const staffCreate = z
  .object({
    displayName: z.string().trim().min(1).max(100),
    role: z.enum(STAFF_ROLES),
    language: z.enum(LANGUAGES).optional().meta({ description: 'What the bot speaks to them; th unless said' }),
  })
  .strict()
  .meta({ id: 'StaffCreate' });

export const staffUpdate = z
  .object({ role: z.enum(STAFF_ROLES).meta({ description: 'Their new role: what they may do, and their staff rich menu, change at once' }) })
  .strict()
  .meta({ id: 'StaffUpdate' });

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

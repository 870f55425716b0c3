import { Model } from 'objection';
import { TimestampedModel } from './base-model.ts';
import type { Language, StaffRole } from './vocabulary.ts';
import { SupportCase } from './support-case.ts';
import { Booking } from './booking.ts';

/** A person of the business who works cases and bookings from LINE (table `staff`). */
export class StaffMember extends TimestampedModel {
  static override tableName = 'staff';

  declare id: string;
  declare orgId: string;
  declare displayName: string;
  declare role: StaffRole;
  /** Set once the person has enrolled by sending their code to the bot. */
  declare lineUserId: string | null;
  declare language: Language;
  declare isActive: boolean;
  declare enrolmentCodeHash: string | null;
  declare enrolmentExpiresAt: Date | null;
  declare enrolledAt: Date | null;

  declare ownedCases?: SupportCase[];
  declare assignedBookings?: Booking[];

  static override relationMappings = () => ({
    ownedCases: {
      relation: Model.HasManyRelation,
      modelClass: SupportCase,
      join: { from: 'staff.id', to: 'cases.owner_staff_id' },
    },
    assignedBookings: {
      relation: Model.HasManyRelation,
      modelClass: Booking,
      join: { from: 'staff.id', to: 'bookings.assignee_staff_id' },
    },
  });
}

import { Model } from 'objection';
import { TimestampedModel } from './base-model.ts';
import { Contact } from './contact.ts';
import { SupportCase } from './support-case.ts';

/** One order's payment as the business's main system reported it: paid, credited, failed. */
export class Payment extends TimestampedModel {
  static override tableName = 'payments';
  static override jsonAttributes = ['customer'];

  declare id: string;
  declare orgId: string;
  declare orderId: string;
  declare amount: string;
  declare currency: string;
  declare status: string;
  declare provider: string | null;
  declare customer: Record<string, unknown>;
  declare contactId: string | null;
  declare pendingSince: Date | null;
  declare paidAt: Date | null;
  declare creditedAt: Date | null;
  declare failedAt: Date | null;
  declare failureReason: string | null;
  declare creditDueAt: Date | null;
  declare caseId: string | null;
  declare lastEventId: string | null;
  declare lastEventType: string | null;

  static override relationMappings = () => ({
    case: { relation: Model.BelongsToOneRelation, modelClass: SupportCase, join: { from: 'payments.case_id', to: 'cases.id' } },
    contact: { relation: Model.BelongsToOneRelation, modelClass: Contact, join: { from: 'payments.contact_id', to: 'contacts.id' } },
  });
}

import { Model } from 'objection';
import { TimestampedModel } from './base-model.ts';
import type { CaseStatus } from '../cases/case-status.ts';
import type { CaseSource, Language, Severity } from './vocabulary.ts';
import { CaseEvent } from './case-event.ts';
import { CaseOrder } from './case-order.ts';
import { CaseType } from './case-type.ts';
import { Contact } from './contact.ts';
import { Conversation } from './conversation.ts';
import { Provider } from './provider.ts';
import { StaffMember } from './staff-member.ts';

/** A customer's problem, tracked from report to close (table `cases`). */
export class SupportCase extends TimestampedModel {
  static override tableName = 'cases';
  static override jsonAttributes = ['fields'];

  declare id: string;
  declare orgId: string;
  /** C-000123 */
  declare number: string;
  declare caseTypeId: string;
  declare contactId: string | null;
  declare conversationId: string | null;
  declare sourceMessageId: string | null;
  declare source: CaseSource;
  declare status: CaseStatus;
  declare severity: Severity;
  declare ownerStaffId: string | null;
  declare providerId: string | null;
  /** A BuiltInRootCause or the org's own word; required on close. */
  declare rootCause: string | null;
  declare resolution: string | null;
  declare summary: string | null;
  declare language: Language;
  declare firstResponseDueAt: Date | null;
  declare resolutionDueAt: Date | null;
  declare resolutionPausedAt: Date | null;
  declare firstRespondedAt: Date | null;
  declare slaWarnedAt: Date | null;
  declare slaBreachedAt: Date | null;
  declare escalatedAt: Date | null;
  declare resolvedAt: Date | null;
  declare closedAt: Date | null;
  declare reopenedCount: number;
  declare trackingToken: string;
  declare idempotencyKey: string | null;
  declare version: number;
  /** Extracted details: amount, orderId, paidAt... */
  declare fields: Record<string, unknown>;

  declare caseType?: CaseType;
  declare contact?: Contact;
  declare conversation?: Conversation;
  declare owner?: StaffMember;
  declare provider?: Provider;
  declare orders?: CaseOrder[];
  declare events?: CaseEvent[];

  static override relationMappings = () => ({
    caseType: {
      relation: Model.BelongsToOneRelation,
      modelClass: CaseType,
      join: { from: 'cases.case_type_id', to: 'case_types.id' },
    },
    contact: {
      relation: Model.BelongsToOneRelation,
      modelClass: Contact,
      join: { from: 'cases.contact_id', to: 'contacts.id' },
    },
    conversation: {
      relation: Model.BelongsToOneRelation,
      modelClass: Conversation,
      join: { from: 'cases.conversation_id', to: 'conversations.id' },
    },
    owner: {
      relation: Model.BelongsToOneRelation,
      modelClass: StaffMember,
      join: { from: 'cases.owner_staff_id', to: 'staff.id' },
    },
    provider: {
      relation: Model.BelongsToOneRelation,
      modelClass: Provider,
      join: { from: 'cases.provider_id', to: 'providers.id' },
    },
    orders: {
      relation: Model.HasManyRelation,
      modelClass: CaseOrder,
      join: { from: 'cases.id', to: 'case_orders.case_id' },
    },
    events: {
      relation: Model.HasManyRelation,
      modelClass: CaseEvent,
      join: { from: 'cases.id', to: 'case_events.case_id' },
      modify: (query: { orderBy(column: string): unknown }) => query.orderBy('case_events.id'),
    },
  });
}

import { Model } from 'objection';
import { BaseModel } from './base-model.ts';
import type { ActorType } from './vocabulary.ts';
import { SupportCase } from './support-case.ts';

export const CASE_EVENT_TYPES = [
  'created', 'status_changed', 'owner_changed', 'severity_changed', 'type_changed', 'provider_changed',
  'note', 'message_in', 'message_out', 'order_linked', 'file', 'notification_sent',
  'sla_warning', 'sla_breach', 'escalated', 'reopened',
] as const;
/** The known types; the column takes any lower_snake word, so new kinds need no migration. */
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number] | (string & {});

/** One entry of a case's timeline. Append-only: the database refuses UPDATE, DELETE and TRUNCATE. */
export class CaseEvent extends BaseModel {
  static override tableName = 'case_events';
  static override jsonAttributes = ['data'];

  declare id: number;
  declare orgId: string;
  declare caseId: string;
  declare type: CaseEventType;
  declare actorType: ActorType;
  declare actorId: string | null;
  declare data: Record<string, unknown>;
  /** Shown on the customer's tracking page. */
  declare isPublic: boolean;
  declare createdAt: Date;

  declare case?: SupportCase;

  static override relationMappings = () => ({
    case: {
      relation: Model.BelongsToOneRelation,
      modelClass: SupportCase,
      join: { from: 'case_events.case_id', to: 'cases.id' },
    },
  });
}

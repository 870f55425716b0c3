import { Model } from 'objection';
import { BaseModel } from './base-model.ts';
import { SupportCase } from './support-case.ts';

/** A stretch of time a case spent in one status: the raw material of time tracking. */
export class CaseStatusPeriod extends BaseModel {
  static override tableName = 'case_status_periods';

  declare id: number;
  declare orgId: string;
  declare caseId: string;
  declare status: string;
  declare actorType: string | null;
  declare actorId: string | null;
  declare startedAt: Date;
  declare endedAt: Date | null;

  static override relationMappings = () => ({
    case: { relation: Model.BelongsToOneRelation, modelClass: SupportCase, join: { from: 'case_status_periods.case_id', to: 'cases.id' } },
  });
}

import { Model, type Pojo } from 'objection';
import { TimestampedModel } from './base-model.ts';
import type { CaseCategory, Severity } from './vocabulary.ts';
import { SupportCase } from './support-case.ts';

/** Which customer notifications a case type sends. */
export interface CaseTypeNotify {
  created: boolean;
  workStarted: boolean;
  waitingCustomer: boolean;
  resolved: boolean;
}

/** What happens when a case of this type misses its SLA. */
export interface CaseTypeEscalation {
  notifyManagers: boolean;
  /** One step up (low -> normal -> high -> critical). */
  raiseSeverity: boolean;
  /** A staff id to hand the case to, or null to keep the owner. */
  reassignTo: string | null;
}

/** Example customer phrases per language, for the classifier. */
export interface LocalizedExamples {
  th: string[];
  en: string[];
}

/** Admin-defined master data: a kind of problem with its severity, SLA, notifications and SOP. */
export class CaseType extends TimestampedModel {
  static override tableName = 'case_types';
  static override jsonAttributes = ['notify', 'escalation', 'examples'];

  declare id: string;
  declare orgId: string;
  declare key: string;
  declare nameTh: string;
  declare nameEn: string;
  declare category: CaseCategory;
  declare defaultSeverity: Severity;
  declare firstResponseMinutes: number;
  declare resolutionMinutes: number;
  declare requiresProvider: boolean;
  declare requiresOrderId: boolean;
  declare notify: CaseTypeNotify;
  declare escalation: CaseTypeEscalation;
  /** Share of the SLA time after which the warning fires (0 < r < 1). */
  declare warnAtRatio: number;
  declare keywords: string[];
  declare examples: LocalizedExamples;
  declare description: string | null;
  declare sop: string | null;
  declare isActive: boolean;
  declare sortOrder: number;

  declare cases?: SupportCase[];

  static override relationMappings = () => ({
    cases: {
      relation: Model.HasManyRelation,
      modelClass: SupportCase,
      join: { from: 'case_types.id', to: 'cases.case_type_id' },
    },
  });

  // NUMERIC arrives as a string (money must not be rounded); a ratio is fine as a number.
  override $parseDatabaseJson(json: Pojo): Pojo {
    const parsed = super.$parseDatabaseJson(json);
    if (typeof parsed.warnAtRatio === 'string') parsed.warnAtRatio = Number(parsed.warnAtRatio);
    return parsed;
  }
}

import { Model } from 'objection';
import { TimestampedModel } from './base-model.ts';
import { Provider } from './provider.ts';
import { SupportCase } from './support-case.ts';

/** An order or transaction of the business's own system, linked to a case. */
export class CaseOrder extends TimestampedModel {
  static override tableName = 'case_orders';
  static override jsonAttributes = ['details'];

  declare id: string;
  declare orgId: string;
  declare caseId: string;
  declare orderId: string;
  /** NUMERIC(12,2) as a string. */
  declare amount: string | null;
  declare currency: string;
  declare orderStatus: string | null;
  declare providerId: string | null;
  declare details: Record<string, unknown>;

  declare case?: SupportCase;
  declare provider?: Provider;

  static override relationMappings = () => ({
    case: {
      relation: Model.BelongsToOneRelation,
      modelClass: SupportCase,
      join: { from: 'case_orders.case_id', to: 'cases.id' },
    },
    provider: {
      relation: Model.BelongsToOneRelation,
      modelClass: Provider,
      join: { from: 'case_orders.provider_id', to: 'providers.id' },
    },
  });
}

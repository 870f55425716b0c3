import { Model } from 'objection';
import { TimestampedModel } from './base-model.ts';
import type { ProviderKind } from './vocabulary.ts';
import { SupportCase } from './support-case.ts';

export interface ProviderContact {
  line?: string;
  email?: string;
  phone?: string;
  url?: string;
  [other: string]: unknown;
}

/** A partner the business depends on: payment gateway, wallet, courier, supplier. */
export class Provider extends TimestampedModel {
  static override tableName = 'providers';
  static override jsonAttributes = ['contact'];

  declare id: string;
  declare orgId: string;
  declare key: string;
  declare name: string;
  declare kind: ProviderKind;
  declare contact: ProviderContact;
  declare notes: string | null;
  declare isActive: boolean;

  declare cases?: SupportCase[];

  static override relationMappings = () => ({
    cases: {
      relation: Model.HasManyRelation,
      modelClass: SupportCase,
      join: { from: 'providers.id', to: 'cases.provider_id' },
    },
  });
}

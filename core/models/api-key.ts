import { Model } from 'objection';
import { BaseModel } from './base-model.ts';
import { Org } from './org.ts';

export const API_KEY_ROLES = ['admin', 'manager', 'support', 'ceo', 'integration'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** A key for the REST API; only a SHA-256 of the key itself is stored. */
export class ApiKey extends BaseModel {
  static override tableName = 'api_keys';

  declare id: string;
  declare orgId: string;
  declare name: string;
  declare role: ApiKeyRole;
  declare keyHash: string;
  declare keyPrefix: string;
  declare createdAt: Date;
  declare lastUsedAt: Date | null;
  declare revokedAt: Date | null;

  declare org?: Org;

  static override relationMappings = () => ({
    org: {
      relation: Model.BelongsToOneRelation,
      modelClass: Org,
      join: { from: 'api_keys.org_id', to: 'orgs.id' },
    },
  });
}

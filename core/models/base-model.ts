import { Model, snakeCaseMappers, type QueryBuilder } from 'objection';

/**
 * Models speak camelCase, the database snake_case. Every business row carries `org_id`
 * (DESIGN.md decision 5): `ofOrg` is the one way to scope a query to a tenant.
 */
export class BaseModel extends Model {
  static override get columnNameMappers() {
    return snakeCaseMappers();
  }

  static override get modifiers() {
    const table = this.tableName;
    return {
      ofOrg(query: QueryBuilder<Model>, orgId: string) {
        query.where(`${table}.org_id`, orgId);
      },
    };
  }
}

/** Models of mutable tables keep `updated_at` current. */
export class TimestampedModel extends BaseModel {
  declare createdAt: Date;
  declare updatedAt: Date;

  override $beforeUpdate() {
    this.updatedAt = new Date();
  }
}

import { Model } from 'objection';
import { BaseModel } from './base-model.ts';
import { WebhookDelivery } from './webhook-delivery.ts';

/** Where the business's own system wants case events; its secret is stored sealed. */
export class WebhookEndpoint extends BaseModel {
  static override tableName = 'webhook_endpoints';

  declare id: string;
  declare orgId: string;
  declare url: string;
  declare secretSealed: string;
  declare events: string[];
  declare description: string | null;
  declare isActive: boolean;
  declare deactivatedAt: Date | null;
  declare createdAt: Date;

  static override relationMappings = () => ({
    deliveries: { relation: Model.HasManyRelation, modelClass: WebhookDelivery, join: { from: 'webhook_endpoints.id', to: 'webhook_deliveries.endpoint_id' } },
  });
}

import { Model } from 'objection';
import { BaseModel } from './base-model.ts';
import { WebhookEndpoint } from './webhook-endpoint.ts';

/** One event sent (or being sent) to one endpoint: the delivery log. */
export class WebhookDelivery extends BaseModel {
  static override tableName = 'webhook_deliveries';
  static override jsonAttributes = ['payload'];

  declare id: string;
  declare orgId: string;
  declare endpointId: string;
  declare eventType: string;
  declare eventId: string;
  declare caseId: string | null;
  declare payload: Record<string, unknown>;
  declare status: string;
  declare attemptCount: number;
  declare lastStatusCode: number | null;
  declare lastError: string | null;
  declare lastAttemptAt: Date | null;
  declare deliveredAt: Date | null;
  declare outboxId: string | null;
  declare createdAt: Date;

  static override relationMappings = () => ({
    endpoint: { relation: Model.BelongsToOneRelation, modelClass: WebhookEndpoint, join: { from: 'webhook_deliveries.endpoint_id', to: 'webhook_endpoints.id' } },
  });
}

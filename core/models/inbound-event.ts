import { Model } from 'objection';
import { BaseModel } from './base-model.ts';
import { Channel } from './channel.ts';

/**
 * A webhook event exactly as received, stored before anything else happens; unique per
 * (channel, platform event id), so a redelivery is a unique violation and nothing more.
 */
export class InboundEvent extends BaseModel {
  static override tableName = 'inbound_events';
  static override jsonAttributes = ['payload'];

  declare id: number;
  declare orgId: string;
  /** Null for events that come through no channel (payment events). */
  declare channelId: string | null;
  declare platformEventId: string;
  declare eventType: string;
  declare payload: Record<string, unknown>;
  declare receivedAt: Date;
  declare occurredAt: Date | null;
  declare processedAt: Date | null;
  declare attempts: number;
  declare error: string | null;

  declare channel?: Channel;

  static override relationMappings = () => ({
    channel: {
      relation: Model.BelongsToOneRelation,
      modelClass: Channel,
      join: { from: 'inbound_events.channel_id', to: 'channels.id' },
    },
  });
}

import { Model } from 'objection';
import { BaseModel } from './base-model.ts';
import type { ActorType } from './vocabulary.ts';
import { Booking } from './booking.ts';

export const BOOKING_EVENT_TYPES = [
  'created', 'stage_changed', 'assignee_changed', 'details_changed', 'time_proposed',
  'note', 'message_in', 'message_out', 'notification_sent', 'sla_warning', 'sla_breach',
] as const;
/** The known types; the column takes any lower_snake word. */
export type BookingEventType = (typeof BOOKING_EVENT_TYPES)[number] | (string & {});

/** One entry of a booking's timeline. Append-only, like case events. */
export class BookingEvent extends BaseModel {
  static override tableName = 'booking_events';
  static override jsonAttributes = ['data'];

  declare id: number;
  declare orgId: string;
  declare bookingId: string;
  declare type: BookingEventType;
  declare actorType: ActorType;
  declare actorId: string | null;
  declare data: Record<string, unknown>;
  declare isPublic: boolean;
  declare createdAt: Date;

  declare booking?: Booking;

  static override relationMappings = () => ({
    booking: {
      relation: Model.BelongsToOneRelation,
      modelClass: Booking,
      join: { from: 'booking_events.booking_id', to: 'bookings.id' },
    },
  });
}

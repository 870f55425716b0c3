import { Model, type Pojo } from 'objection';
import { TimestampedModel } from './base-model.ts';
import type { BookingStage } from '../bookings/booking-stage.ts';
import type { BookingSource, Language } from './vocabulary.ts';
import { BookingEvent } from './booking-event.ts';
import { Contact } from './contact.ts';
import { Conversation } from './conversation.ts';
import { Service } from './service.ts';
import { StaffMember } from './staff-member.ts';

export interface BookingUtm {
  source?: string;
  medium?: string;
  campaign?: string;
  term?: string;
  content?: string;
  pageUrl?: string;
  referrer?: string;
}

/** A booking request and its way through the pipeline. */
export class Booking extends TimestampedModel {
  static override tableName = 'bookings';
  static override jsonAttributes = ['details', 'utm'];

  declare id: string;
  declare orgId: string;
  /** B-000045 */
  declare number: string;
  declare contactId: string;
  declare conversationId: string | null;
  declare serviceId: string | null;
  declare stage: BookingStage;
  declare assigneeStaffId: string | null;
  /** YYYY-MM-DD, a calendar date in the org's time zone. */
  declare requestedDate: string | null;
  /** HH:MM (or HH:MM:SS when seconds matter). */
  declare requestedTime: string | null;
  declare partySize: number | null;
  declare proposedDate: string | null;
  declare proposedTime: string | null;
  declare language: Language;
  declare details: Record<string, unknown>;
  declare source: BookingSource;
  declare utm: BookingUtm;
  declare idempotencyKey: string | null;
  declare version: number;
  declare notes: string | null;
  declare declineReason: string | null;
  declare firstResponseDueAt: Date | null;
  declare firstRespondedAt: Date | null;
  declare confirmedAt: Date | null;
  declare cancelledAt: Date | null;
  declare completedAt: Date | null;

  declare contact?: Contact;
  declare conversation?: Conversation;
  declare service?: Service;
  declare assignee?: StaffMember;
  declare events?: BookingEvent[];

  static override relationMappings = () => ({
    contact: {
      relation: Model.BelongsToOneRelation,
      modelClass: Contact,
      join: { from: 'bookings.contact_id', to: 'contacts.id' },
    },
    conversation: {
      relation: Model.BelongsToOneRelation,
      modelClass: Conversation,
      join: { from: 'bookings.conversation_id', to: 'conversations.id' },
    },
    service: {
      relation: Model.BelongsToOneRelation,
      modelClass: Service,
      join: { from: 'bookings.service_id', to: 'services.id' },
    },
    assignee: {
      relation: Model.BelongsToOneRelation,
      modelClass: StaffMember,
      join: { from: 'bookings.assignee_staff_id', to: 'staff.id' },
    },
    events: {
      relation: Model.HasManyRelation,
      modelClass: BookingEvent,
      join: { from: 'bookings.id', to: 'booking_events.booking_id' },
      modify: (query: { orderBy(column: string): unknown }) => query.orderBy('booking_events.id'),
    },
  });

  // The pg driver turns DATE into a Date at local midnight, which shifts the day once it is
  // serialised in UTC; a booking date is a calendar date, so it stays a string.
  override $parseDatabaseJson(json: Pojo): Pojo {
    const parsed = super.$parseDatabaseJson(json);
    for (const key of ['requestedDate', 'proposedDate']) {
      if (parsed[key] instanceof Date) parsed[key] = calendarDate(parsed[key]);
    }
    for (const key of ['requestedTime', 'proposedTime']) {
      if (typeof parsed[key] === 'string') parsed[key] = parsed[key].replace(/^(\d\d:\d\d):00$/, '$1');
    }
    return parsed;
  }
}

function calendarDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

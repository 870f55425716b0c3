import { Model } from 'objection';
import { TimestampedModel } from './base-model.ts';
import type { Language } from './vocabulary.ts';
import { Booking } from './booking.ts';
import { ContactIdentity } from './contact-identity.ts';
import { Conversation } from './conversation.ts';
import { SupportCase } from './support-case.ts';

/** A customer: one person across channels (each channel account is a ContactIdentity). */
export class Contact extends TimestampedModel {
  static override tableName = 'contacts';
  static override jsonAttributes = ['attributes'];

  declare id: string;
  declare orgId: string;
  declare displayName: string | null;
  declare language: Language;
  declare phone: string | null;
  declare email: string | null;
  /** The customer's id in the business's own system. */
  declare externalRef: string | null;
  declare isVip: boolean;
  declare attributes: Record<string, unknown>;

  declare identities?: ContactIdentity[];
  declare conversations?: Conversation[];
  declare cases?: SupportCase[];
  declare bookings?: Booking[];

  static override relationMappings = () => ({
    identities: {
      relation: Model.HasManyRelation,
      modelClass: ContactIdentity,
      join: { from: 'contacts.id', to: 'contact_identities.contact_id' },
    },
    conversations: {
      relation: Model.HasManyRelation,
      modelClass: Conversation,
      join: { from: 'contacts.id', to: 'conversations.contact_id' },
    },
    cases: {
      relation: Model.HasManyRelation,
      modelClass: SupportCase,
      join: { from: 'contacts.id', to: 'cases.contact_id' },
    },
    bookings: {
      relation: Model.HasManyRelation,
      modelClass: Booking,
      join: { from: 'contacts.id', to: 'bookings.contact_id' },
    },
  });
}

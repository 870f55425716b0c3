import { Model } from 'objection';
import { TimestampedModel } from './base-model.ts';
import type { CaseCategory, Language, Severity, StaffGroupPurpose } from './vocabulary.ts';
import { Channel } from './channel.ts';
import { Contact } from './contact.ts';
import { Provider } from './provider.ts';

/**
 * What a group receives (core/staff/routing.ts); an absent list means "all". Cases: case type keys,
 * categories, severities, languages, provider keys, and `vip` (true: VIP customers' cases only;
 * false: all but theirs). Bookings: `bookings` (a support group that also takes bookings) and
 * service keys.
 */
export interface StaffGroupRouting {
  caseTypes?: string[];
  categories?: CaseCategory[];
  severities?: Severity[];
  languages?: string[];
  providers?: string[];
  vip?: boolean;
  bookings?: boolean;
  services?: string[];
}

/** A LINE group the bot is in, and what it is for. */
export class StaffGroup extends TimestampedModel {
  static override tableName = 'staff_groups';
  static override jsonAttributes = ['routing'];

  declare id: string;
  declare orgId: string;
  declare channelId: string;
  declare lineGroupId: string;
  declare purpose: StaffGroupPurpose;
  declare name: string | null;
  declare isActive: boolean;
  declare routing: StaffGroupRouting;
  /** What the bot writes in this group. */
  declare language: Language;
  /** The VIP customer of a vip_customer group. */
  declare contactId: string | null;
  /** The provider of a provider group. */
  declare providerId: string | null;

  declare channel?: Channel;
  declare contact?: Contact;
  declare provider?: Provider;

  static override relationMappings = () => ({
    channel: {
      relation: Model.BelongsToOneRelation,
      modelClass: Channel,
      join: { from: 'staff_groups.channel_id', to: 'channels.id' },
    },
    contact: {
      relation: Model.BelongsToOneRelation,
      modelClass: Contact,
      join: { from: 'staff_groups.contact_id', to: 'contacts.id' },
    },
    provider: {
      relation: Model.BelongsToOneRelation,
      modelClass: Provider,
      join: { from: 'staff_groups.provider_id', to: 'providers.id' },
    },
  });
}

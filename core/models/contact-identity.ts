import { Model } from 'objection';
import { TimestampedModel } from './base-model.ts';
import { Channel } from './channel.ts';
import { Contact } from './contact.ts';

/** A contact's account on one channel: a LINE userId or a whatsapp:+66... address. */
export class ContactIdentity extends TimestampedModel {
  static override tableName = 'contact_identities';
  static override jsonAttributes = ['profile'];

  declare id: string;
  declare orgId: string;
  declare contactId: string;
  declare channelId: string;
  declare externalId: string;
  /** What the platform tells about the account: display name, picture URL, language. */
  declare profile: Record<string, unknown>;

  declare contact?: Contact;
  declare channel?: Channel;

  static override relationMappings = () => ({
    contact: {
      relation: Model.BelongsToOneRelation,
      modelClass: Contact,
      join: { from: 'contact_identities.contact_id', to: 'contacts.id' },
    },
    channel: {
      relation: Model.BelongsToOneRelation,
      modelClass: Channel,
      join: { from: 'contact_identities.channel_id', to: 'channels.id' },
    },
  });
}

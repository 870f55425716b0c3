import { Model } from 'objection';
import { TimestampedModel } from './base-model.ts';
import type { ChannelKind } from './vocabulary.ts';
import { Org } from './org.ts';
import { ContactIdentity } from './contact-identity.ts';
import { Conversation } from './conversation.ts';
import { StaffGroup } from './staff-group.ts';

/** A LINE Official Account or a WhatsApp sender of one org. */
export class Channel extends TimestampedModel {
  static override tableName = 'channels';
  static override jsonAttributes = ['settings'];

  declare id: string;
  declare orgId: string;
  declare kind: ChannelKind;
  declare name: string;
  /** LINE: the bot's user id (webhook `destination`); WhatsApp: the sender address. */
  declare externalId: string | null;
  /** AES-256-GCM ciphertext (core/crypto); decrypt only where the secret is used. */
  declare credentialsEncrypted: string | null;
  declare isActive: boolean;
  declare settings: Record<string, unknown>;

  declare org?: Org;
  declare identities?: ContactIdentity[];
  declare conversations?: Conversation[];
  declare staffGroups?: StaffGroup[];

  static override relationMappings = () => ({
    org: {
      relation: Model.BelongsToOneRelation,
      modelClass: Org,
      join: { from: 'channels.org_id', to: 'orgs.id' },
    },
    identities: {
      relation: Model.HasManyRelation,
      modelClass: ContactIdentity,
      join: { from: 'channels.id', to: 'contact_identities.channel_id' },
    },
    conversations: {
      relation: Model.HasManyRelation,
      modelClass: Conversation,
      join: { from: 'channels.id', to: 'conversations.channel_id' },
    },
    staffGroups: {
      relation: Model.HasManyRelation,
      modelClass: StaffGroup,
      join: { from: 'channels.id', to: 'staff_groups.channel_id' },
    },
  });
}

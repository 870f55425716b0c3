import { Model } from 'objection';
import { TimestampedModel } from './base-model.ts';
import type { ConversationKind } from './vocabulary.ts';
import { Channel } from './channel.ts';
import { Contact } from './contact.ts';
import { Message } from './message.ts';

/** The open dialogue the next customer message continues; its shape belongs to the conversation router. */
export type DialogueState = { kind: string } & Record<string, unknown>;

/** One chat on a channel: a 1:1 chat with a customer, or a group. */
export class Conversation extends TimestampedModel {
  static override tableName = 'conversations';
  static override jsonAttributes = ['dialogue'];

  declare id: string;
  declare orgId: string;
  declare channelId: string;
  /** Null for group chats. */
  declare contactId: string | null;
  declare kind: ConversationKind;
  /** LINE user/group/room id, or the WhatsApp address. */
  declare externalId: string;
  declare lastMessageAt: Date | null;
  /** WhatsApp: free text is allowed within 24 hours of this. */
  declare lastInboundAt: Date | null;
  declare dialogue: DialogueState | null;
  /** Held by the send job combining a burst of pushes to this group. */
  declare sendLeaseUntil: Date | null;

  declare channel?: Channel;
  declare contact?: Contact;
  declare messages?: Message[];

  static override relationMappings = () => ({
    channel: {
      relation: Model.BelongsToOneRelation,
      modelClass: Channel,
      join: { from: 'conversations.channel_id', to: 'channels.id' },
    },
    contact: {
      relation: Model.BelongsToOneRelation,
      modelClass: Contact,
      join: { from: 'conversations.contact_id', to: 'contacts.id' },
    },
    messages: {
      relation: Model.HasManyRelation,
      modelClass: Message,
      join: { from: 'conversations.id', to: 'messages.conversation_id' },
    },
  });
}

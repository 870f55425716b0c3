import { Model } from 'objection';
import { TimestampedModel } from './base-model.ts';
import type { DeliveryStatus, MessageDirection, MessageKind, MessageSenderType } from './vocabulary.ts';
import { Conversation } from './conversation.ts';
import { InboundEvent } from './inbound-event.ts';
import { StaffMember } from './staff-member.ts';

/** One message in a conversation, either way. Message bodies are personal data: do not log them. */
export class Message extends TimestampedModel {
  static override tableName = 'messages';
  static override jsonAttributes = ['payload'];

  declare id: string;
  declare orgId: string;
  declare conversationId: string;
  declare direction: MessageDirection;
  declare senderType: MessageSenderType;
  declare staffId: string | null;
  declare kind: MessageKind;
  declare text: string | null;
  declare payload: Record<string, unknown>;
  declare platformMessageId: string | null;
  declare inboundEventId: number | null;
  /** The outbox row that sends it (outbound only). */
  declare outboxId: string | null;
  declare sentAt: Date;
  declare deliveryStatus: DeliveryStatus | null;
  declare deliveryError: string | null;
  /** Relative to DATA_DIR/media. */
  declare mediaPath: string | null;
  /** The case or booking this message is about (a staff-group card, a relayed message). */
  declare caseId: string | null;
  declare bookingId: string | null;

  declare conversation?: Conversation;
  declare staff?: StaffMember;
  declare inboundEvent?: InboundEvent;

  static override relationMappings = () => ({
    conversation: {
      relation: Model.BelongsToOneRelation,
      modelClass: Conversation,
      join: { from: 'messages.conversation_id', to: 'conversations.id' },
    },
    staff: {
      relation: Model.BelongsToOneRelation,
      modelClass: StaffMember,
      join: { from: 'messages.staff_id', to: 'staff.id' },
    },
    inboundEvent: {
      relation: Model.BelongsToOneRelation,
      modelClass: InboundEvent,
      join: { from: 'messages.inbound_event_id', to: 'inbound_events.id' },
    },
  });
}

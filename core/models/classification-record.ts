import { Model } from 'objection';
import { BaseModel } from './base-model.ts';
import { Message } from './message.ts';

/** One classifier decision on a customer's message, with who made it and how fast. */
export class ClassificationRecord extends BaseModel {
  static override tableName = 'classifications';
  static override jsonAttributes = ['result'];

  declare id: number;
  declare orgId: string;
  declare messageId: string | null;
  declare provider: string;
  declare model: string;
  declare latencyMs: number;
  declare kind: string;
  declare caseType: string | null;
  declare bookingType: string | null;
  declare confidence: string;
  declare language: string;
  declare result: Record<string, unknown>;
  declare fallbackReason: string | null;
  declare createdAt: Date;

  static override relationMappings = () => ({
    message: { relation: Model.BelongsToOneRelation, modelClass: Message, join: { from: 'classifications.message_id', to: 'messages.id' } },
  });
}

import { BaseModel } from './base-model.ts';

export const OUTBOX_STATUSES = ['pending', 'enqueued', 'done', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * A row of the transactional outbox: work that commits with the state change it belongs to and is
 * handed to BullMQ afterwards (the id is the job id, and the X-Line-Retry-Key of a LINE push).
 */
export class OutboxMessage extends BaseModel {
  static override tableName = 'outbox';
  static override jsonAttributes = ['payload'];

  declare id: string;
  declare seq: number;
  /** Null for work of the deployment itself rather than of one org. */
  declare orgId: string | null;
  declare queue: string;
  declare jobName: string;
  declare payload: Record<string, unknown>;
  declare status: OutboxStatus;
  declare availableAt: Date;
  declare claimedUntil: Date | null;
  declare enqueuedAt: Date | null;
  declare processedAt: Date | null;
  declare failedAt: Date | null;
  declare attempts: number;
  declare enqueueCount: number;
  declare lastError: string | null;
  declare createdAt: Date;
}

import { BaseModel } from './base-model.ts';
import type { ActorType } from './vocabulary.ts';

/** One line of the append-only audit log (UPDATE, DELETE and TRUNCATE are refused by the database). */
export class AuditEntry extends BaseModel {
  static override tableName = 'audit_log';
  static override jsonAttributes = ['details'];

  declare id: number;
  declare orgId: string;
  declare actorType: ActorType;
  declare actorId: string | null;
  declare action: string;
  declare subjectType: string | null;
  declare subjectId: string | null;
  declare details: Record<string, unknown>;
  declare requestId: string | null;
  declare createdAt: Date;
}

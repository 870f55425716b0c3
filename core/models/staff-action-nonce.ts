import { BaseModel } from './base-model.ts';

/** A spent staff action token (core/staff/action-tokens.ts): its nonce can never act again. */
export class StaffActionNonce extends BaseModel {
  static override tableName = 'staff_action_nonces';
  static override idColumn = 'nonce';

  declare nonce: string;
  declare orgId: string | null;
  declare expiresAt: Date | null;
  declare usedAt: Date;
}

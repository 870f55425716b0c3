import { signAction } from './action-tokens.ts';

/**
 * The postback data of a staff button: a signed action token (action-tokens.ts) naming the action,
 * its argument and its subject. `case.status:investigating` on a case id; the bot's staff router
 * (bot/staff/staff-actions.ts) checks it and runs the handler registered for `case.status`.
 */

/** How long a button stays usable: cards live in a group's history for a long time. */
export const CARD_BUTTON_TTL_MS = 30 * 86_400_000;
/** Quick replies are answered at once, or not at all. */
export const QUICK_REPLY_TTL_MS = 86_400_000;

/** A signed postback for a staff action on a subject (a case, a booking, a group). */
export function staffActionData(
  key: Buffer,
  a: { orgId: string; name: string; arg?: string; subjectId: string; now: Date; ttlMs?: number },
): string {
  return signAction(
    {
      orgId: a.orgId,
      action: a.arg ? `${a.name}:${a.arg}` : a.name,
      subjectId: a.subjectId,
      expiresAt: new Date(a.now.getTime() + (a.ttlMs ?? CARD_BUTTON_TTL_MS)),
    },
    key,
  );
}


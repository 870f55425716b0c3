import { claimMessage } from '../../core/conversations/conversation-log.ts';
import { consumeNonce, isActionToken, verifyAction } from '../../core/staff/action-tokens.ts';
import type { Language } from '../../core/vocabulary.ts';
import { bookingActions } from './booking-actions.ts';
import { caseActions } from './case-actions.ts';
import { conversationActions } from './conversation-actions.ts';
import { groupSetupActions } from './group-setup.ts';
import { newCaseActions } from './new-case-command.ts';
import type { ActionTable } from './action-context.ts';
import { answer, type StaffDeps, type StaffScene } from './staff-scene.ts';

/**
 * A staff member taps a card button or a quick reply: the postback carries a signed action token
 * (`sa1.`, core/staff/action-tokens.ts). Checked here, in this order, before anything changes:
 *
 * 1. the token is ours, unchanged and unexpired;
 * 2. it was made for the org the tap arrived in;
 * 3. the person tapping is active, enrolled staff of that org;
 * 4. the action is one we know.
 *
 * Then the action's handler runs in one transaction with the message's claim. The handler checks
 * the role (`canStaff`) against the case or booking as it is now, spends the token's nonce right
 * before it changes anything (`ctx.spend()`: a replayed tap changes nothing), and answers in the chat.
 * Every refusal is answered too, so a tap never goes unanswered.
 */
const handlers: ActionTable = { ...caseActions, ...bookingActions, ...groupSetupActions, ...conversationActions, ...newCaseActions };

export function isStaffAction(scene: StaffScene): boolean {
  return Boolean(scene.message.postback && isActionToken(scene.message.postback.data));
}

const REFUSALS: Record<string, Record<Language, string>> = {
  invalid: { th: 'ปุ่มนี้ใช้ไม่ได้ค่ะ', en: 'This button cannot be used.' },
  expired: { th: 'ปุ่มนี้หมดอายุแล้ว พิมพ์หมายเลขเคสเพื่อเปิดดูอีกครั้งค่ะ', en: 'This button has expired. Send the case number to open it again.' },
  not_staff: {
    th: 'เฉพาะเจ้าหน้าที่ที่ลงทะเบียนแล้วเท่านั้นที่ทำรายการนี้ได้ ส่งรหัสลงทะเบียนให้บอทก่อนค่ะ',
    en: 'Only enrolled staff can do this. Send your enrolment code to the bot first.',
  },
  unknown: { th: 'ไม่รู้จักคำสั่งนี้ค่ะ', en: 'Unknown action.' },
};

export async function handleStaffAction(deps: StaffDeps, scene: StaffScene): Promise<string> {
  const postback = scene.message.postback!;
  const verified = verifyAction(postback.data, deps.actionKey, scene.now);
  let refusal: keyof typeof REFUSALS | undefined;
  let outcome: string;
  if (!verified.ok) [refusal, outcome] = [verified.reason === 'expired' ? 'expired' : 'invalid', `refused: ${verified.reason}`];
  else if (verified.payload.orgId !== scene.message.orgId) [refusal, outcome] = ['invalid', 'refused: another org'];
  else if (!scene.staff) [refusal, outcome] = ['not_staff', 'refused: not staff'];
  else outcome = '';
  const [name, arg] = verified.ok ? splitAction(verified.payload.action) : ['', undefined];
  if (!refusal && !handlers[name]) [refusal, outcome] = ['unknown', `refused: unknown action ${name}`];

  return deps.knex.transaction(async (trx) => {
    if (!(await claimMessage(trx, scene.message.id))) return 'already routed';
    if (refusal || !verified.ok || !scene.staff) {
      await answer(trx, scene, [{ kind: 'text', text: REFUSALS[refusal!][scene.language] }]);
      return outcome;
    }
    const token = verified.payload;
    return handlers[name]({
      trx,
      deps,
      scene,
      staff: scene.staff,
      token,
      name,
      arg,
      params: postback.params ?? {},
      spend: () => consumeNonce(trx, token.nonce, { orgId: token.orgId, expiresAt: token.expiresAt }),
    });
  });
}

function splitAction(action: string): [string, string | undefined] {
  const i = action.indexOf(':');
  return i < 0 ? [action, undefined] : [action.slice(0, i), action.slice(i + 1)];
}

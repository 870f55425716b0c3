import type { Knex } from 'knex';
import { issueEnrolmentCode } from '../../core/staff/enrolment.ts';
import type { FakeLineState } from '../fakes/line-api.ts';

/**
 * Opening the staff apps (dashboard, desk, settings) as a chosen staff member, without LINE: the
 * simulator's fake LINE issues an ID token for the staff member's LINE account, handed to the app
 * through LIFF Mock (`#liff-mock-id-token=`, liff/src/kit/staff.ts); the api accepts it through
 * `localVerifier` (api/liff/line-id-token.ts), which bin/system.ts sets only while the simulator
 * runs, never in production. A staff member not yet linked to LINE is enrolled first, the way a
 * person would be: a code is issued and sent to the bot from a LINE account of the simulator's.
 *
 *   GET  /dev/chat/staff        the default org's active staff: id, name, role, linked or not
 *   POST /dev/chat/staff-app    { staffId, app }: the app's address, signed in as them
 */
export const SIMULATOR_LOGIN_CHANNEL_ID = 'chat-simulator';
export const STAFF_APPS = ['dashboard', 'desk', 'settings'] as const;

export interface SimulatorStaffOptions {
  knex: Knex;
  orgId: string;
}

export interface StaffAppsDeps extends SimulatorStaffOptions {
  lineState: FakeLineState;
  /** The api's origin: where the apps are served. */
  selfUrl: () => string;
  /** Sends a text to the bot from this LINE user on the simulator's channel (chat-simulator.ts); resolves once the webhook is accepted. */
  sendText: (userId: string, text: string) => Promise<void>;
}

export async function staffForSimulator(d: SimulatorStaffOptions) {
  const rows = await d.knex('staff').select('id', 'display_name', 'role', 'line_user_id').where({ org_id: d.orgId, is_active: true }).orderBy(['role', 'display_name']);
  return rows.map((r) => ({ id: r.id as string, displayName: r.display_name as string, role: r.role as string, linked: r.line_user_id !== null }));
}

/** The address of `app` signed in as the staff member; enrols them on the simulator's channel first when they have no LINE account. */
export async function staffAppAddress(d: StaffAppsDeps, staffId: string, app: (typeof STAFF_APPS)[number]): Promise<string | undefined> {
  const staff = await d.knex('staff').select('id', 'display_name', 'line_user_id').where({ org_id: d.orgId, id: staffId, is_active: true }).first();
  if (!staff) return undefined;
  let lineUserId: string | null = staff.line_user_id;
  if (!lineUserId) {
    const { code } = await issueEnrolmentCode(d.knex, { orgId: d.orgId, staffId, actor: { type: 'system' } });
    const user = `simulated staff ${staffId}`;
    await d.sendText(user, code);
    for (let i = 0; i < 100 && !lineUserId; i++) {
      await new Promise((r) => setTimeout(r, 100));
      lineUserId = (await d.knex('staff').select('line_user_id').where({ id: staffId }).first())?.line_user_id ?? null;
    }
    if (!lineUserId) throw new Error('The staff member could not be enrolled through the simulator');
  }
  const token = d.lineState.issueIdToken({ sub: lineUserId, channelId: SIMULATOR_LOGIN_CHANNEL_ID, name: staff.display_name, ttlMs: 12 * 3_600_000 });
  return `${d.selfUrl()}/liff/${app}#liff-mock-id-token=${encodeURIComponent(token)}`;
}

/** The api's check of the simulator's tokens (`localVerifier`): the claims of a token this fake LINE signed for the simulator, else undefined. */
export function simulatorTokenVerifier(lineState: FakeLineState) {
  return (idToken: string): { sub: string; name?: string } | undefined => {
    const v = lineState.verifyIdToken(idToken, SIMULATOR_LOGIN_CHANNEL_ID);
    if ('error' in v || typeof v.claims.sub !== 'string') return undefined;
    return { sub: v.claims.sub, name: typeof v.claims.name === 'string' ? v.claims.name : undefined };
  };
}

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
 *   GET  /dev/chat/staff        a business's active staff (the default org's unless named): id, name, role, linked or not
 *   POST /dev/chat/staff-app    { staffId, app }: the app's address, signed in as them
 *   GET  /dev/chat/businesses   the active businesses, the default one first
 *   POST /dev/chat/invitation   { link }: Settings with the invitation, signed in as a new LINE user (the new owner)
 *   POST /dev/chat/customer-page { page, userId, business? }: the customer's card, bookings or form, signed in as that customer
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

/** The businesses the simulator can play: every active org, the default one first. */
export async function businessesForSimulator(knex: Knex) {
  const rows = await knex('orgs').select('id', 'name', 'is_default').where({ status: 'active' }).orderBy([{ column: 'is_default', order: 'desc' }, { column: 'name' }]).limit(200);
  return rows.map((r) => ({ id: r.id as string, name: r.name as string, isDefault: r.is_default as boolean }));
}

/** The slug of an active business, which its website booking form is addressed by (`/liff/book?org=`). */
export async function activeBusinessSlug(knex: Knex, orgId: string): Promise<string | undefined> {
  return (await knex('orgs').first('slug').where({ id: orgId, status: 'active' }))?.slug;
}

/**
 * The Settings app with an invitation (the link the platform operator was given for a new
 * business's first admin), signed in as `lineUserId`, a LINE user of the simulator's: the page
 * accepts it as LINE would (docs/tenants.md, "The first admin"). Undefined when the link holds no
 * invitation; whether the invitation is good is the api's to say, in the page.
 */
export function invitationAddress(d: { lineState: FakeLineState; selfUrl: () => string }, i: { link: string; lineUserId: string; displayName: string }): string | undefined {
  let invitation: string | null = null;
  try {
    invitation = new URL(i.link).searchParams.get('invitation');
  } catch {
    invitation = new URLSearchParams(i.link.replace(/^[^?]*\?/, '')).get('invitation');
  }
  if (!invitation) return undefined;
  return signedIn(d, `/liff/settings?invitation=${encodeURIComponent(invitation)}`, i);
}

/** The customer's own pages the simulator opens as the customer it plays (the rich menu's links in LINE). */
export const CUSTOMER_PAGES = ['card', 'me', 'book'] as const;

/** A customer page signed in as the LINE user the simulator plays (their id as the business's account knows them). */
export function customerPageAddress(d: { lineState: FakeLineState; selfUrl: () => string }, page: (typeof CUSTOMER_PAGES)[number], who: { lineUserId: string; displayName: string }): string {
  return signedIn(d, `/liff/${page}`, who);
}

/** A page of the api's, signed in through LIFF Mock as a LINE user of the simulator's (a token its fake LINE issued, good for 12 hours). */
function signedIn(d: { lineState: FakeLineState; selfUrl: () => string }, path: string, who: { lineUserId: string; displayName: string }): string {
  const token = d.lineState.issueIdToken({ sub: who.lineUserId, channelId: SIMULATOR_LOGIN_CHANNEL_ID, name: who.displayName, ttlMs: 12 * 3_600_000 });
  return `${d.selfUrl()}${path}#liff-mock-id-token=${encodeURIComponent(token)}`;
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
  return signedIn(d, `/liff/${app}`, { lineUserId, displayName: staff.display_name });
}

/** The api's check of the simulator's tokens (`localVerifier`): the claims of a token this fake LINE signed for the simulator, else undefined. */
export function simulatorTokenVerifier(lineState: FakeLineState) {
  return (idToken: string): { sub: string; name?: string } | undefined => {
    const v = lineState.verifyIdToken(idToken, SIMULATOR_LOGIN_CHANNEL_ID);
    if ('error' in v || typeof v.claims.sub !== 'string') return undefined;
    return { sub: v.claims.sub, name: typeof v.claims.name === 'string' ? v.claims.name : undefined };
  };
}

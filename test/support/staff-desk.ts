import { expect } from 'vitest';
import { lineId } from '../../dev/fakes/line-api.ts';
import { loadOrCreateKeyFile } from '../../core/crypto/key-file.ts';
import { deriveActionKey } from '../../core/staff/action-tokens.ts';
import type { StaffGroupRouting } from '../../core/staff/staff-desk.ts';
import { apiClient } from './api-client.ts';
import type { LineCustomerHarness } from './line-customer.ts';
import { until } from './test-system.ts';

/**
 * The staff side of the LINE harness: staff members enrolled the way they really are (admin API,
 * then their code sent to the bot), groups the bot has joined (a signed `join` event), and a group
 * set to a purpose and routing directly, for tests that are not about the set-up dialogue itself.
 */
export interface EnrolledStaff {
  id: string;
  lineUserId: string;
  displayName: string;
  role: string;
}

export async function enrolStaff(
  h: LineCustomerHarness,
  s: { displayName: string; role: 'support' | 'manager' | 'admin' | 'ceo' | 'accountant'; language?: 'th' | 'en' },
): Promise<EnrolledStaff> {
  const api = apiClient(h.sys);
  const res = await api('POST', '/api/v1/staff', { displayName: s.displayName, role: s.role, language: s.language ?? 'en' });
  expect(res.status).toBe(201);
  const lineUserId = lineId('U');
  await h.send(lineUserId, { text: res.json.enrolment.code });
  await until(async () => (await h.sys.knex('staff').where({ id: res.json.id, line_user_id: lineUserId }).first()) ?? false);
  return { id: res.json.id, lineUserId, displayName: s.displayName, role: s.role };
}

/** The bot is added to a new group (a signed `join` webhook); resolves once the group is recorded. */
export async function joinGroup(h: LineCustomerHarness, groupId = lineId('C')): Promise<string> {
  const res = await h.postEvents([
    {
      type: 'join',
      mode: 'active',
      timestamp: Date.now(),
      source: { type: 'group', groupId },
      webhookEventId: `01J${Math.random().toString(36).slice(2, 12).toUpperCase()}${Date.now().toString(36).toUpperCase()}`.slice(0, 26).padEnd(26, '0'),
      deliveryContext: { isRedelivery: false },
      replyToken: h.line.state.issueReplyToken(),
    },
  ]);
  expect(res.status).toBe(200);
  await until(async () => (await h.sys.knex('staff_groups').where({ line_group_id: groupId }).first()) ?? false);
  return groupId;
}

/** A group the bot is in, set to a purpose and routing (what the set-up dialogue would store). */
export async function configureGroup(
  h: LineCustomerHarness,
  groupId: string,
  c: { purpose: 'support' | 'managers' | 'vip_customer' | 'provider' | 'sales'; routing?: StaffGroupRouting; contactId?: string; providerId?: string; language?: 'th' | 'en' },
): Promise<{ id: string; groupId: string }> {
  await joinGroup(h, groupId);
  const [row] = await h.sys
    .knex('staff_groups')
    .where({ line_group_id: groupId })
    .update({
      purpose: c.purpose,
      routing: JSON.stringify(c.routing ?? {}),
      contact_id: c.contactId ?? null,
      provider_id: c.providerId ?? null,
      language: c.language ?? 'en',
    })
    .returning('id');
  return { id: row.id, groupId };
}

/** Everything the bot has sent to a group (or user) so far, flattened to LINE message objects. */
export function sentTo(h: LineCustomerHarness, to: string): Record<string, any>[] {
  return h.line.state.deliveriesTo(to).flatMap((d) => d.messages as Record<string, any>[]);
}

/** Waits until the bot has sent a message to `to` that satisfies `match`, and returns it. */
export function waitForMessageTo(h: LineCustomerHarness, to: string, match: (m: Record<string, any>) => boolean, timeoutMs = 15_000): Promise<Record<string, any>> {
  return until(async () => sentTo(h, to).find(match) ?? false, timeoutMs);
}

/** The postback data of a card's button (Flex footer) or a quick reply, by its label. */
export function buttonData(message: Record<string, any>, label: string | RegExp): string {
  const actions: Record<string, any>[] = [
    ...(message.quickReply?.items ?? []).map((i: Record<string, any>) => i.action),
    ...collectActions(message.contents),
  ];
  const found = actions.find((a) => (typeof label === 'string' ? a.label === label : label.test(a.label ?? '')));
  if (!found?.data) throw new Error(`no button ${label} in ${JSON.stringify(message).slice(0, 400)}`);
  return found.data;
}

function collectActions(node: unknown): Record<string, any>[] {
  if (!node || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap(collectActions);
  const o = node as Record<string, any>;
  return [...(o.type === 'button' && o.action ? [o.action] : []), ...Object.values(o).flatMap(collectActions)];
}

/** The running system's key for staff action tokens (derived from the key file in its DATA_DIR). */
export function actionKeyOf(h: LineCustomerHarness): Buffer {
  return deriveActionKey(loadOrCreateKeyFile(h.sys.dataDir));
}

import type { Knex } from 'knex';
import type { z } from 'zod';
import { canStaff, type StaffAction } from '../../core/access/roles.ts';
import type { ApiKeyIdentity } from '../../core/api-keys/api-key-service.ts';
import * as c from '../../core/contracts/conversations.ts';
import { assign, note, orThrow, reply, resolve, snooze, take, type CommandResult, type StaffActor, type StaffCommand } from '../../core/conversations/conversation-commands.ts';
import { conversationDetail, listConversations } from '../../core/conversations/inbox-queries.ts';
import { transactionRetried } from '../../core/db/deadlock-retry.ts';
import { forbidden, notFound } from '../../core/errors/index.ts';
import { activeStaffMember } from '../../core/staff/case-desk-actions.ts';
import type { StaffRole } from '../../core/vocabulary.ts';
import { route } from '../route.ts';

/**
 * The inbox over REST (docs/inbox.md): the lists, one conversation with its messages and notes,
 * and the commands of core/conversations/conversation-commands.ts acting as the staff member the
 * API key belongs to (a key of nobody is refused), with the same optimistic concurrency as cases:
 * each change names the version the caller saw, and 409 answers a stale one or someone else's
 * conversation, with who has it.
 */

/** The key's staff member as the commands' actor: active now, and the key's own role allows the action too. */
async function keyStaff(db: Knex | Knex.Transaction, identity: ApiKeyIdentity, action: StaffAction): Promise<StaffActor> {
  const staff = await activeStaffMember(db, identity.orgId, identity.staffId);
  if (!canStaff(identity.role as StaffRole, action)) {
    throw forbidden(`This API key's role ${identity.role} cannot do this (${action})`, { reason: 'role_forbids', action, role: identity.role });
  }
  return { staffId: staff.id, role: staff.role };
}

/** A command's answer as the API shows it, or its refusal as the API's error. */
function answer(r: CommandResult<{ messageIds?: string[]; noteId?: string }>) {
  const done = orThrow(r);
  return {
    id: done.now.conversationId,
    status: done.now.status,
    version: done.now.version,
    assigneeStaffId: done.now.assigneeStaffId,
    assigneeName: done.now.assigneeName,
    changed: done.changed,
    ...(done.messageIds ? { messageIds: done.messageIds } : {}),
    ...(done.noteId ? { noteId: done.noteId } : {}),
  };
}

/**
 * `POST /api/v1/conversations/:id/<path>`: one of the commands, in a transaction, as the key's
 * staff member, with the version the caller saw.
 */
function commandRoute<B extends z.ZodType<{ expectedVersion: number }>>(r: {
  path: string;
  summary: string;
  body: B;
  status?: number;
  action: (body: z.infer<B>) => StaffAction;
  run: (trx: Knex.Transaction, a: StaffCommand, body: z.infer<B>) => Promise<CommandResult<{ messageIds?: string[]; noteId?: string }>>;
}) {
  return route({
    method: 'post',
    path: `/api/v1/conversations/:id/${r.path}`,
    summary: r.summary,
    tag: 'conversations',
    access: 'conversations.work',
    body: r.body,
    response: c.conversationResult,
    status: r.status,
    handle: ({ identity, deps, params, body }) =>
      transactionRetried(deps.knex, async (trx) => {
        const staff = await keyStaff(trx, identity!, r.action(body));
        return answer(await r.run(trx, { orgId: identity!.orgId, conversationId: params.id, staff, expectedVersion: body.expectedVersion, now: new Date() }, body));
      }),
  });
}

export const conversationRoutes = [
  route({
    method: 'get',
    path: '/api/v1/conversations',
    summary: "Conversations in the inbox: waiting for a person (longest first), the key's staff member's own, all open, or resolved",
    tag: 'conversations',
    access: 'conversations.read',
    query: c.conversationView,
    response: c.conversationList,
    handle: async ({ identity, deps, query }) => {
      const staffId = query.status === 'mine' ? (await keyStaff(deps.knex, identity!, 'conversation.view')).staffId : undefined;
      return listConversations(deps.knex, identity!.orgId, { view: query.status, staffId, now: new Date() });
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/conversations/:id',
    summary: 'One conversation: who holds it, a page of its messages (the newest page first) and its private notes',
    tag: 'conversations',
    access: 'conversations.read',
    query: c.conversationPage,
    response: c.conversationDetail,
    handle: async ({ identity, deps, params, query }) => {
      const found = await conversationDetail(deps.knex, identity!.orgId, params.id, query);
      if (!found) throw notFound('Conversation', { id: params.id });
      return found;
    },
  }),

  commandRoute({
    path: 'take',
    summary: "Take a conversation as the key's staff member; a manager or admin may take one over. 409 if it changed meanwhile or someone else has it",
    body: c.conversationTake,
    action: () => 'conversation.take',
    run: (trx, a) => take(trx, a),
  }),

  commandRoute({
    path: 'assign',
    summary: 'Give a conversation to a staff member (managers and admins); they are told in LINE. 409 if it changed meanwhile',
    body: c.conversationAssign,
    action: () => 'conversation.assign',
    run: (trx, a, body) => assign(trx, { ...a, assigneeId: body.staffId }),
  }),

  commandRoute({
    path: 'messages',
    summary: 'Write to the customer on their channel (through the outbox; takes a conversation nobody holds), or with `note: true` a private note. 409 if it changed meanwhile or someone else has it',
    body: c.conversationMessage,
    status: 201,
    action: (body) => (body.note ? 'conversation.note' : 'conversation.reply'),
    run: (trx, a, body) => (body.note ? note(trx, { ...a, text: body.text! }) : reply(trx, body.savedReply !== undefined ? { ...a, savedReply: body.savedReply } : { ...a, text: body.text! })),
  }),

  commandRoute({
    path: 'resolve',
    summary: 'Resolve a conversation: nobody holds it and the bot answers the customer again. 409 if it changed meanwhile or someone else has it',
    body: c.conversationResolve,
    action: () => 'conversation.resolve',
    run: (trx, a) => resolve(trx, a),
  }),

  commandRoute({
    path: 'snooze',
    summary: 'Snooze a conversation until a time (its holder keeps it); a message from the customer wakes it. 409 if it changed meanwhile or someone else has it',
    body: c.conversationSnooze,
    action: () => 'conversation.snooze',
    run: (trx, a, body) => snooze(trx, { ...a, until: new Date(body.until) }),
  }),
];

import * as c from '../../core/contracts/saved-replies.ts';
import { createSavedReply, deleteSavedReply, listSavedReplies, updateSavedReply } from '../../core/conversations/saved-replies.ts';
import { route } from '../route.ts';

/**
 * Saved replies (docs/inbox.md): those who work conversations read them and send them
 * (`POST /api/v1/conversations/:id/messages` with `savedReply`); managers and admins write them.
 */
export const savedReplyRoutes = [
  route({
    method: 'get',
    path: '/api/v1/saved-replies',
    summary: 'The saved replies in use, by shortcut, in Thai and English',
    tag: 'saved-replies',
    access: 'saved_replies.read',
    response: c.savedReplyList,
    handle: async ({ caller, deps }) => listSavedReplies(deps.knex, caller.orgId),
  }),

  route({
    method: 'post',
    path: '/api/v1/saved-replies',
    summary: 'Add a saved reply; a variable that is not filled when it is sent is a 422 naming it, a shortcut in use a 409',
    tag: 'saved-replies',
    access: 'saved_replies.manage',
    body: c.savedReplyCreate,
    response: c.savedReplyView,
    status: 201,
    handle: async ({ caller, deps, body }) => createSavedReply(deps.knex, { orgId: caller.orgId, actor: caller.actor, requestId: caller.requestId, ...body }),
  }),

  route({
    method: 'patch',
    path: '/api/v1/saved-replies/:key',
    summary: 'Change a saved reply (its shortcut, title or either text); the same checks as adding one',
    tag: 'saved-replies',
    access: 'saved_replies.manage',
    body: c.savedReplyUpdate,
    response: c.savedReplyView,
    handle: async ({ caller, deps, params, body }) =>
      updateSavedReply(deps.knex, { orgId: caller.orgId, actor: caller.actor, requestId: caller.requestId, key: params.key, change: body }),
  }),

  route({
    method: 'delete',
    path: '/api/v1/saved-replies/:key',
    summary: 'End a saved reply: it is no longer listed nor sent, and its shortcut is free again (the audit log keeps it)',
    tag: 'saved-replies',
    access: 'saved_replies.manage',
    response: c.savedReplyDeleted,
    handle: async ({ caller, deps, params }) => {
      await deleteSavedReply(deps.knex, { orgId: caller.orgId, actor: caller.actor, requestId: caller.requestId, key: params.key });
      return { key: params.key, deleted: true as const };
    },
  }),
];

import type { Knex } from 'knex';
import type { z } from 'zod';
import type { StaffAction } from '../../core/access/roles.ts';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_REFUSALS, ATTACHMENT_TYPES } from '../../core/contracts/attachment-limits.ts';
import { bookingEventsOfContact } from '../../core/bookings/customer-bookings.ts';
import { bookForContact } from '../../core/bookings/staff-booking.ts';
import { joinForContact } from '../../core/bookings/waitlist-doors.ts';
import { waitlistPlace } from '../../core/contracts/waitlist.ts';
import { openForCustomer } from '../../core/cases/case-commands.ts';
import { caseEventsOfContact, latestOpenCaseNumber } from '../../core/cases/customer-cases.ts';
import * as c from '../../core/contracts/conversations.ts';
import { storeAttachment } from '../../core/conversations/attachments.ts';
import { assign, note, orThrow, reply, resolve, snooze, take, type CommandResult, type StaffActor, type StaffCommand } from '../../core/conversations/conversation-commands.ts';
import { conversationCustomer, conversationDetail, listConversations } from '../../core/conversations/inbox-queries.ts';
import type { ReplyContent } from '../../core/conversations/reply-content.ts';
import { savedRepliesFor } from '../../core/conversations/saved-replies.ts';
import { transactionRetried } from '../../core/db/deadlock-retry.ts';
import { DomainError, forbidden, notFound, validationFailed } from '../../core/errors/index.ts';
import type { MediaLinkDeps } from '../../core/media/attachment-messages.ts';
import { fileTheChannelRefuses } from '../../core/media/channel-file-limits.ts';
import { mediaUrl } from '../../core/media/media-links.ts';
import { LocalDiskMediaStore } from '../../core/media/media-store.ts';
import type { AttachmentType } from '../../core/vocabulary.ts';
import { onDesk } from '../liff/staff-apps.ts';
import { route, type Caller } from '../route.ts';
import { actingStaff } from './acting-staff.ts';
import { replyDeps } from './case-routes.ts';

/**
 * The inbox over REST (docs/inbox.md): the lists, one conversation with its messages and notes,
 * and the commands of core/conversations/conversation-commands.ts acting as the staff member the
 * API key belongs to (a key of nobody is refused), or the one signed in on the staff desk (every
 * route here is its Inbox's too), with the same optimistic concurrency as cases:
 * each change names the version the caller saw, and 409 answers a stale one or someone else's
 * conversation, with who has it. Files to send are uploaded first (`…/attachments`, checked for
 * size and type before a byte is stored) and sent by id.
 */

/** The caller's staff member as the commands' actor (api/admin/acting-staff.ts: a key's own role must allow the action too). */
async function actorOf(db: Knex | Knex.Transaction, caller: Caller, action: StaffAction): Promise<StaffActor> {
  const staff = await actingStaff(db, caller, action);
  return { staffId: staff.id, role: staff.role };
}

/** Case and booking events shown among a page's messages: enough for a busy customer's page, the latest kept. */
const EVENTS_PER_PAGE = 100;

/** The customer a case or a booking is opened for: the conversation's, not erased. */
async function customerOf(db: Knex | Knex.Transaction, orgId: string, conversationId: string) {
  const customer = await conversationCustomer(db, orgId, conversationId);
  if (!customer) throw notFound('Conversation', { id: conversationId });
  if (customer.erased) throw new DomainError('conflict', "This conversation's customer was erased", { reason: 'erased' });
  return customer;
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

/** What a reply body asks to send, for the `reply` command. */
function replyContentOf(body: z.infer<typeof c.conversationMessage>, links: MediaLinkDeps): ReplyContent {
  if (body.attachmentId !== undefined) return { attachment: { id: body.attachmentId, caption: body.text, links } };
  if (body.template !== undefined) return { template: body.template };
  if (body.savedReply !== undefined) return { savedReply: body.savedReply, openCaseOf: latestOpenCaseNumber };
  return { text: body.text! };
}

/**
 * `POST /api/v1/conversations/:id/<path>` (and the desk's `…/desk/conversations/:id/<path>`): one
 * of the commands, in a transaction, as the caller's staff member, with the version they saw.
 */
function commandRoute<B extends z.ZodType<{ expectedVersion: number }>>(r: {
  path: string;
  summary: string;
  body: B;
  status?: number;
  action: (body: z.infer<B>) => StaffAction;
  run: (trx: Knex.Transaction, a: StaffCommand, body: z.infer<B>, links: MediaLinkDeps) => Promise<CommandResult<{ messageIds?: string[]; noteId?: string }>>;
}) {
  return route({
    method: 'post',
    path: `/api/v1/conversations/:id/${r.path}`,
    summary: r.summary,
    staffApp: onDesk(`/conversations/:id/${r.path}`, `${r.summary} (as POST /api/v1/conversations/:id/${r.path})`),
    tag: 'conversations',
    access: 'conversations.work',
    body: r.body,
    response: c.conversationResult,
    status: r.status,
    handle: ({ caller, deps, params, body, ctx }) =>
      transactionRetried(deps.knex, async (trx) => {
        const staff = await actorOf(trx, caller, r.action(body));
        const a = { orgId: caller.orgId, conversationId: params.id, staff, expectedVersion: body.expectedVersion, now: new Date() };
        return answer(await r.run(trx, a, body, replyDeps(deps, ctx.origin)));
      }),
  });
}

/**
 * `POST /api/v1/conversations/:id/<path>` (and the desk's): opens a case or a booking for the
 * conversation's customer, in a transaction, as the caller's staff member; answers its number.
 */
function openingRoute<B extends z.ZodType>(r: {
  path: string;
  summary: string;
  access: 'cases.work' | 'bookings.create';
  action: StaffAction;
  body: B;
  open: (trx: Knex.Transaction, o: { orgId: string; conversationId: string; contactId: string; language: 'th' | 'en'; staff: StaffActor }, body: z.infer<B>) => Promise<{ number: string }>;
}) {
  const what = r.path === 'cases' ? 'a case' : 'a booking';
  return route({
    method: 'post',
    path: `/api/v1/conversations/:id/${r.path}`,
    summary: r.summary,
    tag: 'conversations',
    access: r.access,
    staffApp: onDesk(`/conversations/:id/${r.path}`, `Open ${what} for the customer (as POST /api/v1/conversations/:id/${r.path})`),
    body: r.body,
    response: c.conversationOpened,
    status: 201,
    handle: ({ caller, deps, params, body }) =>
      transactionRetried(deps.knex, async (trx) => {
        const staff = await actorOf(trx, caller, r.action);
        const { contactId, language } = await customerOf(trx, caller.orgId, params.id);
        const { number } = await r.open(trx, { orgId: caller.orgId, conversationId: params.id, contactId, language, staff }, body);
        return { number };
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
    staffApp: onDesk('/conversations', 'The Inbox: waiting for a person (longest first), mine, all open, or resolved (as GET /api/v1/conversations)'),
    query: c.conversationView,
    response: c.conversationList,
    handle: async ({ caller, deps, query }) => {
      const staffId = query.status === 'mine' ? (await actorOf(deps.knex, caller, 'conversation.view')).staffId : undefined;
      return listConversations(deps.knex, caller.orgId, { view: query.status, staffId, now: new Date() });
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/conversations/:id',
    summary: 'One conversation: who holds it, a page of its messages (the newest page first) and its private notes',
    tag: 'conversations',
    access: 'conversations.read',
    staffApp: onDesk('/conversations/:id', 'One conversation: who holds it, a page of its messages and its private notes (as GET /api/v1/conversations/:id)'),
    query: c.conversationPage,
    response: c.conversationDetail,
    handle: async ({ caller, deps, params, query, ctx }) => {
      // The desk reads files from its own origin; an API key's caller gets the public link.
      const links = replyDeps(deps, ctx.origin);
      const fileLink = (messageId: string) => {
        const url = mediaUrl(links.publicBaseUrl(), links.mediaLinkKey, messageId);
        return caller.actor.type === 'staff' ? url.slice(url.indexOf('/media/')) : url;
      };
      const found = await conversationDetail(deps.knex, caller.orgId, params.id, { ...query, fileLink, now: new Date() });
      if (!found) throw notFound('Conversation', { id: params.id });
      const { span, ...page } = found;
      // The customer's cases and bookings come from their own modules (core/conversations may not import them).
      const window = { since: span.from, until: span.to, limit: EVENTS_PER_PAGE };
      const events = page.contact
        ? [...(await caseEventsOfContact(deps.knex, caller.orgId, page.contact.id, window)), ...(await bookingEventsOfContact(deps.knex, caller.orgId, page.contact.id, caller, window))]
        : [];
      return { ...page, events: events.sort((a, b) => a.at.localeCompare(b.at)) };
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/conversations/:id/attachments',
    summary:
      'Upload a file to send to the customer (the body is the file, with its Content-Type: JPEG, PNG or PDF, at most 10 MB, an image to WhatsApp 5 MB; `?name=` its name); then POST …/messages { attachmentId }. 413 too big, 415 another type, both before anything is stored',
    staffApp: onDesk('/conversations/:id/attachments', 'Upload a file to send to the customer (as POST /api/v1/conversations/:id/attachments)'),
    tag: 'conversations',
    access: 'conversations.work',
    upload: { limitBytes: ATTACHMENT_MAX_BYTES, types: ATTACHMENT_TYPES, tooLarge: ATTACHMENT_REFUSALS.tooBig.en, unsupported: ATTACHMENT_REFUSALS.type.en },
    query: c.attachmentUpload,
    response: c.conversationAttachment,
    status: 201,
    handle: async ({ caller, deps, params, query, ctx }) => {
      const staff = await actorOf(deps.knex, caller, 'conversation.reply');
      const conversation = await conversationCustomer(deps.knex, caller.orgId, params.id);
      if (!conversation || conversation.erased) throw notFound('Conversation', { id: params.id });
      const bytes = ctx.request.rawBody ?? Buffer.alloc(0);
      if (bytes.length === 0) throw validationFailed('The request body is not valid', [{ path: 'body', message: 'The file is empty' }]);
      // The channel's own limit (WhatsApp's 5 MB for an image), before anything is stored.
      const refused = fileTheChannelRefuses(conversation.channel, { size: bytes.length, type: ctx.request.type });
      if (refused) throw refused;
      const stored = await storeAttachment(deps.knex, new LocalDiskMediaStore(deps.dataDir, deps.storageQuota), {
        orgId: caller.orgId,
        conversationId: params.id,
        staffId: staff.staffId,
        name: query.name,
        contentType: ctx.request.type as AttachmentType,
        bytes,
      });
      return { id: stored.id, name: stored.name, contentType: stored.contentType, size: stored.size };
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/conversations/:id/saved-replies',
    summary: "The saved replies in use, each as this conversation's customer would read it if the key's staff member sent it now: their language, the variables filled",
    tag: 'conversations',
    access: 'saved_replies.read',
    staffApp: onDesk('/conversations/:id/saved-replies', "The saved replies, each as this customer would read it (as GET /api/v1/conversations/:id/saved-replies): the composer's `/` list"),
    response: c.conversationSavedReplies,
    handle: async ({ caller, deps, params }) => {
      const staff = await actorOf(deps.knex, caller, 'conversation.reply');
      if (!(await conversationCustomer(deps.knex, caller.orgId, params.id))) throw notFound('Conversation', { id: params.id });
      return savedRepliesFor(deps.knex, { orgId: caller.orgId, conversationId: params.id, staffId: staff.staffId, openCaseOf: latestOpenCaseNumber });
    },
  }),

  openingRoute({
    path: 'cases',
    summary: "Open a case for this conversation's customer, as the key's staff member: a case type in use, its severity or the one given. It shows in the thread",
    access: 'cases.work',
    action: 'case.open',
    body: c.conversationCaseOpen,
    open: async (trx, o, body) => {
      const r = await openForCustomer(trx, { type: 'staff', ...o.staff }, { ...o, caseTypeKey: body.caseType, severity: body.severity, summary: body.summary, now: new Date() });
      if (r.ok) return r.case;
      if (r.refusal === 'role_forbids') throw forbidden(`The role ${r.role} cannot open a case`, { reason: 'role_forbids', action: 'case.open', role: r.role });
      throw validationFailed('The request body is not valid', [{ path: 'caseType', message: `No case type in use has the key "${body.caseType}"` }]);
    },
  }),

  openingRoute({
    path: 'bookings',
    summary: "Open a booking for this conversation's customer, as the key's staff member: it enters the pipeline as new and shows in the thread",
    access: 'bookings.create',
    action: 'booking.open',
    body: c.conversationBookingOpen,
    open: (trx, o, body) => bookForContact(trx, { ...o, ...body }),
  }),

  route({
    method: 'post',
    path: '/api/v1/conversations/:id/waitlist',
    summary: "Put this conversation's customer in line for a full session, as the key's staff member; their place is said in the chat. Refusals as for POST /public/v1/sessions/{id}/waitlist",
    tag: 'conversations',
    access: 'bookings.create',
    staffApp: onDesk('/conversations/:id/waitlist', "Put the customer in line for a full session from the desk's booking form (as POST /api/v1/conversations/:id/waitlist)"),
    body: c.conversationWaitlistJoin,
    response: waitlistPlace,
    status: 201,
    handle: ({ caller, deps, params, body }) =>
      transactionRetried(deps.knex, async (trx) => {
        await actorOf(trx, caller, 'booking.open');
        const { contactId, language } = await customerOf(trx, caller.orgId, params.id);
        return joinForContact(trx, { orgId: caller.orgId, contactId, conversationId: params.id, language, sessionId: body.session_id, seats: body.travelers ?? 1 });
      }),
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
    summary: 'Write to the customer on their channel (through the outbox; takes a conversation nobody holds), or with `note: true` a private note (each active staff member it mentions by name, `@Somchai`, is told 1:1 in LINE). 409 if it changed meanwhile or someone else has it',
    body: c.conversationMessage,
    status: 201,
    action: (body) => (body.note ? 'conversation.note' : 'conversation.reply'),
    run: (trx, a, body, links) => (body.note ? note(trx, { ...a, text: body.text! }) : reply(trx, { ...a, ...replyContentOf(body, links) })),
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

import { OPEN_BOOKING_STAGES } from '../../core/bookings/booking-stage.ts';
import { bookingsOfContactFor } from '../../core/bookings/customer-bookings.ts';
import { OPEN_CASE_STATUSES } from '../../core/cases/case-status.ts';
import { casesOfContact } from '../../core/cases/customer-cases.ts';
import { contact360, searchContacts } from '../../core/contacts/contact-360.ts';
import { exportContact } from '../../core/contacts/contact-export.ts';
import { eraseContact } from '../../core/contacts/contact-erasure.ts';
import { contactTimeline, undoContactMerge } from '../../core/contacts/merge-contacts.ts';
import type { Knex } from 'knex';
import { z } from 'zod';
import * as c from '../../core/contracts/contacts.ts';
import { notFound } from '../../core/errors/index.ts';
import type { BookingStage, CaseStatus } from '../../core/vocabulary.ts';
import { onDesk } from '../liff/staff-apps.ts';
import { route, type Caller } from '../route.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A customer's 360 view as the API and the staff desk show it. */
async function contactView(db: Knex, caller: Caller, contactId: string) {
  const { orgId } = caller;
  if (!UUID.test(contactId)) throw notFound('Contact', { id: contactId });
  const { messages, ...contact } = await contact360(db, orgId, contactId);
  // The bookings the caller may see, as on the booking list: support, not a colleague's.
  const { bookings, firstBookingAttribution } = await bookingsOfContactFor(db, orgId, contactId, caller);
  // Which are still open is their own modules' to say (core/contacts reads the rows, not their rules).
  const cases = (await casesOfContact(db, orgId, contactId)).map((k) => ({ ...k, open: OPEN_CASE_STATUSES.includes(k.status as CaseStatus) }));
  return { ...contact, bookings: bookings.map((b) => ({ ...b, open: OPEN_BOOKING_STAGES.includes(b.stage as BookingStage) })), cases, messages, firstBookingAttribution };
}

/** Customers: search, and one customer's 360 view (identities, bookings, cases, messages). */
export const contactRoutes = [
  route({
    method: 'get',
    path: '/api/v1/contacts',
    summary: 'Contacts, newest first; `search` by name, e-mail, phone, LINE or WhatsApp id',
    tag: 'contacts',
    access: 'contacts.read',
    query: c.contactListQuery,
    response: c.contactList,
    handle: ({ identity, deps, query }) => searchContacts(deps.knex, identity!.orgId, query),
  }),

  route({
    method: 'get',
    path: '/api/v1/contacts/:contactId',
    summary: "A customer's 360 view: identities, language, consent, bookings, cases, conversation timeline, first booking's attribution",
    tag: 'contacts',
    access: 'contacts.read',
    staffApp: onDesk('/contacts/:contactId', "A customer's 360 view on the desk (as GET /api/v1/contacts/:contactId)"),
    response: c.contact360,
    handle: ({ caller, deps, params }) => contactView(deps.knex, caller, params.contactId),
  }),

  route({
    method: 'get',
    path: '/api/v1/contacts/:contactId/export',
    summary: "Everything held on a customer, as JSON (PDPA access request): contact, identities, conversations and messages, bookings with timelines and quotes, cases with timelines; audited",
    tag: 'contacts',
    access: 'contacts.export',
    response: z.record(z.string(), z.unknown()).meta({ id: 'ContactExport' }),
    handle: ({ identity, deps, params, ctx }) => {
      if (!UUID.test(params.contactId)) throw notFound('Contact', { id: params.contactId });
      ctx.set('Content-Disposition', `attachment; filename="contact-${params.contactId}.json"`);
      return exportContact(deps.knex, { orgId: identity!.orgId, contactId: params.contactId, actor: { type: 'api_key', id: identity!.apiKeyId }, requestId: ctx.state.requestId });
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/contacts/:contactId/timeline',
    summary: "A contact's own timeline (merges, intake matches, undos, erasure) and the merges that can be undone",
    tag: 'contacts',
    access: 'contacts.read',
    response: c.contactTimeline,
    handle: ({ identity, deps, params }) => {
      if (!UUID.test(params.contactId)) throw notFound('Contact', { id: params.contactId });
      return contactTimeline(deps.knex, identity!.orgId, params.contactId);
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/contacts/:contactId/merges/:mergeId/undo',
    summary: 'Undo a merge or an intake match: the merged contact comes back with the identities, conversations, cases and bookings that came from it; 409 if undone already',
    tag: 'contacts',
    access: 'contacts.merge.undo',
    response: c.contactMergeUndone,
    handle: ({ identity, deps, params, ctx }) => {
      if (!UUID.test(params.contactId)) throw notFound('Contact', { id: params.contactId });
      if (!UUID.test(params.mergeId)) throw notFound('Merge', { id: params.mergeId });
      return undoContactMerge(deps.knex, { orgId: identity!.orgId, contactId: params.contactId, mergeId: params.mergeId, actor: { type: 'api_key', id: identity!.apiKeyId }, requestId: ctx.state.requestId });
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/contacts/:contactId/erase',
    summary: "Erase a customer (PDPA): name, e-mail, phone, channel identities, message bodies and the free text of notes and timelines go; case and booking numbers, amounts, stages and times stay for reports; audited; 409 if erased already",
    tag: 'contacts',
    access: 'contacts.erase',
    response: c.contactErased,
    handle: ({ identity, deps, params, ctx }) => {
      if (!UUID.test(params.contactId)) throw notFound('Contact', { id: params.contactId });
      return eraseContact(deps.knex, { orgId: identity!.orgId, contactId: params.contactId, actor: { type: 'api_key', id: identity!.apiKeyId }, requestId: ctx.state.requestId });
    },
  }),
];

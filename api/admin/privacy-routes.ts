import { consentHistory, recordConsent } from '../../core/contacts/consent.ts';
import { listNotices, publishNotice } from '../../core/contacts/privacy-notices.ts';
import * as c from '../../core/contracts/privacy.ts';
import { notFound } from '../../core/errors/index.ts';
import { inSettingsApp, onDesk } from '../liff/staff-apps.ts';
import { route } from '../route.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const contactIdOf = (params: Record<string, string>) => {
  if (!UUID.test(params.contactId)) throw notFound('Contact', { id: params.contactId });
  return params.contactId;
};

/** PDPA consent (docs/privacy.md): the org's privacy notice, its versions, and each customer's answers. */
export const privacyRoutes = [
  route({
    method: 'get',
    path: '/api/v1/privacy-notices',
    summary: "The org's privacy notice: the current version (the one the booking forms and the chat show) and every earlier one",
    tag: 'contacts',
    access: 'org.settings.read',
    staffApp: inSettingsApp('/privacy-notices', 'The privacy notice and its versions (as GET /api/v1/privacy-notices)'),
    response: c.privacyNotices,
    handle: ({ caller, deps }) => listNotices(deps.knex, caller.orgId),
  }),

  route({
    method: 'post',
    path: '/api/v1/privacy-notices',
    summary:
      'Publish a new text of the privacy notice, in Thai and English, as the next version: the forms show it from now on, and each customer is shown it once in the chat. Earlier versions are kept (each answer names the version it answered); audited',
    tag: 'contacts',
    access: 'org.settings.manage',
    staffApp: inSettingsApp('/privacy-notices', 'Publish a new version of the privacy notice (as POST /api/v1/privacy-notices)'),
    body: c.privacyNoticePublish,
    response: c.privacyNotice,
    status: 201,
    handle: ({ caller, deps, body }) => publishNotice(deps.knex, { orgId: caller.orgId, text: body.text, actor: caller.actor, requestId: caller.requestId }),
  }),

  route({
    method: 'get',
    path: '/api/v1/contacts/:contactId/consents',
    summary: "A customer's answers to the privacy notice, oldest first, and the current one (the latest)",
    tag: 'contacts',
    access: 'contacts.read',
    staffApp: onDesk('/contacts/:contactId/consents', "A customer's answers to the privacy notice (as GET /api/v1/contacts/:contactId/consents)"),
    response: c.consentHistory,
    handle: ({ caller, deps, params }) => consentHistory(deps.knex, caller.orgId, contactIdOf(params)),
  }),

  route({
    method: 'post',
    path: '/api/v1/contacts/:contactId/consents',
    summary:
      "Record the customer's answer to a version of the privacy notice, as they told staff (by phone, at the counter): 201 when recorded, 200 with `recorded: false` when it is their latest answer already; a refusal after a consent is recorded as `withdrawn`. A version the org never published is a 422; audited",
    tag: 'contacts',
    access: 'contacts.consent',
    staffApp: onDesk('/contacts/:contactId/consents', "Record a customer's answer to the privacy notice (as POST /api/v1/contacts/:contactId/consents)"),
    body: c.consentAnswerBody,
    response: c.consentRecorded,
    status: 201,
    handle: async ({ caller, deps, params, body }) => {
      const contactId = contactIdOf(params);
      const { recorded } = await deps.knex.transaction((trx) =>
        recordConsent(trx, { orgId: caller.orgId, contactId, noticeVersion: body.noticeVersion, answer: body.answer, source: 'staff', actor: caller.actor, requestId: caller.requestId }),
      );
      const history = { ...(await consentHistory(deps.knex, caller.orgId, contactId)), recorded };
      return recorded ? history : { status: 200, body: history };
    },
  }),
];

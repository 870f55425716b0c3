import * as c from '../../core/contracts/templates.ts';
import { listTemplates, updateTemplate } from '../../core/templates/template-admin.ts';
import { notFound } from '../../core/errors/index.ts';
import { previewTemplate } from '../../core/templates/template-preview.ts';
import { inSettingsApp } from '../liff/staff-apps.ts';
import { route } from '../route.ts';

/** The org's customer-facing texts, in Thai and English; the Settings app edits them through the same routes. */
export const templateRoutes = [
  route({
    method: 'get',
    path: '/api/v1/templates',
    summary: 'Every customer-facing text of the org, in Thai and English',
    tag: 'templates',
    access: 'taxonomy.read',
    staffApp: inSettingsApp('/templates', 'Every customer-facing text, in Thai and English (as GET /api/v1/templates)'),
    response: c.templateList,
    handle: async ({ caller, deps }) => listTemplates(deps.knex, caller.orgId),
  }),

  route({
    method: 'put',
    path: '/api/v1/templates/:key/:language',
    summary: 'Change a text; only the variables the product fills are allowed',
    tag: 'templates',
    access: 'taxonomy.manage',
    staffApp: inSettingsApp('/templates/:key/:language', 'Change a text; a variable the product does not fill is a 422 naming it (as PUT /api/v1/templates/:key/:language)'),
    body: c.templateUpdate,
    response: c.templateView,
    handle: async ({ caller, deps, params, body }) => {
      if (params.language !== 'th' && params.language !== 'en') throw notFound('Template', { language: params.language });
      return updateTemplate(deps.knex, {
        orgId: caller.orgId,
        key: params.key,
        language: params.language,
        body: body.body,
        email: body.email,
        whatsappContentSid: body.whatsappContentSid,
        actor: caller.actor,
        requestId: caller.requestId,
      });
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/templates/preview',
    summary: 'A text filled with sample values in Thai and English, and the variables the product would not fill; nothing is stored',
    tag: 'templates',
    access: 'taxonomy.read',
    staffApp: inSettingsApp('/templates/preview', 'A text filled with sample values, and the variables the product would not fill (as POST /api/v1/templates/preview)'),
    body: c.templatePreviewRequest,
    response: c.templatePreview,
    handle: async ({ body }) => previewTemplate(body),
  }),
];

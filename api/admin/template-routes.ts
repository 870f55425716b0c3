import * as c from '../../core/contracts/templates.ts';
import { listTemplates, updateTemplate } from '../../core/templates/template-admin.ts';
import { notFound } from '../../core/errors/index.ts';
import { previewTemplate } from '../../core/templates/template-preview.ts';
import { route } from '../route.ts';

/** The org's customer-facing texts, in Thai and English. */
export const templateRoutes = [
  route({
    method: 'get',
    path: '/api/v1/templates',
    summary: 'Every customer-facing text of the org, in Thai and English',
    tag: 'templates',
    access: 'taxonomy.read',
    response: c.templateList,
    handle: async ({ identity, deps }) => listTemplates(deps.knex, identity!.orgId),
  }),

  route({
    method: 'put',
    path: '/api/v1/templates/:key/:language',
    summary: 'Change a text; only the variables the product fills are allowed',
    tag: 'templates',
    access: 'taxonomy.manage',
    body: c.templateUpdate,
    response: c.templateView,
    handle: async ({ identity, deps, params, body, ctx }) => {
      if (params.language !== 'th' && params.language !== 'en') throw notFound('Template', { language: params.language });
      return updateTemplate(deps.knex, {
        orgId: identity!.orgId,
        key: params.key,
        language: params.language,
        body: body.body,
        whatsappContentSid: body.whatsappContentSid,
        actor: { type: 'api_key', id: identity!.apiKeyId },
        requestId: ctx.state.requestId,
      });
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/templates/preview',
    summary: 'A text filled with sample values in Thai and English, and the variables the product would not fill; nothing is stored',
    tag: 'templates',
    access: 'taxonomy.read',
    body: c.templatePreviewRequest,
    response: c.templatePreview,
    handle: async ({ body }) => previewTemplate(body),
  }),
];

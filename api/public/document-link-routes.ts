import { z } from 'zod';
import { documentByCustomerToken } from '../../core/documents/documents.ts';
import { notFound } from '../../core/errors/index.ts';
import { answerPdf } from '../pdf-response.ts';
import { route } from '../route.ts';

/**
 * The customer's link to their receipt (or invoice): no sign-in, the token is the key, as with a
 * case's tracking link (core/documents/document-links.ts). A wrong token is 404 and says nothing
 * of any document.
 */
const token = z.string().regex(/^[A-Za-z0-9_-]{32}$/);

export const documentLinkRoutes = [
  route({
    method: 'get',
    path: '/public/v1/documents/:token.pdf',
    summary: "A customer's document as a PDF, by the link they were sent",
    tag: 'public',
    access: 'public',
    response: z.string(),
    produces: 'application/pdf',
    handle: async ({ params, deps, ctx }) => {
      const d = token.safeParse(params.token).success ? await documentByCustomerToken(deps.knex, params.token) : undefined;
      if (!d) throw notFound('Document');
      return answerPdf(ctx, d);
    },
  }),
];

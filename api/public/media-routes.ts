import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { forbidden, notFound } from '../../core/errors/index.ts';
import { verifyMediaLink } from '../../core/media/media-links.ts';
import { LocalDiskMediaStore } from '../../core/media/media-store.ts';
import { findStoredMedia, storedFileAt } from '../../core/media/stored-media.ts';
import { caseFileMediaPath } from '../../core/cases/case-files.ts';
import { route, type Route } from '../route.ts';
import type { Knex } from 'knex';

/**
 * Files customers and staff send, and the files of case notes, served by signed links so that the
 * other side's platform can fetch them (core/media/media-links.ts). The signature is checked before anything is looked up,
 * so a guessed message id learns nothing: 403. A signed link to media not fetched yet (or never)
 * is 404, and works once the media worker has stored the file.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const mediaRoutes: Route[] = [
  route({
    method: 'get',
    path: '/media/:messageId',
    summary: 'A stored image or file, by a signed link (exp, sig) the bot made',
    tag: 'media',
    access: 'public',
    query: z.object({ exp: z.string().optional(), sig: z.string().optional() }),
    response: z.string().meta({ description: 'The file, with its content type' }),
    handle: async ({ params, query, deps, ctx }) => {
      if (!verifyMediaLink(deps.mediaLinkKey, params.messageId, query)) throw forbidden('This media link is not valid');
      if (!UUID.test(params.messageId)) throw notFound('Media');
      const store = new LocalDiskMediaStore(deps.dataDir);
      // A message's file, or a case note's (core/cases/case-files.ts): the same link, the same rules.
      const media = (await findStoredMedia(deps.knex, store, params.messageId)) ?? (await caseFileOf(deps.knex, store, params.messageId));
      if (!media) throw notFound('Media');
      ctx.type = media.contentType;
      ctx.length = media.size;
      ctx.set('cache-control', 'private, max-age=86400');
      // Served as exactly its stored type, never sniffed into something a browser would run.
      ctx.set('x-content-type-options', 'nosniff');
      ctx.set('content-security-policy', "default-src 'none'; sandbox");
      const filename = basename(media.path);
      ctx.set('content-disposition', `${/^(image|video|audio)\//.test(media.contentType) ? 'inline' : 'attachment'}; filename="${filename}"`);
      return { status: 200, body: createReadStream(media.path) as unknown as string };
    },
  }),
];

/** A case note's stored file (a note's files are no message), or undefined. */
async function caseFileOf(db: Knex, store: LocalDiskMediaStore, id: string) {
  const key = await caseFileMediaPath(db, id);
  return key ? storedFileAt(store, key) : undefined;
}

import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { UnrecoverableError } from 'bullmq';
import type { Knex } from 'knex';
import { recordRefusedMedia, recordStoredMedia } from '../../core/conversations/conversation-log.ts';
import { FETCH_MEDIA_JOB, MEDIA_QUEUE, type FetchMediaPayload } from '../../bot/inbound-handler.ts';
import type { ChannelDirectory } from '../../core/channels/channel-directory.ts';
import { mediaKey, type MediaStore } from '../../core/media/media-store.ts';
import { isStorageFull } from '../../core/orgs/org-storage.ts';
import { OutboundError, safeFetch, type OutboundPolicy } from '../../core/http/safe-fetch.ts';
import type { ProcessorTable } from '../job-runner.ts';

/**
 * Keeps a copy of every image, video, audio clip and file customers send: LINE content from its
 * data API (it is deleted after a while), Twilio media from its URL (with the account's auth).
 * URLs (Twilio's, and LINE `external` content, which names any URL) are fetched through
 * core/http/safe-fetch.ts: public addresses only, redirects checked hop by hop, a deadline, and at
 * most `maxBytes` (a larger `Content-Length` is refused before reading; a stream is cut there).
 */
export interface MediaDeps {
  knex: Knex;
  channels: ChannelDirectory;
  store: MediaStore;
  lineDataApiBaseUrl: string;
  /** Which media URLs may be fetched (core/http/safe-fetch.ts). */
  outbound: OutboundPolicy;
  /** Largest file kept; 50 MiB unless said. Larger is refused without being read. */
  maxBytes?: number;
  /** Deadline per fetch; 60 s unless said. */
  timeoutMs?: number;
}

export const MEDIA_MAX_BYTES = 50 * 1024 * 1024;
export const MEDIA_TIMEOUT_MS = 60_000;
/** Twilio answers a media URL with a redirect to its CDN; a few hops, each checked. */
const MEDIA_MAX_REDIRECTS = 3;

export function mediaProcessors(deps: MediaDeps): ProcessorTable {
  return {
    [MEDIA_QUEUE]: {
      async [FETCH_MEDIA_JOB](raw) {
        const p = raw as unknown as FetchMediaPayload;
        const maxBytes = deps.maxBytes ?? MEDIA_MAX_BYTES;
        const channel = await deps.channels.byId(p.channelId);
        if (!channel) throw new UnrecoverableError(`channel ${p.channelId} is gone or inactive`);
        const message = await deps.knex('messages').select('org_id', 'media_path').where({ id: p.messageId }).first();
        if (!message) throw new UnrecoverableError(`message ${p.messageId} not found`);
        if (message.media_path) return { kept: message.media_path };

        let bytes: Uint8Array;
        let contentType = p.contentType;
        if (channel.kind === 'line' && !p.url) {
          const client = new messagingApi.MessagingApiBlobClient({
            channelAccessToken: channel.credentials.channelAccessToken,
            baseURL: channel.settings.dataApiBaseUrl ?? deps.lineDataApiBaseUrl,
          });
          try {
            const res = await client.getMessageContentWithHttpInfo(p.platformMessageId);
            contentType = res.httpResponse.headers.get('content-type') ?? contentType;
            const declared = Number(res.httpResponse.headers.get('content-length'));
            if (Number.isFinite(declared) && declared > maxBytes) {
              res.body.destroy();
              throw new UnrecoverableError(`media ${p.platformMessageId} is larger than ${maxBytes} bytes`);
            }
            bytes = await readAll(res.body, maxBytes);
          } catch (err) {
            // 404: LINE no longer has it (or never had it); retrying will not bring it back.
            if (err instanceof HTTPFetchError && err.status === 404) throw new UnrecoverableError(`LINE has no content for ${p.platformMessageId}`);
            throw err;
          }
        } else {
          const headers: Record<string, string> = {};
          if (channel.kind === 'whatsapp') {
            const { accountSid, authToken } = channel.credentials;
            headers.authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
          }
          let res;
          try {
            res = await safeFetch(p.url!, { headers, maxRedirects: MEDIA_MAX_REDIRECTS, maxBytes, timeoutMs: deps.timeoutMs ?? MEDIA_TIMEOUT_MS }, deps.outbound);
          } catch (err) {
            if (!(err instanceof OutboundError)) throw err;
            // A network failure may pass; a refused address or an oversized file will be the same next
            // time, and is the sender's doing, not ours: recorded on the message, the job done, not failed.
            if (err.kind === 'unreachable') throw new Error(`media fetch failed: ${err.publicMessage}`);
            await recordRefusedMedia(deps.knex, p.messageId, err.publicMessage);
            return { refused: err.publicMessage };
          }
          if (res.status === 404) throw new UnrecoverableError(`no media at ${new URL(p.url!).origin}`);
          if (res.status < 200 || res.status >= 300) throw new Error(`media fetch answered ${res.status}`);
          const type = res.headers['content-type'];
          contentType = (Array.isArray(type) ? type[0] : type) ?? contentType;
          bytes = res.body;
        }
        let key: string;
        try {
          key = await deps.store.put(mediaKey(message.org_id, p.messageId, contentType), bytes, contentType);
        } catch (err) {
          // The business's storage is full: the message (its words, its caption) stays, the file is
          // not kept, and staff see why on the message. Not retried: it would be refused again.
          if (!isStorageFull(err)) throw err;
          await recordRefusedMedia(deps.knex, p.messageId, err.message);
          return { refused: 'storage_full' };
        }
        await recordStoredMedia(deps.knex, p.messageId, key);
        return { kept: key, bytes: bytes.length };
      },
    },
  };
}

async function readAll(stream: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    // Leaving the loop cancels the stream: the rest is never read.
    if (size > maxBytes) throw new UnrecoverableError(`media is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

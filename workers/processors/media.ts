import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { UnrecoverableError } from 'bullmq';
import type { Knex } from 'knex';
import { FETCH_MEDIA_JOB, MEDIA_QUEUE, type FetchMediaPayload } from '../../bot/inbound-handler.ts';
import type { ChannelDirectory } from '../../core/channels/channel-directory.ts';
import { mediaKey, type MediaStore } from '../../core/media/media-store.ts';
import type { ProcessorTable } from '../job-runner.ts';

/**
 * Keeps a copy of every image, video, audio clip and file customers send: LINE content from its
 * data API (it is deleted after a while), Twilio media from its URL (with the account's auth).
 */
export interface MediaDeps {
  knex: Knex;
  channels: ChannelDirectory;
  store: MediaStore;
  lineDataApiBaseUrl: string;
}

export function mediaProcessors(deps: MediaDeps): ProcessorTable {
  return {
    [MEDIA_QUEUE]: {
      async [FETCH_MEDIA_JOB](raw) {
        const p = raw as unknown as FetchMediaPayload;
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
            bytes = await readAll(res.body);
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
          const res = await fetch(p.url!, { headers, redirect: 'follow' });
          if (res.status === 404) throw new UnrecoverableError(`no media at ${p.url}`);
          if (!res.ok) throw new Error(`media fetch answered ${res.status}`);
          contentType = res.headers.get('content-type') ?? contentType;
          bytes = new Uint8Array(await res.arrayBuffer());
        }
        const key = await deps.store.put(mediaKey(message.org_id, p.messageId, contentType), bytes, contentType);
        await deps.knex('messages').where({ id: p.messageId }).update({ media_path: key });
        return { kept: key, bytes: bytes.length };
      },
    },
  };
}

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

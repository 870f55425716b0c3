import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { conversationOfReplyAddress, type ReplyTarget } from '../../core/conversations/email-conversations.ts';
import { storeInboundEvents } from '../../core/inbound/inbound-events.ts';
import type { Logger } from '../../core/logger.ts';
import type { MediaStore } from '../../core/media/media-store.ts';
import type { InboundTls } from './inbound-tls.ts';

/**
 * Customers' e-mail replies come in by SMTP, to a port of the product's own (EMAIL_INBOUND_PORT):
 * the org's mail server forwards (or its MX points) here, and no outside service is needed, so the
 * embedded default receives in tests too (docs/channels.md, "E-mail in").
 *
 * Like a LINE webhook, nothing is decided on this path: a recipient is taken only when it is a
 * reply address we gave out (`reply+<token>@<inbound domain>` of an active e-mail channel) or
 * a channel's inbound address itself (anything else is 550, so this is never a relay), the raw message is kept in the media store as
 * it came, and an inbound event naming it is stored with its outbox row; only then does the
 * sending server hear 250. A message over the size limit is 552 before it is read whole; a
 * database that cannot store answers 451, so the sender keeps the mail and tries again.
 * The same Message-ID again (a sender that missed our 250) is stored once.
 *
 * STARTTLS is offered with the deployment's certificate (inbound-tls.ts); where TLS is required,
 * a sender that did not start it is answered 530 at MAIL FROM, before anything is read or stored.
 */
export const EMAIL_EVENT = 'email';

export interface InboundEmailPayload {
  /** The raw RFC 5322 message in the media store. */
  rawKey: string;
  size: number;
  /** The conversation its reply address names; absent for mail to the inbound address itself. */
  conversationId?: string;
  mailFrom: string | null;
  rcptTo: string;
}

export interface InboundSmtp {
  port: number;
  close(): Promise<void>;
}

export async function startInboundSmtp(o: {
  knex: Knex;
  store: MediaStore;
  port: number;
  host: string;
  maxBytes: number;
  logger: Logger;
  /** The certificate STARTTLS offers; `required`: no mail without it. Absent: no STARTTLS (a relay in front does it). */
  tls?: InboundTls & { required: boolean };
}): Promise<InboundSmtp> {
  const server = new SMTPServer({
    // Mail servers deliver without logging in.
    authOptional: true,
    disabledCommands: o.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(o.tls ? { key: o.tls.key, cert: o.tls.cert } : {}),
    size: o.maxBytes,
    logger: false,
    banner: 'opsdesk inbound mail',
    onMailFrom(_address, session, cb) {
      // RFC 3207: 530 to a sender that must start TLS first; it may connect again and do so.
      if (o.tls?.required && !session.secure) return cb(Object.assign(new Error('Must issue a STARTTLS command first'), { responseCode: 530 }));
      // A connection may carry several messages: each starts with no recipients of its own.
      (session as unknown as { targets?: ReplyTarget[] }).targets = [];
      cb();
    },
    onRcptTo(address, session, cb) {
      conversationOfReplyAddress(o.knex, address.address)
        .then((target) => {
          if (!target) return cb(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
          const targets = ((session as unknown as { targets?: ReplyTarget[] }).targets ??= []);
          targets.push(target);
          cb();
        })
        .catch((err) => {
          o.logger.warn({ err }, 'inbound mail: could not look a reply address up');
          cb(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        });
    },
    onData(stream, session, cb) {
      readAll(stream, o.maxBytes)
        .then(async (raw) => {
          if (stream.sizeExceeded) return cb(Object.assign(new Error(`Message too large: at most ${o.maxBytes} bytes`), { responseCode: 552 }));
          const targets = (session as unknown as { targets?: ReplyTarget[] }).targets ?? [];
          const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
          for (const [i, target] of targets.entries()) {
            await keep(o, raw, target, { mailFrom, rcptTo: session.envelope.rcptTo[i]?.address ?? '' });
          }
          cb(null, 'Stored');
        })
        .catch((err) => {
          o.logger.warn({ err }, 'inbound mail: could not store a message; the sender will try again');
          cb(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The message's bytes; past `max` the rest is read and dropped (the answer is 552 then), so a huge mail does not fill the heap. */
function readAll(stream: SMTPServerDataStream, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** The raw message into the media store, then its event (with the outbox row) into the database. */
async function keep(o: { knex: Knex; store: MediaStore }, raw: Buffer, target: ReplyTarget, env: { mailFrom: string | null; rcptTo: string }): Promise<void> {
  const messageId = headerOf(raw, 'message-id');
  // Without a Message-ID the content itself names the message: the same bytes again are the same mail.
  const platformEventId = (messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`).slice(0, 128);
  const month = new Date().toISOString().slice(0, 7).replace('-', '/');
  const rawKey = await o.store.put(`${target.orgId}/${month}/mail-${randomUUID()}.eml`, raw, 'message/rfc822');
  const payload: InboundEmailPayload = { rawKey, size: raw.length, ...(target.conversationId ? { conversationId: target.conversationId } : {}), ...env };
  await storeInboundEvents(o.knex, { id: target.channelId, orgId: target.orgId }, [{ platformEventId, eventType: EMAIL_EVENT, occurredAt: new Date(), payload }]);
}

/** One header of the raw message's head (unfolded), before any parsing: enough for the Message-ID. */
function headerOf(raw: Buffer, name: string): string | undefined {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end < 0 ? Math.min(raw.length, 64 * 1024) : end).toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim() || undefined;
}

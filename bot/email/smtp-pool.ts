import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Channel } from '../../core/channels/channel-directory.ts';

/**
 * One pool of SMTP connections per e-mail channel (nodemailer `pool: true`), kept for the life of
 * the process: a burst of notices reuses a few logged-in connections instead of a connection,
 * greeting and login per e-mail. Limits, so one org's server is not flooded:
 * - at most 5 connections at once to a server (most providers allow about that many per account);
 * - at most 100 e-mails per connection before it is replaced (servers often cap a session);
 * - a connection idle for 30 s is closed (a quiet org holds no sockets open).
 * A channel whose server, port, sender or password changed gets a new pool; the old one is closed
 * once its e-mails are out. The test e-mail of Settings never uses a pool: it checks the settings
 * as given, with a connection of its own.
 */
type EmailChannel = Extract<Channel, { kind: 'email' }>;

export const SMTP_POOL_LIMITS = { maxConnections: 5, maxMessages: 100, idleTimeout: 30_000 } as const;

const pools = new Map<string, { fingerprint: string; transport: Transporter }>();

/** What the pool depends on: a change to any of it means new connections. */
const fingerprintOf = (channel: EmailChannel) =>
  createHash('sha256')
    .update(JSON.stringify([channel.settings.email.host, channel.settings.email.port, channel.settings.email.secure, channel.credentials.user, channel.credentials.password]))
    .digest('hex');

export function pooledSmtpTransport(channel: EmailChannel): Transporter {
  const fingerprint = fingerprintOf(channel);
  const known = pools.get(channel.id);
  if (known?.fingerprint === fingerprint) return known.transport;
  known?.transport.close();
  const transport = nodemailer.createTransport({ pool: true, ...SMTP_POOL_LIMITS, ...smtpOptions(channel) });
  pools.set(channel.id, { fingerprint, transport });
  return transport;
}

/** The channel's SMTP server, with its sealed user and password opened by the channel directory. */
export function smtpOptions(channel: EmailChannel) {
  const e = channel.settings.email;
  return {
    host: e.host,
    port: e.port,
    secure: e.secure,
    auth: { user: channel.credentials.user, pass: channel.credentials.password },
    // Bounded waits: a server that hangs is retried later rather than holding a worker.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}

/** Closes every pool (the process is stopping). */
export function closeSmtpPools(): void {
  for (const { transport } of pools.values()) transport.close();
  pools.clear();
}

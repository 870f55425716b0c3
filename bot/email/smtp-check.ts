import nodemailer from 'nodemailer';
import type { Channel } from '../../core/channels/channel-directory.ts';
import { smtpOptions } from './smtp-pool.ts';

/**
 * Whether an e-mail channel's SMTP server takes its login, tried before a change to the server or
 * the mailbox is stored (connect, greet, log in: nodemailer's `verify`, within 5 s a step), and
 * what a failure means in an admin's words: a name that does not resolve, a server that does not
 * answer, a login refused. The test e-mail says its failures the same way.
 */
type EmailChannel = Extract<Channel, { kind: 'email' }>;

export interface SmtpProblem {
  /** The field of the form the problem belongs to. */
  path: 'smtp.host' | 'smtp.port' | 'credentials.password';
  code: 'smtp_host_unknown' | 'smtp_unreachable' | 'smtp_login_refused' | 'smtp_refused';
  message: string;
}

export async function smtpLoginProblem(channel: EmailChannel): Promise<SmtpProblem | undefined> {
  const transport = nodemailer.createTransport({ ...smtpOptions(channel), connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 5_000 });
  try {
    await transport.verify();
    return undefined;
  } catch (err) {
    return smtpProblemOf(err, channel);
  } finally {
    transport.close();
  }
}

/** A failed SMTP conversation, said so that the admin knows which field to fix. */
export function smtpProblemOf(err: unknown, channel: EmailChannel): SmtpProblem {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  const { host, port } = channel.settings.email;
  const cause = (e.message ?? String(err)).slice(0, 300);
  if (e.code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(cause)) {
    return { path: 'smtp.host', code: 'smtp_host_unknown', message: `No SMTP server is known by the name ${host}: check the server's name (${cause})` };
  }
  if (e.code === 'EAUTH' || e.responseCode === 535 || e.responseCode === 534) {
    return { path: 'credentials.password', code: 'smtp_login_refused', message: `The SMTP server refused the login of ${channel.credentials.user}: check the user and password (${e.responseCode ?? ''} ${(e.response ?? cause).slice(0, 200)})`.replace('( ', '(') };
  }
  if (typeof e.responseCode === 'number') {
    return { path: 'smtp.host', code: 'smtp_refused', message: `The SMTP server at ${host}:${port} answered ${e.responseCode}: ${(e.response ?? cause).slice(0, 200)}` };
  }
  return { path: 'smtp.port', code: 'smtp_unreachable', message: `No SMTP server answered at ${host}:${port}: check the server's name and port (${e.code ?? 'no answer'}: ${cause})` };
}

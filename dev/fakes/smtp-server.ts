import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server on loopback for tests and benchmarks: the real `smtp-server` library, so
 * what nodemailer sends it is real SMTP (EHLO, AUTH, MAIL FROM, RCPT TO, DATA) and what it keeps is
 * the raw message as it arrived, parsed with mailparser. It checks the login, and can be told to
 * answer the next messages with a given reply code (451: try later, 550: refused) or be stopped and
 * started again on the same port (an SMTP server that is down).
 */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  parsed: ParsedMail;
  at: number;
}

export interface FakeSmtp {
  port: number;
  user: string;
  password: string;
  received: ReceivedMail[];
  /** The next `times` messages are answered `code` (after their data is read) instead of taken. */
  refuseNext(code: number, times: number): void;
  /** Mail to this address is refused at RCPT TO with `code` (550: no such mailbox), as a real server refuses one recipient. */
  refuseRecipient(address: string, code: number): void;
  /** Stops listening (connections refused) until start(); the port is kept. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Resolves with the first received mail (from now or before) that matches. */
  waitFor(match: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startFakeSmtp(o: { user?: string; password?: string; port?: number } = {}): Promise<FakeSmtp> {
  const user = o.user ?? 'desk@example.test';
  const password = o.password ?? 'smtp-password-for-tests';
  const received: ReceivedMail[] = [];
  let refusals: { code: number; times: number } | undefined;
  const refusedRecipients = new Map<string, number>();

  const make = () =>
    new SMTPServer({
      // Loopback in tests: no TLS, so the login is allowed in the clear here (never in production).
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      size: 30 * 1024 * 1024,
      // A server going down drops its connections (pooled ones too) at once, as a real one's end does.
      closeTimeout: 200,
      onAuth(auth, _session, cb) {
        if (auth.username === user && auth.password === password) return cb(null, { user });
        cb(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
      },
      onRcptTo(address, _session, cb) {
        const code = refusedRecipients.get(address.address.toLowerCase());
        if (code) return cb(Object.assign(new Error(code < 500 ? 'Try again later' : 'No such mailbox'), { responseCode: code }));
        cb();
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (refusals && refusals.times > 0) {
            refusals.times -= 1;
            const { code } = refusals;
            return cb(Object.assign(new Error(code < 500 ? 'Try again later' : 'Mailbox unavailable'), { responseCode: code }));
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(Buffer.concat(chunks))
            .then((parsed) => {
              received.push({
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
                raw,
                parsed,
                at: Date.now(),
              });
              cb(null, 'OK queued');
            })
            .catch((err) => cb(err));
        });
      },
    });

  let server = make();
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
    });
  const port = await listen(o.port ?? 0);
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));

  return {
    port,
    user,
    password,
    received,
    refuseNext(code, times) {
      refusals = { code, times };
    },
    refuseRecipient(address, code) {
      refusedRecipients.set(address.toLowerCase(), code);
    },
    stop,
    async start() {
      server = make();
      await listen(port);
    },
    async waitFor(match, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const hit = received.find(match);
        if (hit) return hit;
        if (Date.now() > until) throw new Error(`no matching e-mail within ${timeoutMs} ms (${received.length} received)`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: stop,
  };
}

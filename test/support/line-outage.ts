import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeLineApi, type FakeLineState } from '../../dev/fakes/line-api.ts';

/**
 * The fake LINE server behind a switch: while `down`, every send (reply and push) is answered the
 * way LINE answers under load or in trouble, alternately 429 with `Retry-After` and 500; the rest of
 * the API (profiles, content) keeps working. What was refused is counted, with its time.
 */
export interface LineOutage {
  url: string;
  state: FakeLineState;
  down: boolean;
  /** `alternate` (the default): 429 and 500 in turn; `429`: every send is told to wait. */
  answers: 'alternate' | '429';
  retryAfterSeconds: number;
  /** Also refuse profile look-ups while down (off by default: the drills check sends). */
  profilesToo: boolean;
  /** Profile look-ups refused while down. */
  refusedProfiles: number;
  /** Sends refused while down: path, status and when, and which send (a push's retry key, a reply's token). */
  refused: { path: string; status: number; at: number; retryKey: string | undefined; replyToken?: string; to?: string; messages?: string }[];
  close(): Promise<void>;
}

export async function startLineWithOutage(opts: { retryAfterSeconds?: number } = {}): Promise<LineOutage> {
  const { app, state } = createFakeLineApi();
  const handle = app.callback();
  let n = 0;
  const outage: LineOutage = {
    url: '',
    state,
    down: false,
    answers: 'alternate',
    retryAfterSeconds: opts.retryAfterSeconds ?? 3,
    profilesToo: false,
    refusedProfiles: 0,
    refused: [],
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (outage.down && outage.profilesToo && path.startsWith('/v2/bot/profile/')) {
      outage.refusedProfiles++;
      const status = n++ % 2 === 0 ? 429 : 500;
      res.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': String(outage.retryAfterSeconds) } : {}) });
      res.end(JSON.stringify({ message: status === 429 ? 'Too Many Requests' : 'Internal Server Error' }));
      return;
    }
    if (outage.down && (path === '/v2/bot/message/reply' || path === '/v2/bot/message/push')) {
      const status = outage.answers === '429' || n++ % 2 === 0 ? 429 : 500;
      const retryKey = req.headers['x-line-retry-key'] as string | undefined;
      const refusal: LineOutage['refused'][number] = { path, status, at: Date.now(), retryKey };
      outage.refused.push(refusal);
      const body: Buffer[] = [];
      req.on('data', (c: Buffer) => body.push(c));
      req.on('end', () => {
        try {
          const sent = JSON.parse(Buffer.concat(body).toString('utf8')) as { replyToken?: unknown; to?: unknown; messages?: unknown };
          if (typeof sent.replyToken === 'string') refusal.replyToken = sent.replyToken;
          if (typeof sent.to === 'string') refusal.to = sent.to;
          refusal.messages = JSON.stringify(sent.messages);
        } catch {
          // not JSON: no token to note
        }
        res.writeHead(status, {
          'content-type': 'application/json',
          ...(status === 429 ? { 'retry-after': String(outage.retryAfterSeconds) } : {}),
        });
        res.end(JSON.stringify({ message: status === 429 ? 'Too Many Requests' : 'Internal Server Error' }));
      });
      return;
    }
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  outage.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  outage.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return outage;
}

let seq = 0;
/** A customer's text as LINE sends it during the outage drills, with a reply token issued for them. */
export function outageTextEvent(outage: LineOutage, userId: string, text: string) {
  return {
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'user', userId },
    webhookEventId: `01OUT${Date.now().toString(36).toUpperCase()}${(seq++).toString(36).toUpperCase().padStart(6, '0')}`.slice(0, 26),
    deliveryContext: { isRedelivery: false },
    replyToken: outage.state.issueReplyToken({ source: userId }),
    message: { id: String(BigInt('0x' + randomBytes(7).toString('hex'))), type: 'text', quoteToken: 'q', text },
  };
}

import { randomBytes } from 'node:crypto';
import { signLineBody } from '../../bot/line/line-signature.ts';
import { DEFAULT_LINE_CHANNEL_ACCESS_TOKEN, lineId, startFakeLineApi, type RunningFakeLineApi } from '../../dev/fakes/line-api.ts';
import { startTestSystem, until, type TestSystem } from './test-system.ts';

/**
 * The whole system with its default LINE channel pointed at a fake LINE server and the offline
 * classifier, and a customer who writes to it through signed webhooks and reads the bot's answers.
 */
export interface LineCustomerHarness {
  line: RunningFakeLineApi;
  sys: TestSystem;
  /** Sends a text or a postback as this LINE user (to the default channel, or `to` another); returns the event sent. */
  send(userId: string, what: Said, to?: WebhookDoor): Promise<Record<string, unknown>>;
  /**
   * Sends and waits for the bot's reply to it (a reply with this event's token). The privacy notice
   * that goes before the answer to a customer's first message (docs/privacy.md) is apart, in
   * `notice`: `text` is the answer, as the customer reads it and acts on it.
   */
  ask(userId: string, what: Said, to?: WebhookDoor): Promise<{ text: string; quickReplies: { label?: string; data?: string; type: string }[]; notice?: Record<string, unknown> }>;
  /** Sends and waits until the router has acted, for messages the bot answers with silence. */
  tell(userId: string, text: string, to?: WebhookDoor): Promise<void>;
  /** Posts any LINE events, signed (to the default channel, or `to` another). */
  postEvents(events: unknown[], to?: WebhookDoor): Promise<Response>;
  close(): Promise<void>;
}

/** The privacy notice card: a Flex message whose buttons answer it (`act=consent`, bot/conversation/privacy-notice.ts). */
export const isPrivacyNotice = (m: Record<string, unknown>) => m.type === 'flex' && JSON.stringify(m).includes('act=consent');

/** Another LINE channel's webhook: its path (`/webhooks/line/<channel id>`) and the secret LINE signs with. */
export interface WebhookDoor {
  path: string;
  secret: string;
}

/** A text or a postback, 1:1 or (with `groupId`) in a LINE group. */
export interface Said {
  text?: string;
  postback?: { data: string; params?: Record<string, string> };
  groupId?: string;
}

export async function startLineCustomerHarness(
  env: Record<string, string> = {},
  opts: Pick<Parameters<typeof startTestSystem>[0] & {}, 'outboundResolve' | 'relay' | 'door'> = {},
): Promise<LineCustomerHarness> {
  const secret = 'line-secret-' + randomBytes(6).toString('hex');
  const line = await startFakeLineApi();
  const sys = await startTestSystem({
    env: {
      LINE_CHANNEL_SECRET: secret,
      LINE_CHANNEL_ACCESS_TOKEN: DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: line.url,
      LINE_DATA_API_BASE_URL: line.url,
      CLASSIFIER: 'offline',
      DEV_SIMULATOR: 'off',
      PUBLIC_BASE_URL: 'https://desk.example',
      ...env,
    },
    ...opts,
  });
  let seq = 0;
  const postEvents = (events: unknown[], to: WebhookDoor = { path: '/webhooks/line', secret }) => {
    const body = JSON.stringify({ destination: lineId('U'), events });
    return fetch(`${sys.url}${to.path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, to.secret) }, body });
  };
  const send: LineCustomerHarness['send'] = async (userId, what, to) => {
    const event: Record<string, unknown> = {
      mode: 'active',
      timestamp: Date.now(),
      source: what.groupId ? { type: 'group', groupId: what.groupId, userId } : { type: 'user', userId },
      webhookEventId: `01H${Date.now().toString(36).toUpperCase()}${(seq++).toString(36).toUpperCase().padStart(9, '0')}${randomBytes(2).toString('hex').toUpperCase()}`.slice(0, 26),
      deliveryContext: { isRedelivery: false },
      replyToken: line.state.issueReplyToken(),
    };
    if (what.text !== undefined) {
      Object.assign(event, { type: 'message', message: { id: String(BigInt('0x' + randomBytes(7).toString('hex'))), type: 'text', quoteToken: 'q', text: what.text } });
    } else {
      Object.assign(event, { type: 'postback', postback: what.postback });
    }
    const res = await postEvents([event], to);
    // Not vitest's expect: the dialogue scripts of `npm run eval` drive customers with this harness too.
    if (res.status !== 200) throw new Error(`the LINE webhook answered ${res.status}`);
    return event;
  };
  return {
    line,
    sys,
    send,
    postEvents,
    async ask(userId, what, to) {
      const event = await send(userId, what, to);
      const delivery = await until(async () => line.state.deliveries.find((d) => d.replyToken === event.replyToken) ?? false, 15_000);
      const notice = delivery.messages.find(isPrivacyNotice);
      return {
        ...(notice ? { notice } : {}),
        text: delivery.messages
          .filter((m) => m !== notice)
          .map((m) => ('text' in m ? String(m.text) : JSON.stringify(m)))
          .join('\n'),
        quickReplies: delivery.messages.flatMap((m) => (m.quickReply?.items ?? []).map((i) => i.action as { label?: string; data?: string; type: string })),
      };
    },
    async tell(userId, text, to) {
      await send(userId, { text }, to);
      await until(async () => (await sys.knex('messages').where({ direction: 'in', text }).whereNotNull('routed_at').first()) ?? false, 15_000);
    },
    async close() {
      await sys.stopAll();
      await line.close();
    },
  };
}

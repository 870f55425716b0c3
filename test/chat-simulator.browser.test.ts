import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import Router from '@koa/router';
import { messagingApi } from '@line/bot-sdk';
import Koa from 'koa';
import { type Browser, type Page } from 'playwright-core';
import { hasChromium, openBrowser } from './support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from '../api/middleware/body.ts';
import { toLineMessages } from '../bot/line/line-messages.ts';
import { verifyLineSignature } from '../bot/line/line-signature.ts';
import { createDevPlatforms, type DevPlatforms } from '../dev/simulator/dev-platforms.ts';
import { createTwilioClient } from '../bot/whatsapp/twilio-client.ts';
import { verifyTwilioSignature } from '../bot/whatsapp/twilio-signature.ts';
import { parseFormBody } from '../bot/whatsapp/twilio-webhook.ts';
import { toTwilioMessages } from '../bot/whatsapp/whatsapp-messages.ts';
import { freePort } from './support/free-port.ts';

/**
 * The chat simulator page in a real browser against a Koa server built as the app builds it (body
 * reader, then the dev platforms), with webhook endpoints that only verify and record. The bot's
 * answers are sent with the real LINE SDK and Twilio client through the server's fake APIs.
 */

const TOKEN = randomBytes(24).toString('base64url');
const LINE = { channelId: 'line-sim', channelSecret: 'sim-secret-' + randomBytes(8).toString('hex'), channelAccessToken: 'sim-token-' + randomBytes(8).toString('hex') };
const WHATSAPP = { channelId: 'wa-sim', accountSid: 'AC' + randomBytes(16).toString('hex'), authToken: 'sim-auth-' + randomBytes(8).toString('hex'), businessNumber: 'whatsapp:+14155238886' };

interface Received {
  platform: 'line' | 'whatsapp';
  verified: boolean;
  /** LINE: one event of the envelope; WhatsApp: the form params. */
  event: any;
}

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('chat simulator in a browser', () => {
  let server: Server;
  let base: string;
  let dev: DevPlatforms;
  let browser: Browser;
  let page: Page;
  const received: Received[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dev = createDevPlatforms({ selfUrl: () => base, token: TOKEN, line: LINE, whatsapp: WHATSAPP });
    const app = new Koa();
    app.silent = true;
    app.use(readBody({ limitBytes: 1024 * 1024 }));
    app.use(dev.middleware);
    const router = new Router();
    router.post('/webhooks/line/:channelId', (ctx) => {
      const raw = ctx.request.rawBody ?? Buffer.alloc(0);
      const verified = ctx.params.channelId === LINE.channelId && verifyLineSignature(raw, ctx.get('x-line-signature'), LINE.channelSecret);
      for (const event of JSON.parse(raw.toString('utf8')).events) received.push({ platform: 'line', verified, event });
      ctx.status = verified ? 200 : 401;
      ctx.body = {};
    });
    router.post('/webhooks/whatsapp/:channelId', (ctx) => {
      const params = parseFormBody(ctx.request.rawBody ?? Buffer.alloc(0));
      const verified = ctx.params.channelId === WHATSAPP.channelId && verifyTwilioSignature(WHATSAPP.authToken, ctx.get('x-twilio-signature'), base + ctx.originalUrl, params);
      received.push({ platform: 'whatsapp', verified, event: params });
      ctx.status = verified ? 200 : 401;
      ctx.type = 'text/xml';
      ctx.body = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
    });
    app.use(router.routes());
    server = createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

    browser = await openBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 820 } });
    page.on('pageerror', (err) => {
      throw err;
    });
    await page.goto(`${base}/dev/chat?token=${TOKEN}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function arrival(match: (r: Received) => boolean, timeoutMs = 10_000): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = received.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching webhook; received: ${JSON.stringify(received.map((r) => r.event), null, 1)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('a LINE customer writes, sees the reply with a Flex card and quick replies, and taps them', async () => {
    const userId = await page.inputValue('#userId');
    expect(userId).toMatch(/^U[0-9a-f]{32}$/);

    await page.fill('#text', 'สวัสดีครับ อยากจองคิวตัดผม');
    await page.press('#text', 'Enter');
    const hello = await arrival((r) => r.platform === 'line' && r.event.message?.text === 'สวัสดีครับ อยากจองคิวตัดผม');
    expect(hello.verified).toBe(true);
    expect(hello.event).toMatchObject({ type: 'message', source: { type: 'user', userId }, replyToken: expect.any(String), mode: 'active' });
    await page.getByText('สวัสดีครับ อยากจองคิวตัดผม').waitFor();

    // The bot answers through the real SDK, with the reply token the simulator issued.
    const client = new messagingApi.MessagingApiClient({ channelAccessToken: LINE.channelAccessToken, baseURL: dev.lineApiBaseUrl() });
    const messages = toLineMessages([
      {
        kind: 'card',
        card: {
          altText: 'การจอง #B-1024',
          title: 'การจอง #B-1024',
          subtitle: 'ตัดผมชาย · สาขาสีลม',
          tone: 'normal',
          fields: [
            { label: 'วันที่', value: 'ศ. 4 ธ.ค. 14:00' },
            { label: 'ช่าง', value: 'คุณต้น' },
          ],
          actions: [
            { type: 'postback', label: 'ยืนยัน', data: 'booking=B-1024&do=confirm', displayText: 'ยืนยันการจอง' },
            { type: 'postback', label: 'เลื่อนนัด', data: 'booking=B-1024&do=move' },
          ],
        },
      },
      {
        kind: 'text',
        text: 'ยืนยันการจองนี้ไหมคะ',
        quickReplies: [
          { type: 'postback', label: 'ใช่ ยืนยัน', data: 'booking=B-1024&answer=yes', displayText: 'ใช่ ยืนยันค่ะ' },
          { type: 'message', label: 'คุยกับพนักงาน', text: 'ขอคุยกับพนักงาน' },
          { type: 'datetime', label: 'เลือกวันอื่น', data: 'booking=B-1024&do=date', mode: 'date', min: '2026-12-01' },
        ],
      },
    ]);
    await client.replyMessage({ replyToken: hello.event.replyToken, messages });

    await page.getByText('ยืนยันการจองนี้ไหมคะ').waitFor();
    await expect.poll(() => page.locator('.flex').first().innerText()).toContain('การจอง #B-1024');
    expect(await page.locator('.flex').first().innerText()).toContain('คุณต้น');
    // The header keeps the card's background colour.
    expect(await page.locator('.flex .fbox').first().evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(239, 248, 255)');
    expect(await page.locator('#quick .chip').allInnerTexts()).toEqual(['ใช่ ยืนยัน', 'คุยกับพนักงาน', 'เลือกวันอื่น']);
    await page.screenshot({ path: '/tmp/chat-simulator.png' });

    // A postback chip: the data goes to the webhook, its displayText shows as "my" message.
    await page.locator('#quick .chip', { hasText: 'ใช่ ยืนยัน' }).click();
    const yes = await arrival((r) => r.event.postback?.data === 'booking=B-1024&answer=yes');
    expect(yes).toMatchObject({ verified: true, event: { type: 'postback', source: { type: 'user', userId } } });
    await page.getByText('ใช่ ยืนยันค่ะ').waitFor();
    // Quick replies belong to the latest message only.
    expect(await page.locator('#quick .chip').count()).toBe(0);

    // Flex footer buttons stay tappable.
    await page.locator('.flex button', { hasText: 'เลื่อนนัด' }).click();
    expect((await arrival((r) => r.event.postback?.data === 'booking=B-1024&do=move')).verified).toBe(true);

    // A date picker chip on a pushed message: the postback carries params.date.
    await client.pushMessage({ to: userId, messages: toLineMessages([{ kind: 'text', text: 'วันไหนสะดวกคะ', quickReplies: [{ type: 'datetime', label: 'เลือกวัน', data: 'pick=date', mode: 'date' }] }]) });
    await page.locator('#quick .chip', { hasText: 'เลือกวัน' }).click();
    await page.fill('#pickerInput', '2026-12-05');
    await page.click('#pickerSend');
    const picked = await arrival((r) => r.event.postback?.data === 'pick=date');
    expect(picked.event.postback).toEqual({ data: 'pick=date', params: { date: '2026-12-05' } });
  }, 60_000);

  it('a WhatsApp customer writes, sees quick-reply buttons from a content template, and taps one', async () => {
    await page.locator('label', { hasText: 'WhatsApp customer' }).click();
    const number = await page.inputValue('#userId');
    const from = 'whatsapp:' + number.replace(/\s/g, '');

    await page.fill('#text', 'Hi, is my booking confirmed?');
    await page.press('#text', 'Enter');
    const hi = await arrival((r) => r.platform === 'whatsapp' && r.event.Body === 'Hi, is my booking confirmed?');
    expect(hi.verified).toBe(true);
    expect(hi.event).toMatchObject({ From: from, To: WHATSAPP.businessNumber, AccountSid: WHATSAPP.accountSid, MessageSid: expect.stringMatching(/^SM/), NumMedia: '0', ProfileName: 'Anna Lee' });

    const twilio = createTwilioClient({ accountSid: WHATSAPP.accountSid, authToken: WHATSAPP.authToken, apiBaseUrl: dev.twilioApiBaseUrl() });
    const [out] = toTwilioMessages(
      [{ kind: 'text', text: 'Your booking B-1024 is on *Fri 4 Dec, 14:00*. Keep it?', quickReplies: [{ type: 'postback', label: 'Keep it', data: 'booking=B-1024&answer=yes' }, { type: 'postback', label: 'Cancel', data: 'booking=B-1024&answer=no' }] }],
      { insideWindow: true, language: 'en' },
    );
    const content = out.content!;
    const created = await twilio.content.v1.contents.create({ friendly_name: content.friendlyName, language: content.language, variables: content.variables, types: content.types } as never);
    await twilio.messages.create({ from: WHATSAPP.businessNumber, to: from, contentSid: created.sid, contentVariables: JSON.stringify(out.contentVariables) });

    await page.getByText('Fri 4 Dec, 14:00').waitFor();
    expect(await page.locator('.wa-buttons button').allInnerTexts()).toEqual(['Keep it', 'Cancel']);
    await page.screenshot({ path: '/tmp/chat-simulator-whatsapp.png' });

    await page.locator('.wa-buttons button', { hasText: 'Keep it' }).click();
    const tap = await arrival((r) => r.event.ButtonPayload === 'booking=B-1024&answer=yes');
    expect(tap).toMatchObject({ verified: true, event: { ButtonText: 'Keep it', From: from } });
  }, 60_000);

  it('a staff member adds the bot to the group and sees what the bot posts there', async () => {
    await page.locator('label', { hasText: 'Staff in a LINE group' }).click();
    const groupId = await page.inputValue('#groupId');
    await page.getByRole('button', { name: 'Add bot to group' }).click();
    const join = await arrival((r) => r.event.type === 'join');
    expect(join).toMatchObject({ verified: true, event: { source: { type: 'group', groupId }, replyToken: expect.any(String) } });

    const client = new messagingApi.MessagingApiClient({ channelAccessToken: LINE.channelAccessToken, baseURL: dev.lineApiBaseUrl() });
    await client.replyMessage({ replyToken: join.event.replyToken, messages: [{ type: 'text', text: 'สวัสดีทีมซัพพอร์ต ตั้งค่ากลุ่มนี้ได้เลยค่ะ' }] });
    await page.getByText('สวัสดีทีมซัพพอร์ต').waitFor();

    await page.check('#mentionBot');
    await page.fill('#text', 'รับเคส C-77');
    await page.press('#text', 'Enter');
    const said = await arrival((r) => r.event.message?.text?.endsWith('รับเคส C-77'));
    await page.screenshot({ path: '/tmp/chat-simulator-staff.png' });
    expect(said.event.source).toMatchObject({ type: 'group', groupId });
    expect(said.event.message.mention.mentionees[0]).toMatchObject({ index: 0, isSelf: true });
  }, 60_000);
});

import type Router from '@koa/router';
import type { Context } from 'koa';
import { escapeHtml } from '../../core/templates/email-templates.ts';
import { unsubscribeByToken, unsubscribeTokenKnown } from '../../core/contacts/channel-opt-outs.ts';
import { getOrg } from '../../core/orgs/orgs.ts';
import type { AppDeps } from '../deps.ts';

/**
 * `/public/v1/unsubscribe/:token`: the link in a notice e-mail's `List-Unsubscribe` header (and
 * its one-click POST, RFC 8058). A POST unsubscribes the address from the org's notice e-mails
 * (core/contacts/channel-opt-outs.ts); a GET only shows a page with the button, since mail
 * scanners open links and must not unsubscribe anyone. A token that is no link of ours is a 404
 * page that says so, and nothing changes. Pages, not JSON: a person reads them, in Thai and English.
 */
export function mountUnsubscribePage(router: Router, deps: AppDeps): void {
  router.get('/public/v1/unsubscribe/:token', async (ctx) => {
    const known = await unsubscribeTokenKnown(deps.knex, ctx.params.token);
    if (!known) return notALink(ctx);
    const business = (await getOrg(deps.knex, known.orgId)).name;
    page(ctx, 200, known.optedOut ? WORDS.done(business) : WORDS.ask(business), !known.optedOut);
  });
  router.post('/public/v1/unsubscribe/:token', async (ctx) => {
    const done = await unsubscribeByToken(deps.knex, ctx.params.token);
    if (!done) return notALink(ctx);
    page(ctx, 200, WORDS.done((await getOrg(deps.knex, done.orgId)).name), false);
  });
}

const WORDS = {
  ask: (business: string) => ({
    th: { title: 'เลิกรับอีเมลแจ้งเตือน', text: `กดปุ่มด้านล่างเพื่อเลิกรับอีเมลแจ้งเตือนจาก ${business} คำตอบที่เจ้าหน้าที่ตอบคุณยังส่งถึงคุณได้`, button: 'เลิกรับอีเมล' },
    en: { title: 'Stop notice e-mails', text: `Press the button to stop notice e-mails from ${business}. Answers from staff to your own e-mails still reach you.`, button: 'Unsubscribe' },
  }),
  done: (business: string) => ({
    th: { title: 'เลิกรับอีเมลแล้ว', text: `คุณจะไม่ได้รับอีเมลแจ้งเตือนจาก ${business} อีก`, button: '' },
    en: { title: 'You are unsubscribed', text: `You will get no more notice e-mails from ${business}.`, button: '' },
  }),
  invalid: {
    th: { title: 'ลิงก์นี้ใช้ไม่ได้', text: 'ไม่พบลิงก์เลิกรับอีเมลนี้ อาจคัดลอกมาไม่ครบ ไม่มีการเปลี่ยนแปลงใด ๆ', button: '' },
    en: { title: 'This link does not work', text: 'This unsubscribe link is not one of ours; it may have been cut short when copied. Nothing was changed.', button: '' },
  },
};

type Words = { th: { title: string; text: string; button: string }; en: { title: string; text: string; button: string } };

function notALink(ctx: Context) {
  page(ctx, 404, WORDS.invalid, false);
}

function page(ctx: Context, status: number, w: Words, withButton: boolean) {
  const part = (lang: 'th' | 'en') =>
    `<section lang="${lang}"><h1>${escapeHtml(w[lang].title)}</h1><p>${escapeHtml(w[lang].text)}</p>${
      withButton ? `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(w[lang].button)}</button></form>` : ''
    }</section>`;
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
  ctx.body = `<!doctype html><html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(w.th.title)} · ${escapeHtml(w.en.title)}</title>
<style>body{margin:0;padding:32px 20px;font-family:'Sarabun','Noto Sans Thai','Leelawadee UI',Tahoma,sans-serif;color:#1f2933;background:#f5f7fa;line-height:1.6}section{max-width:520px;margin:0 auto 24px;background:#fff;border-radius:12px;padding:20px 24px}h1{font-size:20px;margin:0 0 8px}button{font:inherit;padding:10px 18px;border-radius:8px;border:0;background:#0b69a3;color:#fff;cursor:pointer}</style></head>
<body>${part('th')}${part('en')}</body></html>`;
}

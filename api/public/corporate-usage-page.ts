import { z } from 'zod';
import { usageByToken } from '../../core/members/corporate-clients.ts';
import { getOrg } from '../../core/orgs/orgs.ts';
import { escapeHtml } from '../../core/templates/email-templates.ts';
import { thaiFontUrls } from '../liff/liff-pages.ts';
import { route } from '../route.ts';

/**
 * The corporate client's usage page (docs/members.md, "The client reads its own seats"): the link
 * an admin makes for the client's contact person, opened in any browser with no sign-in. A small
 * read-only page, plain HTML from the API (no script, nothing added to the Settings app's bundle),
 * in Thai or English (`?lang=en`), phone-sized, light or dark as the phone is. A token that is no
 * live link (wrong, revoked, past its window) gets the same 404 page, which names nothing.
 */
type Lang = 'th' | 'en';
type Usage = NonNullable<Awaited<ReturnType<typeof usageByToken>>>;

const W = {
  title: { th: 'การใช้ที่นั่งสมาชิก', en: "Your seats' usage" },
  taken: { th: (n: number, of: number) => `ใช้ที่นั่งแล้ว ${n} จาก ${of}`, en: (n: number, of: number) => `${n} of ${of} seats taken` },
  open: { th: 'เข้าร่วมได้', en: 'Open to join' },
  suspended: { th: 'ระงับอยู่: รับคนเพิ่มไม่ได้ในตอนนี้', en: 'Suspended: no one new joins for now' },
  ended: { th: 'สิ้นสุดแล้ว', en: 'Ended' },
  holders: { th: 'ผู้ใช้ที่นั่ง', en: 'Who holds the seats' },
  none: { th: 'ยังไม่มีผู้เข้าร่วม', en: 'No one has joined yet' },
  number: { th: 'เลขสมาชิก', en: 'Member' },
  joined: { th: 'เข้าร่วม', en: 'Joined' },
  used: { th: (u: number, l: number, c: number) => `ใช้ไป ${u} ครั้ง · เหลือ ${l} จาก ${c}`, en: (u: number, l: number, c: number) => `${u} used · ${l} left of ${c}` },
  until: { th: 'ใช้ได้ถึง', en: 'Valid until' },
  released: { th: 'ที่นั่งที่ยกเลิกแล้ว', en: 'Seats released' },
  left: { th: 'ออก', en: 'Left' },
  note: { th: 'หน้านี้อ่านอย่างเดียว ข้อมูลเป็นปัจจุบันทุกครั้งที่เปิด', en: 'Read only: the figures are as of each time you open this page.' },
  other: { th: 'English', en: 'ภาษาไทย' },
  gone: {
    th: { title: 'ลิงก์นี้ใช้ไม่ได้', text: 'ไม่พบหน้านี้ ลิงก์อาจคัดลอกมาไม่ครบ ถูกยกเลิก หรือหมดอายุแล้ว โปรดขอลิงก์ใหม่จากผู้ให้บริการ' },
    en: { title: 'This link does not work', text: 'There is no page here: the link may have been cut short when copied, revoked, or it has expired. Ask the business for a new one.' },
  },
};

const STYLE = `:root{color-scheme:light dark;--fg:#1f2933;--muted:#52606d;--bg:#f5f7fa;--card:#fff;--line:#d9e2ec;--accent:#0b69a3}
@media (prefers-color-scheme:dark){:root{--fg:#e4e7eb;--muted:#b0bac5;--bg:#111820;--card:#1b2430;--line:#2f3b4a;--accent:#7cc4fa}}
*{box-sizing:border-box}body{margin:0;padding:16px;font-family:'Opsdesk Thai',system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans Thai',Thonburi,'Leelawadee UI',Tahoma,sans-serif;color:var(--fg);background:var(--bg);line-height:1.55}
main{max-width:560px;margin:0 auto}header{display:flex;justify-content:space-between;align-items:baseline;gap:12px}
.biz{color:var(--muted);margin:0}a{color:var(--accent)}h1{font-size:22px;margin:4px 0 12px}h2{font-size:18px;margin:0 0 8px}
section{background:var(--card);border-radius:12px;padding:16px;margin:0 0 16px}ul{list-style:none;margin:0;padding:0}
li{padding:10px 0;border-top:1px solid var(--line)}li:first-child{border-top:0}.muted{color:var(--muted)}.big{font-size:20px;font-weight:700;margin:0}
p{margin:4px 0}.flag{font-weight:700}`;

/** The LIFF pages' self-hosted Thai font, so Thai reads on a device that has none of its own. */
export type Fonts = { weight: number; url: string }[];
const fontFaces = (fonts: Fonts) =>
  fonts.map((f) => `@font-face{font-family:'Opsdesk Thai';font-weight:${f.weight};font-display:swap;src:local('Noto Sans Thai'),url('${f.url}') format('woff2');unicode-range:U+0E01-0E5B,U+200C-200D,U+25CC}`).join('');

function html(lang: Lang, title: string, body: string, fonts: Fonts): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${fontFaces(fonts)}${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function usagePage(u: Usage, business: string, timeZone: string, lang: Lang, fonts: Fonts = []): string {
  const e = escapeHtml;
  const date = (iso: string) => new Intl.DateTimeFormat(lang === 'th' ? 'th-TH' : 'en-GB', { dateStyle: 'medium', timeZone }).format(new Date(iso));
  const c = u.client;
  const who = (p: { name: string | null; memberNumber: string }) => `<strong>${e(p.name ?? p.memberNumber)}</strong> <span class="muted">${W.number[lang]} ${e(p.memberNumber)}</span>`;
  const holders = u.holders.length
    ? `<ul data-holders>${u.holders
        .map(
          (h) =>
            `<li data-member="${e(h.memberNumber)}">${who(h)}<p class="muted">${W.joined[lang]} ${date(h.takenAt)}</p>${
              h.package ? `<p>${W.used[lang](h.package.creditsUsed, h.package.creditsLeft, h.package.credits)} · ${W.until[lang]} ${date(h.package.expiresAt)}</p>` : ''
            }</li>`,
        )
        .join('')}</ul>`
    : `<p class="muted">${W.none[lang]}</p>`;
  const released = u.released.length
    ? `<section aria-labelledby="released"><h2 id="released">${W.released[lang]}</h2><ul data-released>${u.released
        .map((r) => `<li data-member="${e(r.memberNumber)}">${who(r)}<p class="muted">${W.joined[lang]} ${date(r.takenAt)} · ${W.left[lang]} ${date(r.releasedAt)}</p></li>`)
        .join('')}</ul></section>`
    : '';
  const flag = c.ended ? W.ended[lang] : c.suspended ? W.suspended[lang] : '';
  const other: Lang = lang === 'th' ? 'en' : 'th';
  return html(
    lang,
    `${W.title[lang]} · ${c.name}`,
    `<header><p class="biz">${e(business)}</p><a href="?lang=${other}" lang="${other}">${W.other[lang]}</a></header>
<h1>${W.title[lang]}: ${e(c.name)}</h1>
<section aria-labelledby="seats"><p class="big" id="seats" data-taken>${W.taken[lang](c.seatsTaken, c.seats)}</p><p class="muted">${W.open[lang]} ${date(c.validFrom)} – ${date(c.validUntil)}</p>${flag ? `<p class="flag">${flag}</p>` : ''}</section>
<section aria-labelledby="holders"><h2 id="holders">${W.holders[lang]}</h2>${holders}</section>
${released}<p class="muted">${W.note[lang]}</p>`,
    fonts,
  );
}

/** The same page for every token that is no live link, in both languages: it names nothing. */
export function noUsagePage(fonts: Fonts = []): string {
  const part = (l: Lang) => `<section lang="${l}"><h1>${W.gone[l].title}</h1><p>${W.gone[l].text}</p></section>`;
  return html('th', `${W.gone.th.title} · ${W.gone.en.title}`, part('th') + part('en'), fonts);
}

export const corporateUsageRoutes = [
  route({
    method: 'get',
    path: '/public/v1/corporate-usage/:token',
    summary:
      "A corporate client's seats' usage, for its contact person, by the link an admin made (POST /api/v1/corporate-clients/:id/usage-link): an HTML page in Thai, or English with `?lang=en`. A wrong, revoked or expired token: the same 404 page",
    tag: 'public',
    access: 'public',
    query: z.object({ lang: z.string().max(8).optional().meta({ description: '`en` for English; Thai otherwise' }) }),
    response: z.string(),
    produces: 'text/html',
    handle: async ({ params, query, deps, ctx }) => {
      const u = await usageByToken(deps.knex, params.token);
      ctx.type = 'text/html; charset=utf-8';
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.set('X-Robots-Tag', 'noindex');
      ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
      const fonts = await thaiFontUrls(deps);
      if (!u) return { status: 404, body: noUsagePage(fonts) };
      const org = await getOrg(deps.knex, u.orgId);
      return { status: 200, body: usagePage(u, org.name, org.timeZone, query.lang === 'en' ? 'en' : 'th', fonts) };
    },
  }),
];

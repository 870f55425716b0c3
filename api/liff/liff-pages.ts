import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Context } from 'koa';
import { formOrg } from '../../core/bookings/form-org.ts';
import type { AppDeps } from '../deps.ts';

/** The customer pages (liff/src/pages) and the staff apps: each is one HTML file of liff/dist and answers every path under its name. */
export const CUSTOMER_PAGES = ['track', 'quote', 'book', 'me', 'privacy', 'card'] as const;
export const STAFF_PAGES = ['dashboard', 'desk', 'settings'] as const;
export const LIFF_PAGES = [...CUSTOMER_PAGES, ...STAFF_PAGES] as const;

const DEFAULT_DIST = resolve(import.meta.dirname, '../../liff/dist');
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json' };
const ASSET = /^assets\/[\w.-]+$/;

/**
 * The built Thai font files (`/liff/assets/noto-sans-thai-…-<hash>.woff2`) by weight, for pages the
 * API renders itself (a corporate client's usage page) to read as the LIFF pages do on a device
 * with no Thai font; none while the LIFF pages are not built.
 */
export async function thaiFontUrls(deps: AppDeps): Promise<{ weight: number; url: string }[]> {
  const files = await readdir(join(deps.liff?.distDir ?? DEFAULT_DIST, 'assets')).catch(() => [] as string[]);
  return files.flatMap((f) => {
    const m = /^noto-sans-thai-thai-(\d{3})-normal-[\w-]+\.woff2$/.exec(f);
    return m ? [{ weight: Number(m[1]), url: `/liff/assets/${f}` }] : [];
  });
}

interface Served {
  type: string;
  body: Buffer;
  gzip: Buffer | undefined;
  etag: string;
}

/**
 * Serves liff/dist under `/liff/*`. Built files are named by their content (`assets/*-<hash>.js`),
 * so they are cached for a year; a page's HTML is revalidated on every visit (`no-cache` and an
 * ETag), so a new build reaches customers at once. `/liff/<page>/<anything>` answers that page's
 * HTML (the page reads its token from the path), with the page's LIFF id written in (LIFF_ID_<PAGE>,
 * or LIFF_ID_CUSTOMER for every customer page, LIFF_ID_STAFF for every staff app); no id, and the
 * page runs without the LIFF SDK's login.
 * Files are read once and kept gzipped in memory: the whole build is a few hundred kilobytes.
 */
export function liffPages(deps: AppDeps) {
  const dist = deps.liff?.distDir ?? DEFAULT_DIST;
  const cache = new Map<string, Promise<Served | undefined>>();
  const load = (file: string, transform?: (html: string) => string, key = file) => {
    let hit = cache.get(key);
    if (!hit) {
      hit = readFile(join(dist, file)).then(
        (raw) => {
          const body = transform ? Buffer.from(transform(raw.toString('utf8'))) : raw;
          const type = TYPES[extname(file)] ?? 'application/octet-stream';
          const compressible = /^(text|application\/json|image\/svg)/.test(type) && body.length > 512;
          return { type, body, gzip: compressible ? gzipSync(body, { level: 9 }) : undefined, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 20)}"` };
        },
        () => {
          cache.delete(key); // not built yet: look again next time
          return undefined;
        },
      );
      cache.set(key, hit);
    }
    return hit;
  };
  const liffIdOf = (page: string) => deps.liff?.liffIds[page] ?? ((STAFF_PAGES as readonly string[]).includes(page) ? deps.liff?.liffIds.staff : deps.liff?.liffIds.customer) ?? '';

  return async (ctx: Context) => {
    const rest = ctx.path.replace(/^\/liff\/?/, '');
    let served: Served | undefined;
    if (ASSET.test(rest)) {
      served = await load(rest);
      if (served) ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    } else {
      const page = rest.split('/')[0];
      if ((LIFF_PAGES as readonly string[]).includes(page)) {
        const id = liffIdOf(page);
        // The booking form on a business's website (`?org=`) never starts LINE sign-in: no SDK for it.
        const preload = id !== '' && !(page === 'book' && ctx.query.org !== undefined);
        served = await load(
          `${page}.html`,
          (html) => html.replace('<meta name="liff-id" content="">', `<meta name="liff-id" content="${escapeAttr(id)}">`).replace('</head>', `${preload ? sdkPreloads(dist) : ''}</head>`),
          `${page}.html${preload ? '' : '#no-sdk'}`,
        );
        if (!served) {
          ctx.status = 503;
          ctx.type = 'text/plain';
          ctx.body = 'The pages are not built: run `npm run build:liff` (npm start and npm test build them).';
          return;
        }
        ctx.set('Cache-Control', 'no-cache');
        ctx.set('Content-Security-Policy', await pagePolicy(deps, page, ctx.query.org));
        if (page !== 'book') ctx.set('X-Frame-Options', 'DENY');
        ctx.set('X-Content-Type-Options', 'nosniff');
        ctx.set('Referrer-Policy', 'no-referrer'); // the path carries the customer's token
      }
    }
    if (!served) {
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body = 'Not found';
      return;
    }
    ctx.set('ETag', served.etag);
    ctx.set('Vary', 'Accept-Encoding');
    if (ctx.get('if-none-match') === served.etag) {
      ctx.status = 304;
      return;
    }
    ctx.type = served.type;
    if (served.gzip && ctx.acceptsEncodings('gzip', 'identity') === 'gzip') {
      ctx.set('Content-Encoding', 'gzip');
      ctx.body = served.gzip;
    } else {
      ctx.body = served.body;
    }
  };
}

/**
 * Where a page has a LIFF id, it loads the LIFF SDK's chunk as soon as it starts (liff/src/kit/line.ts):
 * the page names it for the browser to fetch beside the page's own script, instead of one round trip
 * after it (on a slow phone network, 150 ms and the chunk's download). The chunk is found in the
 * build's manifest (vite `build.manifest`), with the chunks it imports.
 */
function sdkPreloads(dist: string): string {
  let manifest: Record<string, { file: string; name?: string; imports?: string[] }>;
  try {
    manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
  } catch {
    return ''; // a build without a manifest (a test's own pages): the SDK is fetched when imported
  }
  const sdk = Object.keys(manifest).find((k) => manifest[k].name === 'liff-sdk');
  if (!sdk) return '';
  const files = new Set<string>();
  const add = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const i of chunk.imports ?? []) add(i);
  };
  add(sdk);
  return [...files].map((f) => `<link rel="modulepreload" crossorigin href="/liff/${escapeAttr(f)}">`).join('');
}

/**
 * What a page may load and who may frame it. Scripts from this server (the LIFF SDK is in the
 * build) and from LINE's static host, where the SDK fetches its extensions when the page runs
 * inside the LINE app (`static.line-scdn.net/liff/edge/2/*-extensions_*.js`, and its alert
 * dialogs, `/lui/`); the SDK talks to LINE's servers and opens LINE's sub-window
 * (`liff-subwindow.line.me`); pictures may come from LINE's (profile pictures) and any https address. No site may frame the staff apps or a customer's own
 * pages (a click-jacked "Resolve" or quote answer); the booking form may be framed by the org's own
 * websites (org settings, `bookingFormOrigins`) and this server.
 */
async function pagePolicy(deps: AppDeps, page: string, orgParam: unknown): Promise<string> {
  let ancestors = "'none'";
  if (page === 'book') {
    const slug = typeof orgParam === 'string' && /^[a-z0-9][a-z0-9-]{0,62}$/.test(orgParam) ? orgParam : undefined;
    const origins = await formOrg(deps.knex, slug).then((o) => o.frame_origins, () => []);
    ancestors = ["'self'", ...origins].join(' ');
  }
  return [
    "default-src 'self'",
    "script-src 'self' https://static.line-scdn.net",
    "frame-src 'self' https://*.line.me",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self' https://*.line.me https://*.line-scdn.net",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

function escapeAttr(s: string): string {
  return s.replace(/[&"<>]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

import type { Knex } from 'knex';
import { orgSettingFields } from '../contracts/org-settings.ts';
import { notFound } from '../errors/index.ts';

/** What a booking form needs of its org: its time zone, its own limit on the form, the text of its answer. */
export type FormOrg = {
  id: string;
  time_zone: string;
  public_form_limit: { requests: number; seconds: number } | null;
  received_templates: { language: string; body: string }[];
  /** The org's own websites, which may show its booking form in an iframe (org settings, `bookingFormOrigins`). */
  frame_origins: string[];
};

/**
 * Orgs by slug, for a few seconds: every form reads its org and the text of its answer (the
 * `booking_received_web` templates), and these hardly ever change; an edit shows within 5 s.
 */
const orgCaches = new WeakMap<Knex, Map<string, { org: FormOrg; until: number }>>();
const ORG_CACHE_MS = 5_000;

/** The org a form is for: by its slug, the default org when none is given. */
export async function formOrg(db: Knex, slug: string | undefined): Promise<FormOrg> {
  let orgCache = orgCaches.get(db);
  if (!orgCache) orgCaches.set(db, (orgCache = new Map()));
  const cached = orgCache.get(slug ?? '');
  if (cached && cached.until > Date.now()) return cached.org;
  const q = db('orgs as o').select(
    'o.id',
    'o.time_zone',
    db.raw(`o.settings->'publicFormLimit' AS public_form_limit`),
    db.raw(`o.settings->'bookingFormOrigins' AS frame_origins`),
    db.raw(
      `(SELECT coalesce(json_agg(json_build_object('language', tp.language, 'body', tp.body)), '[]')
          FROM templates tp WHERE tp.org_id = o.id AND tp.key = 'booking_received_web') AS received_templates`,
    ),
  );
  const org = await (slug ? q.where('o.slug', slug) : q.where('o.is_default', true)).first();
  if (!org) throw notFound('Organisation', slug ? { org: slug } : undefined);
  const l = org.public_form_limit;
  org.public_form_limit = l && Number.isInteger(l.requests) && Number.isInteger(l.seconds) && l.requests > 0 && l.seconds > 0 ? l : null;
  org.frame_origins = orgSettingFields.bookingFormOrigins.safeParse(org.frame_origins).data ?? [];
  if (orgCache.size > 1000) orgCache.clear();
  orgCache.set(slug ?? '', { org, until: Date.now() + ORG_CACHE_MS });
  return org;
}

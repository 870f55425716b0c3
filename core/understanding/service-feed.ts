import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { formFieldsOf, holidaysOf, hoursOf } from '../bookings/service-hours.ts';
import { nextSessionsOf } from '../bookings/session-availability.ts';
import { notFound } from '../errors/index.ts';
import { todayIn } from '../time/org-time.ts';

/**
 * The business's bookable services as its website shows them (seed 002 section 6.2): active
 * services only, in the admins' order, with filters; the feed carries a strong ETag of its content
 * so that a website (or a CDN in front of it) asks again cheaply. Edited through the admin API's
 * `/api/v1/services` (taxonomy-admin.ts), which owns the table.
 */
export interface ServiceFeedQuery {
  org?: string;
  search?: string;
  maxPrice?: number;
  maxDurationMinutes?: number;
  limit?: number;
  offset?: number;
}

export async function serviceFeed(db: Knex, f: ServiceFeedQuery, now: Date = new Date()) {
  const oq = db('orgs').select('id', 'name', 'time_zone', 'business_hours', 'holidays');
  const org = await (f.org ? oq.where({ slug: f.org }) : oq.where({ is_default: true })).first();
  if (!org) throw notFound('Organisation', f.org ? { org: f.org } : undefined);
  const q = db('services').where({ org_id: org.id, is_active: true });
  const s = f.search?.trim();
  if (s) {
    const like = `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    q.andWhere((w) => w.whereILike('name_en', like).orWhereILike('name_th', like).orWhereILike('description', like).orWhereRaw('? = ANY(keywords)', [s.toLowerCase()]));
  }
  if (f.maxPrice !== undefined) q.andWhere('price', '<=', f.maxPrice);
  if (f.maxDurationMinutes !== undefined) q.andWhere('duration_minutes', '<=', f.maxDurationMinutes);
  const total = Number((await q.clone().count({ n: '*' }).first())?.n ?? 0);
  const rows = await q
    .select('id', 'key', 'name_th', 'name_en', 'description', 'duration_minutes', 'capacity', 'price', 'currency', 'form_fields', 'hours', 'updated_at')
    .orderBy([{ column: 'sort_order' }, { column: 'key' }])
    .limit(f.limit ?? 50)
    .offset(f.offset ?? 0);
  const sessions = await nextSessionsOf(db, org.id, org.time_zone, rows.map((r) => r.id as string), now);
  const body = {
    items: rows.map((r) => ({
      key: r.key as string,
      name: { th: r.name_th as string, en: r.name_en as string },
      description: (r.description ?? null) as string | null,
      durationMinutes: (r.duration_minutes ?? null) as number | null,
      capacity: (r.capacity ?? null) as number | null,
      price: r.price === null || r.price === undefined ? null : Number(r.price),
      currency: r.currency as string,
      // What the booking form asks of it, and when it is open (core/bookings/service-hours.ts).
      fields: formFieldsOf(r),
      hours: hoursOf(r, org),
      // Classes and departures: their next sessions with room. Seats are in the body, so a booking
      // that takes one changes the ETag.
      ...sessions.get(r.id)!,
    })),
    total,
    business: org.name as string,
    timeZone: org.time_zone as string,
    // Days the business is closed from today on (its holidays), for the form's date check.
    closedDays: holidaysOf(org).filter((d) => d >= todayIn(org.time_zone)),
  };
  const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
  return { body, etag, bySession: body.items.some((i) => i.bookedBySession) };
}

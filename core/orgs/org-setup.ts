import type { Knex } from 'knex';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * How far a business is with its set-up, for the checklist its new owner sees in Settings
 * (docs/tenants.md, "The set-up walk-through"): each step is done when what it sets up exists, read
 * from where it lives, so a step done on its own screen (or over the API) shows done here too.
 */
export interface SetupProgress {
  line: boolean;
  whatsapp: boolean;
  email: boolean;
  /** Business hours set (until then SLA clocks run round the clock). */
  hours: boolean;
  /** Someone besides the first admin added (enrolled or with a code to enrol). */
  staff: boolean;
  starterKits: string[];
  businessType: string | null;
}

export async function setupProgress(db: Knex, orgId: string): Promise<SetupProgress> {
  const org = await orgSettingsRow(db, orgId);
  const kinds: string[] = await db('channels')
    .where({ org_id: orgId, is_active: true })
    .whereRaw(`coalesce(settings->>'origin', '') <> 'simulator'`)
    .distinct()
    .pluck('kind');
  const [{ n: staff }] = await db('staff').where({ org_id: orgId }).count({ n: '*' });
  return {
    line: kinds.includes('line'),
    whatsapp: kinds.includes('whatsapp'),
    email: kinds.includes('email'),
    hours: org?.business_hours != null,
    staff: Number(staff) > 1,
    starterKits: (org?.starter_kits as string[] | undefined) ?? [],
    businessType: org?.business_type ?? null,
  };
}

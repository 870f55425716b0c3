import type { Knex } from 'knex';
import { orgPipeline, writePipeline } from '../bookings/booking-stage-settings.ts';
import type { StarterKit } from '../contracts/tenants.ts';
import { caseTypeCreate, faqCreate, serviceCreate } from '../contracts/taxonomy.ts';
import { providerCreate } from '../contracts/providers.ts';
import { createProvider, listProviderSettings } from '../providers/provider-settings.ts';
import { createCaseType, createFaqEntry, createService, listCaseTypes, listFaqEntries, listServices } from '../understanding/taxonomy-admin.ts';
import { KITS } from './starter-kit-contents.ts';
import { rewordUneditedTexts } from '../templates/template-admin.ts';

/**
 * A starter kit gives a new business its own vocabulary on day one: the case types, services,
 * partners, answers and booking stages of its kind of business (starter-kit-contents.ts), in
 * Thai and English. Each entry is written through its table's owner, as an admin would write it,
 * and only when the org has nothing under that key yet: a kit applied twice adds nothing the
 * second time, and an entry the business has since changed is left as they made it.
 */
export type KitActor = { type: 'api_key' | 'staff' | 'system'; id?: string | null };

export interface KitResult {
  kit: StarterKit;
  added: { caseTypes: number; services: number; providers: number; faq: number; bookingStages: boolean; texts: number };
}

export async function applyStarterKit(knex: Knex, orgId: string, kit: StarterKit, actor: KitActor, requestId?: string): Promise<KitResult> {
  const k = KITS[kit];
  const w = { orgId, actor, requestId };
  const added: KitResult['added'] = { caseTypes: 0, services: 0, providers: 0, faq: 0, bookingStages: false, texts: 0 };

  // Each list through its owner, only what the org has no entry under the key of.
  const addMissing = async <E extends { key: string }>(entries: E[], have: Promise<{ key: string }[]>, create: (e: E) => Promise<unknown>) => {
    const known = new Set((await have).map((x) => x.key));
    const missing = entries.filter((e) => !known.has(e.key));
    for (const e of missing) await create(e);
    return missing.length;
  };
  added.caseTypes = await addMissing(k.caseTypes, listCaseTypes(knex, orgId, { includeInactive: true }), (e) => createCaseType(knex, w, caseTypeCreate.parse(e)));
  added.services = await addMissing(k.services, listServices(knex, orgId, { includeInactive: true }), (e) => createService(knex, w, serviceCreate.parse(e)));
  added.providers = await addMissing(k.providers, listProviderSettings(knex, orgId), (e) => createProvider(knex, w, providerCreate.parse(e)));
  added.faq = await addMissing(k.faq, listFaqEntries(knex, orgId, { includeInactive: true }), (e) => createFaqEntry(knex, w, faqCreate.parse(e)));

  // Stages are added to the built-in pipeline only while the org has not shaped its own.
  if (k.extraStages.length) {
    const pipeline = await orgPipeline(knex, orgId);
    if (!pipeline.custom) {
      const stages = pipeline.stages.map((s) => ({ key: s.key, label: s.label, hidden: s.hidden, moves: [...s.moves] }));
      for (const extra of k.extraStages) {
        stages.splice(stages.findIndex((s) => s.key === extra.after) + 1, 0, { key: extra.key, label: extra.label, hidden: false, moves: extra.moves });
        stages.find((s) => s.key === extra.after)!.moves.push(extra.key);
      }
      await writePipeline(knex, orgId, { stages, expectedVersion: pipeline.version }, actor);
      added.bookingStages = true;
    }
  }
  added.texts = await rewordUneditedTexts(knex, orgId, k.texts ?? [], actor, requestId);
  return { kit, added };
}

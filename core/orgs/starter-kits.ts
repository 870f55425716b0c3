import type { Knex } from 'knex';
import { orgPipeline, writePipeline } from '../bookings/booking-stage-settings.ts';
import type { StarterKit } from '../contracts/tenants.ts';
import { caseTypeCreate, faqCreate, serviceCreate } from '../contracts/taxonomy.ts';
import { providerCreate } from '../contracts/providers.ts';
import { createProvider, listProviderSettings } from '../providers/provider-settings.ts';
import { createCaseType, createFaqEntry, createService, listCaseTypes, listFaqEntries, listServices } from '../understanding/taxonomy-admin.ts';
import { KITS } from './starter-kit-contents.ts';

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
  added: { caseTypes: number; services: number; providers: number; faq: number; bookingStages: boolean };
}

export async function applyStarterKit(knex: Knex, orgId: string, kit: StarterKit, actor: KitActor, requestId?: string): Promise<KitResult> {
  const k = KITS[kit];
  const w = { orgId, actor, requestId };
  const added: KitResult['added'] = { caseTypes: 0, services: 0, providers: 0, faq: 0, bookingStages: false };

  const haveCaseTypes = new Set((await listCaseTypes(knex, orgId, { includeInactive: true })).map((c) => c.key));
  for (const ct of k.caseTypes.filter((c) => !haveCaseTypes.has(c.key))) {
    await createCaseType(knex, w, caseTypeCreate.parse(ct));
    added.caseTypes++;
  }
  const haveServices = new Set((await listServices(knex, orgId, { includeInactive: true })).map((s) => s.key));
  for (const s of k.services.filter((x) => !haveServices.has(x.key))) {
    await createService(knex, w, serviceCreate.parse(s));
    added.services++;
  }
  const haveProviders = new Set((await listProviderSettings(knex, orgId)).map((p) => p.key));
  for (const p of k.providers.filter((x) => !haveProviders.has(x.key))) {
    await createProvider(knex, w, providerCreate.parse(p));
    added.providers++;
  }
  const haveFaq = new Set((await listFaqEntries(knex, orgId, { includeInactive: true })).map((f) => f.key));
  for (const f of k.faq.filter((x) => !haveFaq.has(x.key))) {
    await createFaqEntry(knex, w, faqCreate.parse(f));
    added.faq++;
  }

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
  return { kit, added };
}

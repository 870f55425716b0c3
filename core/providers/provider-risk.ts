import type { Knex } from 'knex';
import { providersReport } from '../analytics/insights.ts';
import { scopeOf } from '../analytics/reports.ts';
import { latestRiskOf, recordProviderEvent } from './provider-timeline.ts';

/**
 * The provider's risk on its timeline: the provider report (core/analytics/insights.ts, the last
 * 30 days in the org's time zone, the org's own rule) is read, and each provider whose risk level
 * or repeat flag differs from the last one on its timeline gets a `risk_changed` event with the
 * level, the flag, the reasons and the period. A provider never recorded counts as low and not
 * flagged, so a provider that stays low records nothing. Run by the workers every hour
 * (workers/processors/system.ts) and on demand; one sweep per org at a time (an advisory lock).
 */
export async function recordProviderRiskChanges(knex: Knex, orgId: string, now: Date): Promise<number> {
  const report = await providersReport(knex, await scopeOf(knex, orgId, {}, now));
  return knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`provider-risk:${orgId}`]);
    const latest = await latestRiskOf(trx, orgId);
    const ids = new Map((await trx('providers').select('id', 'key').where({ org_id: orgId })).map((p) => [p.key as string, p.id as string]));
    let recorded = 0;
    for (const p of report.providers) {
      const id = ids.get(p.provider);
      if (!id) continue;
      const before = latest.get(id) ?? { level: 'low', flagged: false };
      if (before.level === p.riskLevel && before.flagged === p.flagged) continue;
      await recordProviderEvent(trx, {
        orgId,
        providerId: id,
        type: 'risk_changed',
        actor: { type: 'system', id: null },
        data: {
          level: p.riskLevel,
          flagged: p.flagged,
          from: before.level,
          wasFlagged: before.flagged,
          reasons: p.riskReasons,
          repeatedCaseType: p.repeatedProblem?.caseType ?? null,
          cases: p.cases.value,
          period: report.period.from + '/' + report.period.to,
        },
      });
      recorded++;
    }
    return recorded;
  });
}

/** Every org's providers (the hourly job). */
export async function sweepProviderRisk(knex: Knex, now = new Date()): Promise<{ orgs: number; recorded: number }> {
  const orgs = await knex('orgs').select('id');
  let recorded = 0;
  for (const o of orgs) recorded += await recordProviderRiskChanges(knex, o.id, now);
  return { orgs: orgs.length, recorded };
}

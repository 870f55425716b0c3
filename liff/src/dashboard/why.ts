import type { z } from 'zod';
import type { bottleneck, providerRiskPart, topPerformer } from '../../../core/contracts/analytics.ts';
import { fill, LOCALE, type Lang } from '../kit/i18n.ts';
import { n, pct } from './numbers.ts';
import { one, w } from './words.ts';

/**
 * Why someone is a top performer or a bottleneck, or why a provider has its risk level, in the
 * page's language, from the parts the reports give beside their English reasons.
 */

/** A phrase about `count` things, in the form the language uses for that count. */
function counted(lang: Lang, key: keyof typeof one & keyof typeof w, count: number, vars: Record<string, string | number>): string {
  const single = new Intl.PluralRules(LOCALE[lang]).select(count) === 'one' ? one[key] : undefined;
  return fill(lang === 'en' && single ? single : w[key][lang], vars);
}

export function topPerformerWhy(lang: Lang, t: Pick<z.infer<typeof topPerformer>, 'score' | 'strongest' | 'casesOwned'>): string {
  return counted(lang, 'whyTop', t.casesOwned, { score: n(lang, t.score, 1), part: w[`part_${t.strongest.part}`][lang], value: n(lang, t.strongest.value, 1), n: n(lang, t.casesOwned) });
}

export function bottleneckWhy(lang: Lang, b: z.infer<typeof bottleneck>): string {
  if (b.kind === 'breachesNow') return counted(lang, 'whyBreachesNow', b.count, { n: n(lang, b.count) });
  return counted(lang, 'whyMissedSla', b.of, { n: n(lang, b.count), of: n(lang, b.of), within: pct(lang, b.withinRate) });
}

const riskWords = {
  fewCases: 'riskFewCases',
  faultShare: 'riskFaultShare',
  missedShare: 'riskMissedShare',
  refundCancelShare: 'riskRefundCancelShare',
  repeats: 'riskRepeats',
  failingOrders: 'riskFailingOrders',
} as const;

/** One part of a provider's risk (providers report `riskParts`, CEO view `reasonParts`). */
export function providerRiskWhy(lang: Lang, p: z.infer<typeof providerRiskPart>): string {
  const share = p.rule === 'faultShare' || p.rule === 'missedShare' || p.rule === 'refundCancelShare';
  // The level inside a sentence: "high", not "High"; Thai has no case.
  const level = w[`risk_${p.level}`][lang].toLowerCase();
  return counted(lang, riskWords[p.rule], p.rule === 'fewCases' ? p.threshold : p.value, {
    value: share ? pct(lang, p.value) : n(lang, p.value),
    threshold: share ? pct(lang, p.threshold) : n(lang, p.threshold),
    window: n(lang, p.windowMinutes ?? 0),
    level,
  });
}

import type { Knex } from 'knex';
import type { Classification } from './classification.ts';

/** What a classifier decided about a message, and how: kept for every decision (DESIGN.md 4.9). */
export interface ClassifiedMessage {
  result: Classification;
  provider: string;
  model: string;
  latencyMs: number;
  fallbackReason?: string;
  /** The LLM's tokens for this reading, as its provider reported them (a business's daily budget counts them). */
  llmTokens?: number;
}

/** The reading's row, as a statement not yet run: the router runs it along with the message's claim (core/conversations `claimMessage`). */
export function recordingClassification(trx: Knex.Transaction, orgId: string, messageId: string, c: ClassifiedMessage): Knex.QueryBuilder {
  const r = c.result;
  return trx('classifications').insert({
    org_id: orgId,
    message_id: messageId,
    provider: c.provider,
    model: c.model,
    latency_ms: Math.round(c.latencyMs),
    kind: r.kind,
    case_type: r.caseType ?? null,
    booking_type: r.bookingType ?? null,
    confidence: r.confidence,
    language: r.language,
    result: JSON.stringify(r),
    fallback_reason: c.fallbackReason ?? null,
    llm_tokens: c.llmTokens ?? null,
  });
}

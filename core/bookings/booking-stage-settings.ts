import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import { staleVersion, validationFailed } from '../errors/index.ts';
import { BOOKING_STAGE, BOOKING_STAGES, stageFlags, type BookingStage } from './booking-stage.ts';

/**
 * Stages of the org's own. An org renames, adds, hides and reorders stages and sets the moves
 * allowed from each; an org that configures nothing has the built-in pipeline
 * (booking-stage.ts), unchanged. The built-in stages keep their meaning wherever it matters
 * (`new` is where bookings arrive, `confirmed` tells the customer, `lost` and `declined` need a
 * reason, the closed ones end the follow-up clocks): they can be renamed and hidden, never removed.
 * A stage an org adds is an open step where staff act, and carries no behaviour of its own.
 *
 * The org's moves govern stage moves through the staff API (`POST /api/v1/bookings/:number/stage`);
 * the chat's own steps and the LINE card's buttons keep the built-in moves.
 */

type Db = Knex | Knex.Transaction;

export interface PipelineStage {
  key: string;
  label: { th: string; en: string };
  /** Hidden: no move may lead here; bookings already here may still move on. */
  hidden: boolean;
  /** Closed stages end a booking (built-in: declined, lost, cancelled, completed). */
  closed: boolean;
  builtIn: boolean;
  moves: string[];
}

export interface Pipeline {
  /** False while the org has configured nothing (the built-in pipeline). */
  custom: boolean;
  version: number;
  stages: PipelineStage[];
}

export interface PipelineStageInput {
  key: string;
  label?: { th: string; en: string };
  hidden?: boolean;
  moves: string[];
}

export const STAGE_KEY = /^[a-z][a-z0-9_]{0,39}$/;

const BUILT_IN_ORDER = [...BOOKING_STAGES].sort((a, b) => BOOKING_STAGE[a].sortOrder - BOOKING_STAGE[b].sortOrder);

function isBuiltIn(key: string): key is BookingStage {
  return (BOOKING_STAGES as readonly string[]).includes(key);
}

export function defaultPipeline(): Pipeline {
  return {
    custom: false,
    version: 0,
    stages: BUILT_IN_ORDER.map((key) => ({
      key,
      label: { ...BOOKING_STAGE[key].label },
      hidden: false,
      closed: !BOOKING_STAGE[key].isOpen,
      builtIn: true,
      moves: [...BOOKING_STAGE[key].next],
    })),
  };
}

function stored(s: PipelineStageInput[]): PipelineStage[] {
  return s.map((x) => ({
    key: x.key,
    label: x.label ?? (isBuiltIn(x.key) ? { ...BOOKING_STAGE[x.key].label } : { th: x.key, en: x.key }),
    hidden: x.hidden ?? false,
    closed: isBuiltIn(x.key) ? !BOOKING_STAGE[x.key].isOpen : false,
    builtIn: isBuiltIn(x.key),
    moves: [...x.moves],
  }));
}

/** The org's pipeline: its own when it set one, the built-in one otherwise. */
export async function orgPipeline(db: Db, orgId: string): Promise<Pipeline> {
  const row = await db('booking_stage_settings').where({ org_id: orgId }).first();
  if (!row) return defaultPipeline();
  const stages = (typeof row.stages === 'string' ? JSON.parse(row.stages) : row.stages) as PipelineStageInput[];
  return { custom: true, version: row.version as number, stages: stored(stages) };
}

/** Where a booking in `from` may move now, by the org's pipeline. */
export function movesFrom(p: Pipeline, from: string): string[] {
  const stage = p.stages.find((s) => s.key === from);
  if (!stage) return stageFlags(from).next.filter((to) => p.stages.some((s) => s.key === to && !s.hidden));
  return stage.moves.filter((to) => p.stages.some((s) => s.key === to && !s.hidden));
}

/** The label of a stage for people, in the org's words. */
export function stageLabel(p: Pipeline, key: string, language: 'th' | 'en'): string {
  return p.stages.find((s) => s.key === key)?.label[language] ?? stageFlags(key).label[language];
}

/**
 * Checks an org's pipeline. Each problem names its field: a key twice or of a bad form, a built-in
 * stage left out, a move to a stage not in the list or hidden, a move out of a closed stage, `new`
 * hidden, or no way from `new` to a closed stage.
 */
export function checkPipeline(input: PipelineStageInput[]): PipelineStage[] {
  const issues: { path: string; message: string }[] = [];
  const keys = input.map((s) => s.key);
  input.forEach((s, i) => {
    if (!STAGE_KEY.test(s.key)) issues.push({ path: `stages.${i}.key`, message: 'Lower-case letters, digits and _, starting with a letter, up to 40' });
    else if (keys.indexOf(s.key) !== i) issues.push({ path: `stages.${i}.key`, message: `${s.key} is listed twice` });
  });
  for (const b of BOOKING_STAGES) {
    if (!keys.includes(b)) issues.push({ path: 'stages', message: `The built-in stage ${b} cannot be removed (hide it instead)` });
  }
  const stages = stored(input);
  const byKey = new Map(stages.map((s) => [s.key, s]));
  stages.forEach((s, i) => {
    if (s.closed && s.moves.length) issues.push({ path: `stages.${i}.moves`, message: `${s.key} is closed: nothing moves out of it` });
    s.moves.forEach((to, j) => {
      const target = byKey.get(to);
      if (!target) issues.push({ path: `stages.${i}.moves.${j}`, message: `Unknown stage ${to}` });
      else if (target.hidden) issues.push({ path: `stages.${i}.moves.${j}`, message: `${to} is hidden: no move may lead to it` });
    });
    if (s.key === 'new' && s.hidden) issues.push({ path: `stages.${i}.hidden`, message: 'new is where bookings arrive: it cannot be hidden' });
  });
  const newAt = keys.indexOf('new');
  if (newAt >= 0 && !issues.length) {
    const seen = new Set<string>(['new']);
    const queue = ['new'];
    let out = false;
    while (queue.length) {
      const k = queue.shift()!;
      for (const to of byKey.get(k)?.moves ?? []) {
        if (byKey.get(to)?.closed) out = true;
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    if (!out) issues.push({ path: `stages.${newAt}.moves`, message: 'No way out of new: no sequence of moves reaches a closed stage' });
  }
  if (issues.length) throw validationFailed('The pipeline is not valid', issues);
  return stages;
}

/**
 * Replaces the org's pipeline (the whole list, in order). A stage the org added may be removed only
 * when no booking sits in it. `expectedVersion` (from GET) guards against two editors at once.
 */
export async function writePipeline(
  knex: Knex,
  orgId: string,
  input: { stages: PipelineStageInput[]; expectedVersion?: number },
  actor: { type: 'api_key' | 'staff' | 'system'; id?: string | null },
): Promise<Pipeline> {
  const stages = checkPipeline(input.stages);
  return knex.transaction(async (trx) => {
    const row = await trx('booking_stage_settings').where({ org_id: orgId }).forUpdate().first();
    const version = (row?.version as number | undefined) ?? 0;
    if (input.expectedVersion !== undefined && input.expectedVersion !== version) throw staleVersion('The booking stages', { expectedVersion: input.expectedVersion, currentVersion: version });
    const keys = new Set(stages.map((s) => s.key));
    const sitting = await trx('bookings').where({ org_id: orgId }).whereNotIn('stage', [...keys]).select('stage').count({ n: '*' }).groupBy('stage');
    if (sitting.length) {
      throw validationFailed(
        'Bookings still sit in a stage left out',
        sitting.map((r) => ({ path: 'stages', message: `${String((r as Record<string, unknown>).stage)} still holds ${Number(r.n)} booking(s): move them first` })),
      );
    }
    const json = JSON.stringify(stages.map((s) => ({ key: s.key, label: s.label, hidden: s.hidden, moves: s.moves })));
    if (row) await trx('booking_stage_settings').where({ org_id: orgId }).update({ stages: json, version: version + 1, updated_at: trx.fn.now() });
    else await trx('booking_stage_settings').insert({ org_id: orgId, stages: json, version: 1 });
    await recordAudit(trx, { orgId, actorType: actor.type, actorId: actor.id, action: 'booking_stages.changed', subjectType: 'booking_stage_settings', subjectId: orgId, details: { stages: stages.map((s) => s.key), version: version + 1 } });
    return { custom: true, version: version + 1, stages };
  });
}

/** Why the org's pipeline refuses a move: a stage it does not have, or one it does not allow from here (with the moves it allows). */
export function moveRefusal(p: Pipeline, from: string, to: string): { refusal: 'unknown_stage' } | { refusal: 'stage'; allowedMoves: string[] } | undefined {
  if (!p.stages.some((s) => s.key === to) && !(!p.custom && isBuiltIn(to))) return { refusal: 'unknown_stage' };
  const allowed = movesFrom(p, from);
  return allowed.includes(to) ? undefined : { refusal: 'stage', allowedMoves: allowed };
}

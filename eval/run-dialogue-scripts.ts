import { randomBytes } from 'node:crypto';
import { lineId } from '../dev/fakes/line-api.ts';
import type { StarterKit } from '../core/contracts/tenants.ts';
import { todayIn } from '../core/time/org-time.ts';
import { updateOrgSettings } from '../core/orgs/org-settings.ts';
import { updateBusinessCalendar } from '../core/orgs/business-hours.ts';
import { DEMO_BUSINESS_HOURS } from '../seeds/demo.ts';
import { startLineCustomerHarness, type LineCustomerHarness, type WebhookDoor } from '../test/support/line-customer.ts';
import { until, untilSettled } from '../test/support/test-system.ts';
import { zoneWhereTheClockReads } from '../test/support/clock-zones.ts';
import { DIALOGUE_SCRIPTS, type Booked, type DialogueScript, type Turn } from './dialogue-scripts.ts';

/**
 * Runs the multi-turn dialogue scripts (dialogue-scripts.ts) against the whole system: the demo
 * business (or a new business of a starter kit) on a fresh embedded database, the offline
 * classifier, a fake LINE server, and a customer of its own per script who writes through signed
 * webhooks. A script passes when every answer said
 * what it had to and the conversation ended where it should: what was booked, which case was
 * opened, who holds the conversation.
 */

export interface ScriptOutcome {
  script: DialogueScript;
  /** Empty when it passed: what went otherwise, in words. */
  failures: string[];
}

type Reply = Awaited<ReturnType<LineCustomerHarness['ask']>>;

export async function runDialogueScripts(opts: { scripts?: DialogueScript[]; concurrency?: number; harness?: LineCustomerHarness } = {}): Promise<ScriptOutcome[]> {
  const scripts = opts.scripts ?? DIALOGUE_SCRIPTS;
  const h = opts.harness ?? (await startScriptsHarness());
  try {
    const outcomes: ScriptOutcome[] = new Array(scripts.length);
    let next = 0;
    const worker = async () => {
      while (next < scripts.length) {
        const i = next++;
        outcomes[i] = await runScript(h, scripts[i]);
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, worker));
    return outcomes;
  } finally {
    if (!opts.harness) await h.close();
  }
}

/** The platform operator's key of the scripts' system: it makes the new businesses the scripts name. */
const PLATFORM_KEY = 'platform-key-' + randomBytes(12).toString('hex');

/**
 * The whole system as the scripts need it: the demo business, and the platform API for new ones.
 * Every business is in a time zone where it is just past midnight when the harness starts, so that
 * a script's "tonight at 7" or "Saturday at 11am" is still ahead whatever the hour the scripts run
 * at (a moment already gone is not booked, bot/conversation/booking-slots.ts).
 */
export async function startScriptsHarness(): Promise<LineCustomerHarness> {
  const h = await startLineCustomerHarness({ PLATFORM_API_KEY: PLATFORM_KEY });
  const writer = { orgId: h.sys.defaultOrgId, actor: { type: 'system' as const, id: null } };
  await updateOrgSettings(h.sys.knex, writer, { timeZone: SCRIPTS_TIME_ZONE });
  // The demo's own hours, as `npm start` seeds them (the test systems clear them, for SLA minutes
  // round the clock): its customers meet the classes' and the tour's days and hours.
  await updateBusinessCalendar(h.sys.knex, writer, { hours: DEMO_BUSINESS_HOURS });
  return h;
}

/** One zone for a whole run (a run crossing the hour keeps its day: the next midnight is 23 hours on). */
const SCRIPTS_TIME_ZONE = zoneWhereTheClockReads(0, new Date());

const businesses = new WeakMap<LineCustomerHarness, Map<StarterKit, Promise<WebhookDoor>>>();

/**
 * A new business of the starter kit, made once per system as a new owner starts: through the
 * platform API (its name, the kit), then its own LINE channel through its admin key. Nothing else
 * is changed, so its customers meet what the kit gives on day one.
 */
function businessDoor(h: LineCustomerHarness, kit: StarterKit): Promise<WebhookDoor> {
  let made = businesses.get(h);
  if (!made) businesses.set(h, (made = new Map()));
  let door = made.get(kit);
  if (!door) made.set(kit, (door = newBusiness(h, kit)));
  return door;
}

async function newBusiness(h: LineCustomerHarness, kit: StarterKit): Promise<WebhookDoor> {
  const call = async (path: string, key: string, body: unknown) => {
    const res = await fetch(h.sys.url + path, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = await res.json();
    if (res.status !== 201) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const org = await call('/platform/v1/orgs', PLATFORM_KEY, { name: `New ${kit} business`, businessType: kit, starterKit: kit, timeZone: SCRIPTS_TIME_ZONE, languages: ['th', 'en'], adminApiKey: true });
  const credentials = { channelAccessToken: `tok-${randomBytes(8).toString('hex')}`, channelSecret: randomBytes(16).toString('hex') };
  h.line.state.addChannel(credentials);
  const channel = await call('/api/v1/channels', org.adminApiKey, { kind: 'line', name: `${kit} LINE`, credentials });
  return { path: `/webhooks/line/${channel.id}`, secret: credentials.channelSecret };
}

export async function runScript(h: LineCustomerHarness, script: DialogueScript): Promise<ScriptOutcome> {
  const failures: string[] = [];
  const userId = lineId('U');
  let last: Reply | undefined;
  try {
    const door = script.business ? await businessDoor(h, script.business) : undefined;
    for (const [n, turn] of script.turns.entries()) {
      const label = `turn ${n + 1} (${'say' in turn ? `"${turn.say}"` : `tap "${turn.tap}"`})`;
      if ('say' in turn && turn.silent) {
        await h.tell(userId, turn.say, door);
        continue;
      }
      const what = 'say' in turn ? { text: turn.say } : tapOf(last, turn.tap);
      if (!what) {
        failures.push(`${label}: no quick reply "${(turn as { tap: string }).tap}" among ${JSON.stringify(last?.quickReplies.map((q) => q.label) ?? [])}`);
        break;
      }
      last = await h.ask(userId, what, door);
      failures.push(...toldFailures(label, turn as Exclude<Turn, { silent: true }>, last));
    }
    await untilSettled(h.sys.knex);
    failures.push(...(await endFailures(h, userId, script)));
  } catch (e) {
    failures.push(`stopped: ${(e as Error).message}`);
  }
  return { script, failures };
}

function tapOf(last: Reply | undefined, tap: string) {
  const q = last?.quickReplies.find((r) => r.label === tap) ?? last?.quickReplies.find((r) => r.label?.replace(/…$/, '') && tap.startsWith(r.label.replace(/…$/, '')));
  return q?.data ? { postback: { data: q.data } } : undefined;
}

function toldFailures(label: string, turn: Exclude<Turn, { silent: true }>, reply: Reply): string[] {
  const text = reply.text.toLowerCase();
  const out: string[] = [];
  for (const words of turn.told ?? []) if (!text.includes(words.toLowerCase())) out.push(`${label}: the answer does not say "${words}": ${JSON.stringify(reply.text)}`);
  for (const words of turn.notTold ?? []) if (text.includes(words.toLowerCase())) out.push(`${label}: the answer says "${words}": ${JSON.stringify(reply.text)}`);
  const labels = reply.quickReplies.map((q) => q.label ?? '');
  for (const words of ('noButton' in turn ? turn.noButton : undefined) ?? []) if (labels.some((l) => l.startsWith(words))) out.push(`${label}: a button says "${words}": ${JSON.stringify(labels)}`);
  return out;
}

async function endFailures(h: LineCustomerHarness, userId: string, script: DialogueScript): Promise<string[]> {
  const { knex } = h.sys;
  const conversation = await until(() => knex('conversations').where({ external_id: userId }).first());
  const bookings = await knex('bookings').leftJoin('services', 'services.id', 'bookings.service_id').where('bookings.conversation_id', conversation.id).select('bookings.*', 'services.key as service_key').orderBy('bookings.created_at');
  const cases = await knex('cases').join('case_types', 'case_types.id', 'cases.case_type_id').where('cases.conversation_id', conversation.id).select('case_types.key as case_type');
  const out: string[] = [];
  const { opened, holds } = script.end;
  const booked = script.end.booked === null ? [] : [script.end.booked].flat();
  if (bookings.length !== booked.length) {
    const made = bookings.map((b) => b.service_key).join(', ') || 'none';
    out.push(`${bookings.length} booking(s) (${made}), expected ${booked.length ? booked.map((b) => b.service).join(', ') : 'no booking'}`);
  }
  const today = todayIn(SCRIPTS_TIME_ZONE, new Date());
  for (const [i, want] of booked.entries()) {
    const b = bookings[i];
    if (!b) break;
    const details = typeof b.details === 'string' ? JSON.parse(b.details) : (b.details ?? {});
    const date = expectedDay(want.date, today);
    const got = { service: b.service_key, partySize: b.party_size, date: dateOf(b.requested_date), time: String(b.requested_time ?? '').slice(0, 5) };
    const which = booked.length > 1 ? `booking ${i + 1}: ` : '';
    if (got.service !== want.service) out.push(`${which}booked ${got.service}, expected ${want.service}`);
    if (want.partySize !== undefined && got.partySize !== want.partySize) out.push(`${which}booked for ${got.partySize}, expected ${want.partySize}`);
    if (date && got.date !== date) out.push(`${which}booked on ${got.date}, expected ${date}`);
    if (want.time && got.time !== want.time) out.push(`${which}booked at ${got.time}, expected ${want.time}`);
    if (want.destination && !String(details.destination ?? '').includes(want.destination)) out.push(`${which}destination ${JSON.stringify(details.destination)}, expected it to say ${want.destination}`);
  }
  if (opened === null && cases.length) out.push(`opened ${cases.map((c) => c.case_type).join(', ')}, expected no case`);
  if (opened !== null && (cases.length !== 1 || (opened !== 'any' && cases[0].case_type !== opened))) out.push(`opened [${cases.map((c) => c.case_type).join(', ')}], expected ${opened}`);
  const holder = conversation.inbox_status === 'bot' ? 'bot' : 'person';
  if (holder !== holds) out.push(`the conversation is held by ${holder === 'bot' ? 'the bot' : `a person (${conversation.inbox_status})`}, expected ${holds === 'bot' ? 'the bot' : 'a person'}`);
  return out;
}

/**
 * The calendar date a script's `date` means on `today` (YYYY-MM-DD, the business's): counted here
 * day by day, not with the bot's own date reading, which is what the scripts check.
 */
export function expectedDay(date: Booked['date'], today: string): string | undefined {
  if (date === undefined || typeof date === 'string') return date === 'tomorrow' ? daysAfter(today, 1) : date;
  for (let n = 0; n <= 366; n++) {
    const day = daysAfter(today, n);
    const [month, dayOfMonth] = [Number(day.slice(5, 7)), Number(day.slice(8, 10))];
    if (dayOfMonth === date.day && (!('month' in date) || month === date.month)) return day;
  }
  throw new Error(`no day ${JSON.stringify(date)} within a year of ${today}`);
}

function daysAfter(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** A date column as YYYY-MM-DD, whether the driver hands back text or a Date at local midnight. */
function dateOf(v: unknown): string | undefined {
  if (!v) return undefined;
  if (v instanceof Date) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  return String(v).slice(0, 10);
}

/** The pass rate and the failures, as Markdown for the evaluation report. */
export function scriptsReport(outcomes: ScriptOutcome[]): string {
  const passed = outcomes.filter((o) => o.failures.length === 0);
  const byLanguage = (l: 'th' | 'en') => {
    const of = outcomes.filter((o) => o.script.language === l);
    return `${of.filter((o) => o.failures.length === 0).length}/${of.length}`;
  };
  const lines = [
    '## Multi-turn dialogue scripts',
    '',
    `${outcomes.length} scripted conversations (eval/dialogue-scripts.ts) against the whole system, judged by what was booked, which case was opened and who holds the conversation at the end.`,
    '',
    '| scripts | passed | pass rate | Thai | English |',
    '|---|---|---|---|---|',
    `| ${outcomes.length} | ${passed.length} | ${((100 * passed.length) / Math.max(1, outcomes.length)).toFixed(1)}% | ${byLanguage('th')} | ${byLanguage('en')} |`,
  ];
  const failed = outcomes.filter((o) => o.failures.length > 0);
  if (failed.length) {
    lines.push('', '### Scripts that failed', '');
    for (const o of failed) lines.push(`- ${o.script.name}: ${o.failures.join('; ').replace(/\|/g, '\\|')}`);
  }
  return lines.join('\n');
}

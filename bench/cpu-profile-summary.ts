import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fmt, table } from './stats.ts';

/**
 * What a V8 CPU profile (`node --cpu-prof`, or the inspector's Profiler) says about where a
 * process's time went: functions by self time (their own code) and by total time (with what they
 * called), and the same by area (our folders, each npm package, Node's internals). Shares are of the
 * busy time: the samples in which the process was not idle.
 *
 * `node bench/cpu-profile-summary.ts <file.cpuprofile> [<after.cpuprofile>]` prints the tables of a
 * saved profile, or two side by side (CPU_BEFORE, CPU_AFTER: each run's processor ms per customer).
 */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  what: string;
  ms: number;
  /** Of the busy time (idle left out). */
  share: number;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  self: ProfileRow[];
  total: ProfileRow[];
  areas: ProfileRow[];
  /** What the time was for: the nearest library or folder of ours up the stack (`purposeOf`). */
  purposes: ProfileRow[];
}

/**
 * What a sample's time was for, from the nearest frame up its stack that is a library or our code
 * (a socket write under pg is PostgreSQL's; one under ioredis is Redis's); Node's own frames alone
 * (timers, streams, microtasks) are Node's; V8's entries (the collector, the program) their own.
 */
function purposeOf(area: string): string | undefined {
  if (/^npm: (knex|pg|pg-protocol|pg-pool|tarn|postgres-.*|pg-types|pgpass)$/.test(area)) return 'PostgreSQL statements: knex, pg, their socket';
  if (/^npm: (ioredis|bullmq|msgpackr|cluster-key-slot|redis-.*)$/.test(area)) return 'Redis and BullMQ';
  if (area === 'node: undici' || area === 'npm: @line/bot-sdk') return 'HTTP to LINE (fetch)';
  if (/^npm: (koa.*|@koa\/.*|raw-body|co-body|http-errors|ee-first|on-finished|statuses|type-is|mime-.*|content-.*|accepts|negotiator|vary|cookies|keygrip|rate-limiter-flexible)$/.test(area)) return 'HTTP in: Koa and its middleware';
  if (area.startsWith('ours: ')) return area;
  if (area.startsWith('npm: ')) return area;
  return undefined;
}

/** Our top folders: a profile made in another checkout (the code before a change) names the same files. */
const OURS = /\/((?:core|bot|api|workers|bin|dev|test|bench|seeds)\/.*)$/;

/** A file as the tables name it: relative to the checkout, or to its npm package. */
function where(url: string): string {
  if (!url) return '';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  if (pkg) return `${pkg[1]}/${pkg[2]}`;
  return OURS.exec(path)?.[1] ?? path;
}

/** The part of the program a function belongs to: V8's own entries, an npm package, Node, or our folder. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (pkg) return `npm: ${pkg[1]}`;
  if (path.startsWith('node:internal/deps/undici')) return 'node: undici';
  if (path.startsWith('node:')) return 'node: internals';
  const ours = OURS.exec(path);
  if (ours) return `ours: ${ours[1].split('/')[0]}/`;
  return path;
}

export function summariseProfile(profile: CpuProfile, rows = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (id: number) => {
    const f = byId.get(id)!.callFrame;
    const at = where(f.url);
    return `${f.functionName || '(anonymous)'}${at ? ` ${at}:${f.lineNumber + 1}` : ''}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const areas = new Map<string, number>();
  const purposes = new Map<string, number>();
  let idleMs = 0;
  let busyMs = 0;
  const add = (m: Map<string, number>, k: string, ms: number) => m.set(k, (m.get(k) ?? 0) + ms);
  for (let i = 0; i < profile.samples.length; i++) {
    // As Chrome's devtools count it: a sample stands for the time until the next one.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const id = profile.samples[i];
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    busyMs += ms;
    add(self, key(id), ms);
    const area = areaOf(frame.url, frame.functionName);
    add(areas, area, ms);
    let purpose = area.startsWith('(') && area !== '(native / V8 builtins)' ? area : undefined;
    for (let at: number | undefined = id; !purpose && at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame;
      if (f.url) purpose = purposeOf(areaOf(f.url, f.functionName));
    }
    add(purposes, purpose ?? 'Node alone: timers, streams, microtasks', ms);
    // Total time: each function once per sample, however deep its recursion.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = key(at);
      if (k === '(root)' || seen.has(k)) continue;
      seen.add(k);
      add(total, k, ms);
    }
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([what, ms]) => ({ what, ms, share: ms / busyMs }));
  return { busyMs, idleMs, self: top(self, rows), total: top(total, rows), areas: top(areas, rows), purposes: top(purposes, rows) };
}

/**
 * The summary as Markdown tables. With `cpuMs` (the run's processor ms per customer, measured apart),
 * each row is also given as its share of that: a profile samples the wall clock, and on a loaded
 * machine its busy time takes in the time the thread waited for a core.
 */
export function profileTables(s: ProfileSummary, cpuMs?: number): string {
  const unit = cpuMs === undefined ? 'ms' : 'processor ms per customer';
  const rowsOf = (rs: ProfileRow[]) => rs.map((r, i) => [i + 1, `\`${r.what.replace(/\|/g, '\\|')}\``, fmt(cpuMs === undefined ? r.ms : r.share * cpuMs, 3), `${fmt(r.share * 100, 1)} %`]);
  return [
    `Sampled busy ${fmt(s.busyMs, 0)} ms, idle ${fmt(s.idleMs, 0)} ms.`,
    '',
    '**By self time**',
    '',
    table(['#', 'function', unit, 'share of busy'], rowsOf(s.self)),
    '',
    '**By total time** (the function and what it called)',
    '',
    table(['#', 'function', unit, 'share of busy'], rowsOf(s.total)),
    '',
    '**By area** (self time)',
    '',
    table(['#', 'area', unit, 'share of busy'], rowsOf(s.areas)),
    '',
    '**By what it was for** (the nearest library or folder of ours up the stack)',
    '',
    table(['#', 'for', unit, 'share of busy'], rowsOf(s.purposes)),
  ].join('\n');
}

/**
 * Two profiles side by side (before a change and after it): the functions and areas that led the
 * first by self time, with their share of each and that share of the run's processor time per
 * customer (`cpuMs`, measured apart: a profile samples the wall clock, and on a loaded machine its
 * busy time takes in the time the thread waited for a core).
 */
export function compareProfiles(before: CpuProfile, after: CpuProfile, cpuMs: { before: number; after: number }, rows = 15): string {
  const a = summariseProfile(before, Infinity);
  const b = summariseProfile(after, Infinity);
  const cell = (r: ProfileRow | undefined, ms: number) => (r ? `${fmt(r.share * ms, 2)} (${fmt(r.share * 100, 1)} %)` : '0');
  const side = (x: ProfileRow[], y: ProfileRow[], n: number) =>
    x.slice(0, n).map((r, i) => [i + 1, `\`${r.what.replace(/\|/g, '\\|')}\``, cell(r, cpuMs.before), cell(y.find((o) => o.what === r.what), cpuMs.after)]);
  return [
    table(['#', 'function (self time)', 'before: ms per customer (share)', 'after'], side(a.self, b.self, rows)),
    '',
    table(['#', 'area (self time)', 'before: ms per customer (share)', 'after'], side(a.areas, b.areas, 10)),
    '',
    table(['#', 'what it was for', 'before: ms per customer (share)', 'after'], side(a.purposes, b.purposes, 12)),
  ].join('\n');
}

if (import.meta.main) {
  const [file, second] = process.argv.slice(2);
  if (!file) throw new Error('usage: node bench/cpu-profile-summary.ts <file.cpuprofile> [<after.cpuprofile>]; CPU_BEFORE, CPU_AFTER: processor ms per customer of each run');
  const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as CpuProfile;
  process.stdout.write((second ? compareProfiles(read(file), read(second), { before: Number(process.env.CPU_BEFORE ?? 1), after: Number(process.env.CPU_AFTER ?? 1) }) : profileTables(summariseProfile(read(file)), process.env.CPU_BEFORE ? Number(process.env.CPU_BEFORE) : undefined)) + '\n');
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fmt, table } from './stats.ts';

/**
 * What a V8 CPU profile (`node --cpu-prof`, or the inspector's Profiler) says about where a
 * process's time went: functions by self time (their own code) and by total time (with what they
 * called), and the same by area (our folders, each npm package, Node's internals). Shares are of the
 * busy time: the samples in which the process was not idle.
 *
 * `node bench/cpu-profile-summary.ts <file.cpuprofile> [rows]` prints the tables of a saved profile.
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
}

const root = fileURLToPath(new URL('../', import.meta.url));

/** A file as the tables name it: relative to the checkout, or to its npm package. */
function where(url: string): string {
  if (!url) return '';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  if (pkg) return `${pkg[1]}/${pkg[2]}`;
  return path.startsWith(root) ? path.slice(root.length) : path;
}

/** The part of the program a function belongs to: V8's own entries, an npm package, Node, or our folder. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (pkg) return `npm: ${pkg[1]}`;
  if (path.startsWith('node:')) return 'node: internals';
  if (path.startsWith(root)) return `ours: ${path.slice(root.length).split('/')[0]}/`;
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
    add(areas, areaOf(frame.url, frame.functionName), ms);
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
  return { busyMs, idleMs, self: top(self, rows), total: top(total, rows), areas: top(areas, rows) };
}

/** The summary as Markdown tables; `per` divides the milliseconds (per customer, say) and names the unit. */
export function profileTables(s: ProfileSummary, per = { n: 1, unit: 'ms' }): string {
  const rowsOf = (rs: ProfileRow[]) => rs.map((r, i) => [i + 1, `\`${r.what.replace(/\|/g, '\\|')}\``, fmt(r.ms / per.n, 3), `${fmt(r.share * 100, 1)} %`]);
  return [
    `Busy ${fmt(s.busyMs / per.n, 2)} ${per.unit} (idle ${fmt(s.idleMs / per.n, 2)}).`,
    '',
    '**By self time**',
    '',
    table(['#', 'function', per.unit, 'share of busy'], rowsOf(s.self)),
    '',
    '**By total time** (the function and what it called)',
    '',
    table(['#', 'function', per.unit, 'share of busy'], rowsOf(s.total)),
    '',
    '**By area** (self time)',
    '',
    table(['#', 'area', per.unit, 'share of busy'], rowsOf(s.areas)),
  ].join('\n');
}

if (import.meta.main) {
  const [file, rows] = process.argv.slice(2);
  if (!file) throw new Error('usage: node bench/cpu-profile-summary.ts <file.cpuprofile> [rows]');
  process.stdout.write(profileTables(summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(rows ?? 15))) + '\n');
}

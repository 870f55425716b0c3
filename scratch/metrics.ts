// Before/after figures for the front-door refactor: import circles inside folders, largest files,
// route declarations, inline notice call sites.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
const root = process.argv[2] ?? process.cwd();
const files: string[] = [];
const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true })) { if (['node_modules','dist','scratch'].includes(e.name) || e.name.startsWith('.')) continue; const p = join(d, e.name); if (e.isDirectory()) walk(p); else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) files.push(p); } };
for (const d of ['bot','api','core','workers','bin']) walk(join(root, d));
const rel = (p: string) => relative(root, p);
const imports = new Map<string, string[]>();
for (const f of files) {
  const src = readFileSync(f, 'utf8');
  const list = [...src.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => rel(resolve(dirname(f), m[1])));
  imports.set(rel(f), list.filter((x) => !/^import type/.test(x)));
}
// type-only imports excluded unless ALL=1
if (!process.env.ALL) for (const f of files) {
  const src = readFileSync(f, 'utf8');
  const list = [...src.matchAll(/^import\s+(?!type\s)[^;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/gms)].map((m) => rel(resolve(dirname(f), m[1])));
  imports.set(rel(f), list);
}
// Tarjan SCC over file graph restricted to same-folder edges
const sameFolder = (a: string, b: string) => dirname(a) === dirname(b);
let index = 0; const idx = new Map<string, number>(), low = new Map<string, number>(), on = new Set<string>(), st: string[] = []; const sccs: string[][] = [];
const strong = (v: string) => { idx.set(v, index); low.set(v, index); index++; st.push(v); on.add(v);
  for (const w of imports.get(v) ?? []) { if (!imports.has(w) || (!process.env.ANYWHERE && !sameFolder(v, w))) continue; if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!)); }
  if (low.get(v) === idx.get(v)) { const c: string[] = []; let w; do { w = st.pop()!; on.delete(w); c.push(w); } while (w !== v); if (c.length > 1) sccs.push(c); } };
for (const v of imports.keys()) if (!idx.has(v)) strong(v);
console.log(`import circles inside a folder (runtime imports): ${sccs.length}`); for (const c of sccs) console.log('  ', c.join(' <-> '));
const dialogueToStaff = [...imports].filter(([f, l]) => f.startsWith('bot/conversation/') && l.some((x) => x.startsWith('bot/staff/')));
console.log(`bot/conversation files importing bot/staff: ${dialogueToStaff.length}`);
const sizes = files.map((f) => [rel(f), readFileSync(f, 'utf8').split('\n').length] as const).sort((a, b) => b[1] - a[1]).slice(0, 10);
console.log('largest 10 non-test files:'); for (const [f, n] of sizes) console.log(`  ${n}\t${f}`);
const grepCount = (re: RegExp, filter = (f: string) => true) => files.filter((f) => filter(rel(f))).reduce((n, f) => n + [...readFileSync(f, 'utf8').matchAll(re)].length, 0);
console.log(`tellBookingCustomer( call sites: ${grepCount(/tellBookingCustomer\(/g) - grepCount(/function tellBookingCustomer\(/g)}`);
console.log(`route declarations (route( / defineRoute( calls) in api/: ${grepCount(/\broute\(\s*\{|\bdefineRoute\(/g, (f) => f.startsWith('api/'))}`);
console.log(`"as /api/v1" mentions in api/liff: ${grepCount(/as \/api\/v1/g, (f) => f.startsWith('api/liff/'))}`);

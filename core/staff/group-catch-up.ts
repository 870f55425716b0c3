import type { Knex } from 'knex';
import { casesJoinedToTypes } from '../cases/case-queries.ts';
import type { Severity } from '../vocabulary.ts';
import { openCasesOfGroup } from './routing.ts';
import { postToGroup, type StaffGroupRef } from './staff-desk.ts';
import { formatDuration } from './staff-alerts.ts';
import { fill, SEVERITY_LABEL, type Phrase } from './staff-phrases.ts';

/**
 * A group set up after cases were opened. Each case's card went to the groups that took it when it
 * opened, or to none: a business that opens its first group after its first customers wrote had
 * cases that no group ever saw. So when a group is set up or its routing changes, it gets the open
 * cases that are now its own and were not before, as one message (a card each would bury the
 * group): number, type, severity and age, oldest first. A staff member answers one with
 * `#C-000123 ...` or opens it on the desk.
 */
const LISTED = 15;

const SAY = {
  head: { th: 'เคสที่ยังเปิดอยู่ของกลุ่มนี้ {count} เคส (เปิดก่อนตั้งค่ากลุ่ม):', en: '{count} open case(s) are this group\'s from now on (opened before it was set up):' },
  age: { th: 'เปิดมา {age}', en: 'open {age}' },
  more: { th: '…และอีก {count} เคส ดูได้ในเดสก์', en: '…and {count} more on the desk' },
} satisfies Record<string, Phrase>;

export async function catchUpGroup(trx: Knex.Transaction, before: StaffGroupRef, after: StaffGroupRef, now = new Date()): Promise<number> {
  const had = new Set(await openCasesOfGroup(trx, before));
  const fresh = (await openCasesOfGroup(trx, after)).filter((id) => !had.has(id));
  if (fresh.length === 0) return 0;
  const l = after.language;
  const rows: { number: string; severity: Severity; created_at: Date; name_th: string; name_en: string }[] = await casesJoinedToTypes(trx)
    .whereIn('cases.id', fresh.slice(0, LISTED))
    .orderBy('cases.created_at')
    .select('cases.number', 'cases.severity', 'cases.created_at', 'case_types.name_th', 'case_types.name_en');
  const lines = rows.map((r) => `${r.number} · ${l === 'th' ? r.name_th : r.name_en} · ${SEVERITY_LABEL[r.severity][l]} · ${fill(SAY.age[l], { age: formatDuration(now.getTime() - new Date(r.created_at).getTime(), l) })}`);
  if (fresh.length > LISTED) lines.push(fill(SAY.more[l], { count: String(fresh.length - LISTED) }));
  await postToGroup(trx, after, [{ kind: 'text', text: [fill(SAY.head[l], { count: String(fresh.length) }), ...lines].join('\n') }]);
  return fresh.length;
}

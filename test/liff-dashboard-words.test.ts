import { describe, expect, it } from 'vitest';
import { bottleneckWhy, topPerformerWhy } from '../liff/src/dashboard/why.ts';

/**
 * Why someone is a top performer or a bottleneck, worded on the dashboard from the report's parts
 * in the page's language: Thai has one form for every count, English says "1 case" but "2 cases".
 */
const base = { staffId: '00000000-0000-4000-8000-000000000001', name: 'Bee', reason: 'ignored: the page words the parts', drill: '/x' };

describe("the dashboard's words for the team", () => {
  it('words a top performer from the strongest part and the cases owned', () => {
    expect(topPerformerWhy('en', { score: 80, strongest: { part: 'sla', value: 100 }, casesOwned: 1 })).toBe('Score 80 · strongest: SLA compliance 100 · 1 case owned');
    expect(topPerformerWhy('en', { score: 35, strongest: { part: 'load', value: 66.7 }, casesOwned: 2 })).toBe('Score 35 · strongest: Case load 66.7 · 2 cases owned');
    expect(topPerformerWhy('th', { score: 35, strongest: { part: 'speed', value: 66.7 }, casesOwned: 1 })).toBe('คะแนน 35 · จุดเด่น: ความเร็วในการตอบ 66.7 · ดูแล 1 เคส');
  });

  it('words a bottleneck by its kind', () => {
    expect(bottleneckWhy('en', { ...base, kind: 'breachesNow', count: 1 })).toBe('1 open case past SLA now');
    expect(bottleneckWhy('en', { ...base, kind: 'breachesNow', count: 3 })).toBe('3 open cases past SLA now');
    expect(bottleneckWhy('th', { ...base, kind: 'breachesNow', count: 3 })).toBe('มีเคสค้างที่เกิน SLA อยู่ตอนนี้ 3 เคส');
    expect(bottleneckWhy('en', { ...base, kind: 'missedSla', count: 4, of: 10, withinRate: 0.6 })).toBe('missed SLA on 4 of 10 decided cases (60% within)');
    expect(bottleneckWhy('en', { ...base, kind: 'missedSla', count: 1, of: 1, withinRate: 0 })).toBe('missed SLA on 1 of 1 decided case (0% within)');
    expect(bottleneckWhy('th', { ...base, kind: 'missedSla', count: 4, of: 10, withinRate: 0.6 })).toBe('ไม่ทัน SLA 4 จาก 10 เคส (ทัน SLA 60%)');
  });
});

import { describe, expect, it } from 'vitest';
import { bottleneckWhy, providerRiskWhy, topPerformerWhy } from '../liff/src/dashboard/why.ts';
import { duration } from '../liff/src/kit/i18n.ts';
import { label } from '../liff/src/kit/names.ts';

/**
 * Why someone is a top performer or a bottleneck, and why a provider has its risk level, worded on
 * the dashboard from the reports' parts in the page's language: Thai has one form for every count,
 * English says "1 case" but "2 cases".
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

  it("words each part of a provider's risk, shares as percentages and the level in the sentence", () => {
    const fault = { rule: 'faultShare', value: 0.6667, threshold: 0.5, level: 'high' } as const;
    expect(providerRiskWhy('en', fault)).toBe('66.7% of its cases were its own fault (high from 50%)');
    expect(providerRiskWhy('th', fault)).toBe('66.7% ของเคสเป็นความผิดของผู้ให้บริการเอง (เกณฑ์ความเสี่ยงสูง: 50%)');
    const missed = { rule: 'missedShare', value: 0.25, threshold: 0.2, level: 'medium' } as const;
    expect(providerRiskWhy('en', missed)).toBe('25% missed the resolution SLA (medium from 20%)');
    expect(providerRiskWhy('th', missed)).toBe('25% ของเคสแก้ไขไม่ทัน SLA (เกณฑ์ความเสี่ยงกลาง: 20%)');
    expect(providerRiskWhy('th', { rule: 'refundCancelShare', value: 0.5, threshold: 0.3, level: 'high' })).toBe('50% ของเคสจบด้วยการคืนเงินหรือยกเลิก (เกณฑ์ความเสี่ยงสูง: 30%)');
    expect(providerRiskWhy('en', { rule: 'repeats', value: 4, threshold: 3, level: 'medium' })).toBe('the same problem came back 4 times (flagged from 3)');
    expect(providerRiskWhy('th', { rule: 'repeats', value: 4, threshold: 3, level: 'medium' })).toBe('ปัญหาเดิมเกิดซ้ำ 4 ครั้ง (แจ้งเตือนเมื่อถึง 3 ครั้ง)');
  });

  it('says a provider with too few cases is not rated, in the form the threshold takes', () => {
    expect(providerRiskWhy('en', { rule: 'fewCases', value: 2, threshold: 5, level: 'low' })).toBe('fewer than 5 cases in the period, too few to rate');
    expect(providerRiskWhy('en', { rule: 'fewCases', value: 0, threshold: 1, level: 'low' })).toBe('fewer than 1 case in the period, too few to rate');
    expect(providerRiskWhy('th', { rule: 'fewCases', value: 2, threshold: 5, level: 'low' })).toBe('ช่วงนี้มีเคสไม่ถึง 5 เคส น้อยเกินกว่าจะประเมินความเสี่ยง');
  });
});

describe('time and keys as people read them (the dashboard and the desk)', () => {
  it('words minutes in hours and days, not "1417 min"', () => {
    expect(duration('en', 1417)).toBe('23 h 37 min');
    expect(duration('th', 1417)).toBe('23 ชม. 37 นาที');
    expect(duration('en', 3060)).toBe('2 days 3 h');
    expect(duration('th', 3060)).toBe('2 วัน 3 ชม.');
    expect(duration('en', 1440)).toBe('1 day');
    expect(duration('en', 1500)).toBe('1 day 1 h');
    expect(duration('en', 120)).toBe('2 h');
    expect(duration('en', 45.4)).toBe('45 min');
    expect(duration('en', 0)).toBe('0 min');
    expect(duration('en', null)).toBe('–');
  });

  it('names a key without a name as words, never as the key', () => {
    expect(label({ topup: { th: 'เติมเงิน', en: 'Top-up' } }, 'topup', 'th')).toBe('เติมเงิน');
    expect(label({}, 'order_not_delivered', 'en')).toBe('order not delivered');
    expect(label({}, 'waitingCustomer', 'en')).toBe('waiting customer');
  });
});

import { describe, expect, it } from 'vitest';
import { calendarOfOrg } from '../../core/sla/business-calendar.ts';
import { fillTemplate } from '../../core/templates/render-template.ts';
import { demoTemplates } from '../../seeds/demo.ts';
import { handOffText } from './handoff-text.ts';

/** The hand-over text by the desk's hours, on a fixed clock: Bangkok, weekdays 09:00 to 18:00, New Year's Eve closed. */
const desk = calendarOfOrg({
  time_zone: 'Asia/Bangkok',
  business_hours: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] },
  holidays: ['2026-12-31'],
});
/** An instant given as Bangkok wall time (UTC+7). */
const bangkok = (wall: string) => new Date(`${wall}+07:00`);
const told = (now: Date, language: 'th' | 'en') => {
  const t = handOffText(desk, now, language);
  const template = demoTemplates.find((d) => d.key === t.key)!;
  return { key: t.key, text: fillTemplate(template[language], t.vars) };
};

describe('the hand-over text', () => {
  it('within business hours: a person will reply shortly, in Thai and English', () => {
    for (const language of ['th', 'en'] as const) {
      expect(handOffText(desk, bangkok('2026-11-25T10:00:00'), language)).toEqual({ key: 'handoff_to_person', vars: {} });
      expect(handOffText(desk, bangkok('2026-11-25T17:59:00'), language).key).toBe('handoff_to_person');
    }
    expect(told(bangkok('2026-11-25T10:00:00'), 'en').text).toBe('I am passing you to a member of our team. Someone will reply in this chat shortly.');
  });

  it('outside them: when the desk opens, today, tomorrow or on a later day, in Thai and English', () => {
    // Wednesday at closing time and in the evening: tomorrow morning.
    for (const wall of ['2026-11-25T18:00:00', '2026-11-25T20:00:00']) {
      expect(told(bangkok(wall), 'en')).toEqual({
        key: 'handoff_after_hours',
        text: 'Our team is away right now. We have passed your message on, and a person will reply in this chat when we open, tomorrow at 09:00.',
      });
      expect(told(bangkok(wall), 'th').text).toBe('ขณะนี้อยู่นอกเวลาทำการค่ะ ได้ส่งเรื่องให้เจ้าหน้าที่แล้ว เจ้าหน้าที่จะตอบกลับในแชทนี้เมื่อเปิดทำการ พรุ่งนี้ เวลา 09:00 น. นะคะ');
    }
    // Early on Thursday: later today.
    expect(handOffText(desk, bangkok('2026-11-26T07:30:00'), 'en').vars).toEqual({ opens_at: 'today at 09:00' });
    expect(handOffText(desk, bangkok('2026-11-26T07:30:00'), 'th').vars).toEqual({ opens_at: 'วันนี้ เวลา 09:00 น.' });
    // Friday evening: Monday.
    expect(handOffText(desk, bangkok('2026-11-27T19:00:00'), 'en').vars).toEqual({ opens_at: 'Monday 30 Nov at 09:00' });
    expect(handOffText(desk, bangkok('2026-11-27T19:00:00'), 'th').vars).toEqual({ opens_at: 'วันจันทร์ที่ 30 พ.ย. เวลา 09:00 น.' });
    // The evening before a holiday: the day after it.
    expect(handOffText(desk, bangkok('2026-12-30T20:00:00'), 'en').vars).toEqual({ opens_at: 'Friday 1 Jan at 09:00' });
  });

  it('an org with no hours set is open around the clock', () => {
    const always = calendarOfOrg({ time_zone: 'Asia/Bangkok', business_hours: null, holidays: [] });
    expect(handOffText(always, bangkok('2026-11-29T03:00:00'), 'th')).toEqual({ key: 'handoff_to_person', vars: {} });
  });
});

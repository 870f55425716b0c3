import { describe, expect, it } from 'vitest';
import { fillTemplate } from './render-template.ts';

describe('fillTemplate', () => {
  it('fills variables and leaves no braces behind', () => {
    expect(fillTemplate('เคส {{case_id}} สถานะ {{ status }} {{missing}}!', { case_id: 'C-000123', status: 'กำลังตรวจสอบ' })).toBe(
      'เคส C-000123 สถานะ กำลังตรวจสอบ !',
    );
  });
  it('keeps text that only looks like a variable', () => {
    expect(fillTemplate('price {{ 5 }} and {single}', {})).toBe('price {{ 5 }} and {single}');
  });
  it('leaves out a bullet line whose variables are all missing, and keeps every other line', () => {
    const summary = 'Please check:\n• Service: {{service}}\n• Date: {{date}}\n• Time: {{time}}\n• Guests: {{party_size}}\nIs this correct? {{note}}';
    expect(fillTemplate(summary, { service: 'Multi-day tour', date: 'Tue, 15 Dec 2026', time: undefined, party_size: 4 })).toBe(
      'Please check:\n• Service: Multi-day tour\n• Date: Tue, 15 Dec 2026\n• Guests: 4\nIs this correct? ',
    );
    // A line that is not a bullet, or a bullet with one variable given, or none at all, stays.
    expect(fillTemplate('Time: {{time}}\n• {{date}} at {{time}}\n• Bring a towel', { date: '5 Dec' })).toBe('Time: \n• 5 Dec at \n• Bring a towel');
  });
});

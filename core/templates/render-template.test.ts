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
});

import { describe, expect, it } from 'vitest';
import { smsSize } from './sms-segments.ts';

describe('how many SMS a text is sent as', () => {
  it('counts GSM-7 text in 160s, then 153s, the extension characters twice', () => {
    expect(smsSize('a'.repeat(160))).toEqual({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(smsSize('a'.repeat(161))).toEqual({ encoding: 'GSM-7', characters: 161, segments: 2 });
    expect(smsSize('a'.repeat(306)).segments).toBe(2);
    expect(smsSize('a'.repeat(307)).segments).toBe(3);
    // 80 euro signs are 160 septets: one SMS; 81 are two.
    expect(smsSize('€'.repeat(80)).segments).toBe(1);
    expect(smsSize('€'.repeat(81)).segments).toBe(2);
  });

  it('counts Thai (and anything outside GSM-7) as UCS-2: 70, then 67 per part', () => {
    expect(smsSize('ก'.repeat(70))).toEqual({ encoding: 'UCS-2', characters: 70, segments: 1 });
    expect(smsSize('ก'.repeat(71))).toEqual({ encoding: 'UCS-2', characters: 71, segments: 2 });
    expect(smsSize('ก'.repeat(134)).segments).toBe(2);
    expect(smsSize('ก'.repeat(135)).segments).toBe(3);
    // One Thai letter in English text makes the whole message UCS-2.
    expect(smsSize(`${'a'.repeat(100)}ก`)).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    // An emoji is two UTF-16 units.
    expect(smsSize('😀'.repeat(35))).toMatchObject({ characters: 35, segments: 1 });
    expect(smsSize('😀'.repeat(36)).segments).toBe(2);
  });
});

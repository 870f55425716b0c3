import { describe, expect, it } from 'vitest';
import { mentionedStaff } from './mentions.ts';

const staff = [
  { id: 'somchai', name: 'Somchai' },
  { id: 'som', name: 'Som' },
  { id: 'ploy', name: 'Ploy Srisuk' },
  { id: 'malee', name: 'มาลี' },
];

describe('mentionedStaff', () => {
  it('finds display names after @, in any case, Thai and with a space inside', () => {
    expect(mentionedStaff('@somchai can you call her? cc @Ploy Srisuk', staff).sort()).toEqual(['ploy', 'somchai']);
    expect(mentionedStaff('@มาลี ช่วยดูหน่อยค่ะ', staff)).toEqual(['malee']);
    expect(mentionedStaff('ask @มาลี.', staff)).toEqual(['malee']);
  });

  it('takes a name only where it ends, once each', () => {
    expect(mentionedStaff('@Somchai @SOMCHAI', staff)).toEqual(['somchai']);
    expect(mentionedStaff('@Som, and @Somsak', staff)).toEqual(['som']);
    // A Thai vowel mark after the name makes it another word.
    expect(mentionedStaff('@มาลีี', staff)).toEqual([]);
  });

  it('leaves unknown names and a name without @ as text', () => {
    expect(mentionedStaff('@Nobody please look; Somchai knows', staff)).toEqual([]);
    expect(mentionedStaff('mail somchai@example.com', staff)).toEqual([]);
  });
});

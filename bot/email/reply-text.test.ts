import { describe, expect, it } from 'vitest';
import { replyText } from './reply-text.ts';

/** What the customer wrote, without what their mail program quoted under it. */
describe('replyText', () => {
  it.each([
    ['Gmail', 'Saturday works.\n\nOn Mon, 1 Dec 2026 at 10:00, Tours <a@b.c> wrote:\n> Your quote is ready', 'Saturday works.'],
    ['Gmail, folded over two lines', 'Saturday works.\n\nOn Mon, 1 Dec 2026 at 10:00, Chiang Mai Tours\n<hello@tour.example> wrote:\n> old', 'Saturday works.'],
    ['Gmail in Thai', 'ได้ค่ะ\n\nเมื่อ จ. 1 ธ.ค. 2026 10:00 Tours <a@b.c> เขียนว่า:\n> ใบเสนอราคา', 'ได้ค่ะ'],
    ['Outlook', 'Fine by me\n\n-----Original Message-----\nFrom: Tours\nSent: Monday', 'Fine by me'],
    ['Outlook header block', 'Fine by me\n\nFrom: Tours <a@b.c>\nSent: Monday\nSubject: quote', 'Fine by me'],
    ['a trailing run of quoted lines', 'Yes\n> line one\n>\n> line two', 'Yes'],
  ])('%s', (_name, text, expected) => expect(replyText(text)).toBe(expected));

  it('keeps quoted lines that are answered in between (inline replies), and text with no quote at all', () => {
    expect(replyText('> Can you do Saturday?\nYes we can.\n> And lunch?\nIncluded.')).toBe('> Can you do Saturday?\nYes we can.\n> And lunch?\nIncluded.');
    expect(replyText('Just a note\r\nwith two lines')).toBe('Just a note\nwith two lines');
  });
});

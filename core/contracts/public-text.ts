import { z } from 'zod';

/**
 * Text typed by anyone on the internet (the website's booking form, the form inside LINE, a quote
 * declined from its link). Control characters are refused with a 422 naming the field: a NUL cannot
 * be stored in PostgreSQL's text or jsonb, and the others (a backspace, an escape) only serve to
 * mislead whoever reads the text. A field of several lines keeps its line breaks and tabs.
 */
/**
 * Right-to-left and other direction overrides (U+202A-U+202E, U+2066-U+2069, the marks U+200E,
 * U+200F, U+061C) are taken out: a name written with them reads otherwise than it is ("Jane"
 * followed by a reversed file name), and no name or note needs them.
 */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const stripBidi = (s: string) => s.replace(BIDI, '');
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_LINES = /(?![\n\r\t])\p{Cc}/u;

/** One line of public text: no control character, not even a line break. */
export const publicLine = <T extends z.ZodString | z.ZodURL>(base: T = z.string() as T) => base.overwrite(stripBidi).refine((s) => !CONTROL.test(s), 'Control characters (a line break, NUL...) are not allowed here');

/** Public text of several lines: line breaks and tabs kept, other control characters refused. */
export const publicText = () => z.string().overwrite(stripBidi).refine((s) => !CONTROL_BUT_LINES.test(s), 'Control characters (NUL...) are not allowed; line breaks are');

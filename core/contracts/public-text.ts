import { z } from 'zod';

/**
 * Text typed by anyone on the internet (the website's booking form, the form inside LINE, a quote
 * declined from its link). Control characters are refused with a 422 naming the field: a NUL cannot
 * be stored in PostgreSQL's text or jsonb, and the others (a backspace, an escape) only serve to
 * mislead whoever reads the text. A field of several lines keeps its line breaks and tabs.
 */
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_LINES = /(?![\n\r\t])\p{Cc}/u;

/** One line of public text: no control character, not even a line break. */
export const publicLine = <T extends z.ZodString | z.ZodURL>(base: T = z.string() as T) => base.refine((s) => !CONTROL.test(s), 'Control characters (a line break, NUL...) are not allowed here');

/** Public text of several lines: line breaks and tabs kept, other control characters refused. */
export const publicText = () => z.string().refine((s) => !CONTROL_BUT_LINES.test(s), 'Control characters (NUL...) are not allowed; line breaks are');

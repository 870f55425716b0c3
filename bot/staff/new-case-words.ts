import { z } from 'zod';
import { extractFields } from '../../core/understanding/extract-fields.ts';
import { formatNumber } from '../../core/org-counters.ts';

/**
 * The words of the staff's "open a case for a customer" command, in a LINE staff group or 1:1 with
 * the bot (docs/staff.md, "Opening a case from LINE"):
 *
 *   /case <customer> <what happened>
 *
 * The command word is `/case`, or `new case`, `open case`, `เปิดเคส`, `เคสใหม่` (each with or
 * without a `/`), after an optional @mention of the bot. The customer is the first word after it:
 *
 * - a phone number written as one word: `0812345678`, `081-234-5678`, `+66812345678` (Thai
 *   mobiles and landlines, or any number with its country code);
 * - an e-mail address;
 * - a LINE user id (`U` and 32 hex digits);
 * - a case number (`C-000123`, `#C-123`): that case's customer.
 *
 * Everything after it is the description. A bare `case` is not a command word, so that team talk
 * ("case C-000123 is odd") is never read as one.
 */
export type NamedCustomer = { phone: string } | { email: string } | { lineUserId: string } | { caseNumber: string };

export type NewCaseProblem = 'no_customer' | 'bad_phone' | 'bad_email' | 'no_description' | 'too_long';

export type NewCaseCommand =
  | { ok: true; customer: NamedCustomer; description: string }
  | { ok: false; problem: NewCaseProblem; word?: string; length?: number };

/** What `POST /api/v1/cases` takes as a summary (core/contracts/cases.ts). */
export const DESCRIPTION_MAX = 1000;

const COMMAND = /^\s*(?:@\S[^\n]*?\s+)?(?:\/case|\/?new\s+case|\/?open\s+case|\/?เปิดเคส|\/?เคสใหม่)(?=[\s:]|$)[\s:]*([\s\S]*)$/iu;
const LINE_USER_ID = /^U[0-9a-f]{32}$/;
const CASE_NUMBER = /^#?C-?(\d{1,9})$/i;
/** Digits with the signs people write phone numbers with: read as a phone number, or refused as one. */
const PHONE_LIKE = /^\+?[\d().-]*\d[\d().-]*$/;
const email = z.email().max(254);

/** The command in a message; undefined when the message is not this command. */
export function readNewCaseCommand(text: string | null | undefined): NewCaseCommand | undefined {
  const m = COMMAND.exec(text ?? '');
  if (!m) return undefined;
  const rest = m[1].trim();
  const space = rest.search(/\s/);
  // "0812345678: the top-up..." or "0812345678, ..." : the sign belongs to the sentence.
  const word = (space < 0 ? rest : rest.slice(0, space)).replace(/[:,;]+$/, '');
  // "0812345678 : the top-up..." : the sign between the two is no part of the description.
  const description = space < 0 ? '' : rest.slice(space).trim().replace(/^[:,;\-–]+\s*/, '');
  if (!word) return { ok: false, problem: 'no_customer' };
  const customer = customerOf(word);
  if ('problem' in customer) return { ok: false, problem: customer.problem, word };
  if (!description) return { ok: false, problem: 'no_description', word };
  if (description.length > DESCRIPTION_MAX) return { ok: false, problem: 'too_long', length: description.length };
  return { ok: true, customer, description };
}

function customerOf(word: string): NamedCustomer | { problem: NewCaseProblem } {
  if (LINE_USER_ID.test(word)) return { lineUserId: word };
  const number = CASE_NUMBER.exec(word);
  if (number) return { caseNumber: formatNumber('case', Number(number[1])) };
  if (word.includes('@')) return email.safeParse(word).success ? { email: word.toLowerCase() } : { problem: 'bad_email' };
  if (PHONE_LIKE.test(word)) {
    const phone = phoneOf(word);
    return phone ? { phone } : { problem: 'bad_phone' };
  }
  return { problem: 'no_customer' };
}

/**
 * The word as one phone number in E.164, read as the message reader reads phones in a customer's
 * words (core/understanding/fields/contacts.ts), and only if the number is the whole word: its
 * digits are all the phone's (`0812345678-99` is not `+66812345678`).
 */
function phoneOf(word: string): string | undefined {
  const phones = extractFields(word).phones ?? [];
  if (phones.length !== 1) return undefined;
  const phone = phones[0];
  const digits = word.replace(/\D/g, '');
  const written = word.startsWith('+') ? `+${digits}` : digits.startsWith('0') ? `+66${digits.slice(1)}` : undefined;
  return written === phone ? phone : undefined;
}

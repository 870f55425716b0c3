import type { Knex } from 'knex';

/**
 * The "case opened" text carried a yellow dot (🟡), which read as "not urgent" to a customer whose
 * case was critical. Orgs that still have the text as the demo seed wrote it get it without the
 * dot; an org that wrote its own keeps it.
 */
const KEY = 'case_created';
const CHANGES = [
  { language: 'th', from: 'ได้รับเรื่องของคุณแล้วค่ะ 🟡 หมายเลขเคส', to: 'ได้รับเรื่องของคุณแล้วค่ะ หมายเลขเคส' },
  { language: 'en', from: 'We have received your report 🟡 Your case number is', to: 'We have received your report. Your case number is' },
];

async function swap(knex: Knex, from: 'from' | 'to', to: 'from' | 'to'): Promise<void> {
  for (const c of CHANGES) {
    await knex('templates')
      .where({ key: KEY, language: c.language })
      .where('body', 'like', `${c[from]}%`)
      .update({ body: knex.raw('? || substr(body, char_length(?) + 1)', [c[to], c[from]]) });
  }
}

export const up = (knex: Knex) => swap(knex, 'from', 'to');
export const down = (knex: Knex) => swap(knex, 'to', 'from');

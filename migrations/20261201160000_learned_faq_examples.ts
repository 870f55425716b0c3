import type { Knex } from 'knex';

/**
 * `learned_examples` also learns FAQ entries: a message the bot handed over that a person answered
 * with a FAQ entry's answer becomes one more way of asking that entry (`class_kind` `faq`, `source`
 * `handover_faq`; docs/understanding.md, "Learning from staff").
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE learned_examples DROP CONSTRAINT learned_examples_class_kind;
    ALTER TABLE learned_examples ADD CONSTRAINT learned_examples_class_kind CHECK (class_kind IN ('case_type', 'service', 'faq'));
    ALTER TABLE learned_examples DROP CONSTRAINT learned_examples_source;
    ALTER TABLE learned_examples ADD CONSTRAINT learned_examples_source CHECK (source IN ('case_correction', 'handover_case', 'handover_booking', 'handover_faq'));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex('learned_examples').where({ class_kind: 'faq' }).delete();
  await knex.raw(`
    ALTER TABLE learned_examples DROP CONSTRAINT learned_examples_class_kind;
    ALTER TABLE learned_examples ADD CONSTRAINT learned_examples_class_kind CHECK (class_kind IN ('case_type', 'service'));
    ALTER TABLE learned_examples DROP CONSTRAINT learned_examples_source;
    ALTER TABLE learned_examples ADD CONSTRAINT learned_examples_source CHECK (source IN ('case_correction', 'handover_case', 'handover_booking'));
  `);
}

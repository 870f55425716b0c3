import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * A text of the answer to "where is my case?" (docs/understanding.md, item 207): under an open case's
 * status, when it is expected to be resolved, as the case's acknowledgement said ("ต้องรอกี่วันคะ" was
 * told its words were added to the case). The same words as the demo seed's. An org without it is
 * told the status alone.
 */
const TEMPLATES = [
  {
    key: 'case_status_eta',
    description: "Under the answer with an open case's status: when it is expected to be resolved, {{eta}}.",
    text: { th: 'คาดว่าจะแก้ไขเสร็จภายใน {{eta}} ค่ะ', en: 'Expected resolution: {{eta}}' },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}

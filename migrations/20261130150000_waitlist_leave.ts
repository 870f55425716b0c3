import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/**
 * A customer leaves a session's waitlist on their own (docs/bookings.md, "The waitlist"): from the
 * chat, the place's link or through staff. The status `left` is in the table already; these are
 * the texts the customer reads.
 */
const TEMPLATES = [
  {
    key: 'waitlist_left',
    description: 'A customer left the waitlist of a session: they are no longer in line.',
    text: {
      th: 'ออกจากคิวรอบ {{service}} วันที่ {{date}} เวลา {{time}} ให้แล้วค่ะ หากต้องการจองอีกครั้ง ทักเราได้เลยค่ะ',
      en: "You've left the waitlist for {{service}} on {{date}} at {{time}}. Message us any time to book again.",
    },
  },
  {
    key: 'waitlist_not_waiting',
    description: 'A customer asked to leave a waitlist they are no longer in (left already, declined, run out, or the session closed): nothing changed.',
    text: {
      th: 'คุณไม่ได้อยู่ในคิวรอบ {{service}} วันที่ {{date}} เวลา {{time}} แล้วค่ะ ไม่มีการเปลี่ยนแปลงใดๆ',
      en: "You're no longer on the waitlist for {{service}} on {{date}} at {{time}}: nothing changed.",
    },
  },
  { key: 'label_waitlist_leave', description: 'Quick reply: leave the waitlist of a session.', text: { th: 'ออกจากคิว', en: 'Leave the waitlist' } },
];

export async function up(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await addTemplateForExistingOrgs(knex, { ...t, presentKey: 'session_full' });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await removeTemplate(knex, t.key);
}

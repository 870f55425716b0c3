import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/**
 * A customer on a waitlist is told when the line changes without them (docs/bookings.md, "The
 * waitlist"): staff took them off it, or the session was cancelled (by an admin, or by a holiday
 * added to the business calendar).
 */
const TEMPLATES = [
  {
    key: 'waitlist_removed',
    description: 'Staff took a customer off the waitlist of a session (on their word): they are no longer in line.',
    text: {
      th: 'ทีมงานได้นำชื่อคุณออกจากคิวรอบ {{service}} วันที่ {{date}} เวลา {{time}} แล้วค่ะ หากต้องการจองอีกครั้ง ทักเราได้เลยค่ะ',
      en: 'Our team has taken you off the waitlist for {{service}} on {{date}} at {{time}}. Message us any time to book again.',
    },
  },
  {
    key: 'waitlist_closed',
    description: 'The session a customer waited for was cancelled by the business: its waitlist is closed.',
    text: {
      th: 'ขออภัยค่ะ รอบ {{service}} วันที่ {{date}} เวลา {{time}} ถูกยกเลิก คิวที่คุณรออยู่จึงปิดลงด้วย หากต้องการเลือกรอบอื่น ทักเราได้เลยค่ะ',
      en: 'Sorry, the {{service}} session on {{date}} at {{time}} has been cancelled, so the waitlist you were on is closed. Message us to choose another time.',
    },
  },
];

export async function up(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await addTemplateForExistingOrgs(knex, { ...t, presentKey: 'session_full' });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await removeTemplate(knex, t.key);
}

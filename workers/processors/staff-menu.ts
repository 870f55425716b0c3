import { syncStaffMenu, type StaffMenuSetup } from '../../bot/line/staff-rich-menu.ts';
import { STAFF_MENU_JOB, STAFF_MENU_QUEUE, type StaffMenuJob } from '../../core/staff/staff-menu.ts';
import type { ProcessorTable } from '../job-runner.ts';

/** The staff rich menu (bot/line/staff-rich-menu.ts): linked on enrolment and role changes, unlinked when someone leaves. */
export function staffMenuProcessors(deps: StaffMenuSetup): ProcessorTable {
  return {
    [STAFF_MENU_QUEUE]: {
      async [STAFF_MENU_JOB](raw, job) {
        const outcome = await syncStaffMenu(deps, raw as unknown as StaffMenuJob);
        if ('skipped' in outcome) job.logger.info({ reason: outcome.skipped }, 'staff rich menu not changed');
        return outcome;
      },
    },
  };
}

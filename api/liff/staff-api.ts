import { permissions, type Permission } from '../../core/access/roles.ts';
import * as c from '../../core/contracts/liff-staff.ts';
import { route } from '../route.ts';
import { LIFF_API_PREFIX } from './liff-api.ts';

/** What every staff app asks first: who is signed in, and what their role allows. */
export const liffStaffRoutes = [
  route({
    method: 'get',
    path: `${LIFF_API_PREFIX}/staff/me`,
    summary: 'The staff member the LIFF ID token names, with what their role allows (any staff role)',
    tag: 'liff-staff',
    access: { liffStaff: 'org.read' },
    response: c.staffMe,
    handle: async ({ staff }) => ({
      ...staff!,
      permissions: (Object.keys(permissions) as Permission[]).filter((p) => (permissions[p] as readonly string[]).includes(staff!.role)),
    }),
  }),
];

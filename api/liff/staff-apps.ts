import type { StaffAppMount } from '../route.ts';
import { LIFF_API_PREFIX } from './liff-api.ts';

/**
 * Where the staff apps' API lives (`/liff/settings`, `/liff/desk`). An operation the admin API
 * serves too is declared once beside the admin route (api/admin/*) and names its staff app path
 * with these; the operations only the apps have are in settings-api.ts and desk-api.ts.
 */
export const SETTINGS_API_PREFIX = `${LIFF_API_PREFIX}/settings`;
export const DESK_API_PREFIX = `${LIFF_API_PREFIX}/desk`;
export const DASHBOARD_API_PREFIX = `${LIFF_API_PREFIX}/dashboard`;

/** In the Settings app's API, under its own tag. */
export const inSettingsApp = (path: string, summary: string): StaffAppMount => ({ path: `${SETTINGS_API_PREFIX}${path}`, tag: 'liff-settings', summary });

/** On the staff desk's API, under the staff apps' tag. */
export const onDesk = (path: string, summary: string): StaffAppMount => ({ path: `${DESK_API_PREFIX}${path}`, tag: 'liff-staff', summary });

/** On the Dashboard app's API (`/liff/dashboard`), under the staff apps' tag. */
export const onDashboard = (path: string, summary: string): StaffAppMount => ({ path: `${DASHBOARD_API_PREFIX}${path}`, tag: 'liff-staff', summary });

import type { Route } from './route.ts';

/** The org's staff groups: what each is for and what is routed to it. */
export const staffGroupRoutes: Route[] = [];

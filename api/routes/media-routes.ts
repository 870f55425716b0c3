import type { Route } from './route.ts';

/** Files customers and staff send, served by signed links so that the other side's platform can fetch them. */
export const mediaRoutes: Route[] = [];

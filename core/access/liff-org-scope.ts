import type { Knex } from 'knex';

/**
 * Which orgs a LIFF sign-in may act for. A LIFF ID token is issued for one LINE Login channel (its
 * `aud`): an org with a Login channel of its own is served by that channel alone; the deployment's
 * channel (LINE_LOGIN_CHANNEL_ID) serves every org that has none, the default org among them. A
 * LINE user id is the same across the channels of one LINE provider, so one person may be staff
 * (or a customer) of several orgs served by the same channel: the page then names the one it acts
 * for (`X-Opsdesk-Org: <org slug>`, docs/tenants.md). Orgs being deleted serve no one.
 */
export interface LiffOrgScope {
  /** The Login channel the verified token was issued for. */
  loginChannelId: string;
  /** LINE_LOGIN_CHANNEL_ID: the channel of every org without one of its own. */
  deploymentLoginChannelId?: string;
  /** The org the page asks to act for (`X-Opsdesk-Org`), by slug. */
  orgSlug?: string;
}

/** Narrows a query that joins `orgs` as `alias` to the orgs this sign-in may act for. */
export function whereOrgServed(q: Knex.QueryBuilder, scope: LiffOrgScope, alias = 'o'): Knex.QueryBuilder {
  q.whereNot(`${alias}.status`, 'deleting').andWhere((w) => {
    w.where(`${alias}.line_login_channel_id`, scope.loginChannelId);
    if (scope.loginChannelId === scope.deploymentLoginChannelId) w.orWhereNull(`${alias}.line_login_channel_id`);
  });
  if (scope.orgSlug) q.where(`${alias}.slug`, scope.orgSlug);
  return q;
}

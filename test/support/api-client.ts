import { openCase, type OpenCaseInput, type OpenedCase } from '../../core/cases/open-case.ts';
import type { TestSystem } from './test-system.ts';
import { TEST_ADMIN_KEY } from './test-system.ts';

/** Calls the running system's REST API with a key (the bootstrap admin key by default). */
export function apiClient(sys: { url: string | undefined }) {
  return async (method: string, path: string, body?: unknown, key = TEST_ADMIN_KEY) => {
    const res = await fetch(sys.url + path, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined, requestId: res.headers.get('x-request-id') };
  };
}

/** A case of the org, opened as the API would, for tests and benchmarks that need one to act on. */
export function openTestCase(
  sys: Pick<TestSystem, 'knex' | 'defaultOrgId'>,
  caseTypeKey: string,
  fields: OpenCaseInput['fields'] = {},
  summary = caseTypeKey.replaceAll('_', ' '),
): Promise<OpenedCase> {
  return sys.knex.transaction((trx) =>
    openCase(trx, {
      orgId: sys.defaultOrgId,
      caseTypeKey,
      contactId: null,
      conversationId: null,
      sourceMessageId: null,
      source: 'api',
      summary,
      language: 'en',
      fields,
    }),
  );
}

/** A top-up case with an order and an amount. */
export function openTopUpCase(sys: Pick<TestSystem, 'knex' | 'defaultOrgId'>, orderId = 'ORD-' + Math.floor(Math.random() * 1e9)): Promise<OpenedCase> {
  return openTestCase(sys, 'topup_not_credited', { orderIds: [orderId], amount: 500, currency: 'THB' });
}

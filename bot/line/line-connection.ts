import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { LineConnectionCheck, LineProblem } from '../../core/contracts/channels.ts';

/**
 * Connecting a LINE channel in one step (docs/channels.md, "Connecting a LINE channel"): is the
 * token LINE's (`GET /v2/bot/info`), and, when this desk has a public https address, point the
 * channel's webhook at it (`PUT /v2/bot/channel/webhook/endpoint`) and have LINE send a test
 * webhook (`POST /v2/bot/channel/webhook/test`). The test webhook is signed with the channel's
 * secret, so our webhook answering 401 means the secret pasted here is not that channel's.
 * Each step says what failed in words an owner can act on; none waits longer than `timeoutMs`.
 */

/** LINE answers in well under a second; an owner waiting on a button should not wait 10 s (undici's connect timeout) to learn LINE is out of reach. */
export const LINE_CHECK_TIMEOUT_MS = 4000;

/** A failed call to LINE, sorted into what the owner can do about it. */
export interface LineFailure {
  problem: LineProblem;
  status: number | null;
  message: string;
}

class CheckTimeout extends Error {}

/** The call's answer, or a CheckTimeout once `ms` have passed (the SDK takes no abort signal). */
export function withinCheckTime<T>(p: Promise<T>, ms = LINE_CHECK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`LINE did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Node's fetch says only "fetch failed"; the reason is in its cause's code. */
export function lineFailure(err: unknown): LineFailure {
  if (err instanceof HTTPFetchError) {
    return { problem: err.status === 401 ? 'token_refused' : err.status >= 500 ? 'line_unreachable' : 'line_refused', status: err.status, message: lineMessage(err.body) };
  }
  if (err instanceof CheckTimeout) return { problem: 'line_timeout', status: null, message: err.message };
  const code = String((err as { cause?: { code?: unknown } })?.cause?.code ?? (err as { code?: unknown })?.code ?? '');
  const detail = err instanceof Error ? (code ? `${err.message} (${code})` : err.message) : String(err);
  // No name lookup: this machine has no network (or no DNS), LINE itself is not down.
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH') return { problem: 'no_network', status: null, message: detail };
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return { problem: 'line_timeout', status: null, message: detail };
  return { problem: 'line_unreachable', status: null, message: detail };
}

/** LINE's JSON error's `message` (with its details), or the body as it came. */
export function lineMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; details?: { message?: string; property?: string }[] };
    if (typeof parsed.message === 'string') {
      const details = (parsed.details ?? []).map((d) => `${d.property}: ${d.message}`).join('; ');
      return details ? `${parsed.message} (${details})` : parsed.message;
    }
  } catch {
    // not JSON: shown as LINE sent it
  }
  return body.slice(0, 500);
}

/** LINE calls only public https addresses: not http, not localhost, not a private or loopback IP. */
export function isPublicHttps(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:') return false;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return false;
  // An address rather than a name: only a public unicast one.
  if (/^[\d.]+$/.test(host) || host.includes(':')) return isPublicIp(host);
  return host.includes('.');
}

function isPublicIp(host: string): boolean {
  const parts = host.split('.').map(Number);
  if (parts.length === 4 && parts.every((n) => Number.isInteger(n) && n >= 0 && n < 256)) {
    const [a, b] = parts;
    return !(a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b < 128));
  }
  // IPv6: loopback, link-local and unique-local are not public.
  return !/^(::1?$|fe80:|fc|fd)/i.test(host);
}

export function lineClient(c: { channelAccessToken: string; apiBaseUrl: string }) {
  return new messagingApi.MessagingApiClient({ channelAccessToken: c.channelAccessToken, baseURL: c.apiBaseUrl });
}

export type TokenAnswer = { ok: true; botName: string; botUserId: string; basicId: string | null } | ({ ok: false } & LineFailure);

/** Step one: whose token is this? LINE's bot info, or why not. */
export async function checkLineToken(c: { channelAccessToken: string; apiBaseUrl: string; timeoutMs?: number }): Promise<TokenAnswer> {
  try {
    const info = await withinCheckTime(lineClient(c).getBotInfo(), c.timeoutMs ?? LINE_CHECK_TIMEOUT_MS);
    return { ok: true, botName: info.displayName, botUserId: info.userId, basicId: info.basicId ?? null };
  } catch (err) {
    return { ok: false, ...lineFailure(err) };
  }
}

/**
 * The whole check, after the token: the webhook set at LINE and tested (which checks the secret),
 * or, when this desk has no public https address, said so. `token` is step one's answer.
 */
export async function checkLineWebhook(c: {
  channelAccessToken: string;
  apiBaseUrl: string;
  webhookUrl: string;
  botName: string;
  timeoutMs?: number;
  now?: Date;
}): Promise<LineConnectionCheck> {
  const base = { botName: c.botName, webhookUrl: c.webhookUrl, checkedAt: (c.now ?? new Date()).toISOString() };
  if (!isPublicHttps(c.webhookUrl)) return { ...base, ok: false, token: 'accepted', webhook: 'not_public', secret: 'unchecked', status: null, message: '' };
  const client = lineClient(c);
  const ms = c.timeoutMs ?? LINE_CHECK_TIMEOUT_MS;
  try {
    await withinCheckTime(client.setWebhookEndpoint({ endpoint: c.webhookUrl }), ms);
  } catch (err) {
    const f = lineFailure(err);
    return { ...base, ok: false, token: 'accepted', webhook: 'not_set', secret: 'unchecked', problem: f.problem, status: f.status, message: f.message };
  }
  try {
    // LINE waits on our endpoint too: give it the time LINE gives us, and ours on top.
    const t = await withinCheckTime(client.testWebhookEndpoint({ endpoint: c.webhookUrl }), ms * 2);
    if (t.success) return { ...base, ok: true, token: 'accepted', webhook: 'working', secret: 'accepted', status: 200, message: '' };
    // Our webhook refuses exactly one thing with 401: a signature made with another secret.
    const wrongSecret = t.statusCode === 401;
    return { ...base, ok: false, token: 'accepted', webhook: wrongSecret ? 'set' : 'test_failed', secret: wrongSecret ? 'refused' : 'unchecked', status: t.statusCode, message: [t.reason, t.detail].filter(Boolean).join(': ') };
  } catch (err) {
    const f = lineFailure(err);
    return { ...base, ok: false, token: 'accepted', webhook: 'test_failed', secret: 'unchecked', problem: f.problem, status: f.status, message: f.message };
  }
}

/** Token (unless already asked: `token`), then webhook and secret: what the Settings app shows after Connect and Check again. */
export async function checkLineConnection(c: {
  channelAccessToken: string;
  apiBaseUrl: string;
  webhookUrl: string;
  token?: TokenAnswer;
  timeoutMs?: number;
  now?: Date;
}): Promise<LineConnectionCheck & { botUserId: string | null; basicId: string | null }> {
  const token = c.token ?? (await checkLineToken(c));
  if (!token.ok) {
    return { ok: false, token: token.problem === 'token_refused' ? 'refused' : 'unchecked', problem: token.problem, webhook: 'not_set', secret: 'unchecked', botName: null, webhookUrl: c.webhookUrl, status: token.status, message: token.message, checkedAt: (c.now ?? new Date()).toISOString(), botUserId: null, basicId: null };
  }
  return { ...(await checkLineWebhook({ ...c, botName: token.botName })), botUserId: token.botUserId, basicId: token.basicId };
}

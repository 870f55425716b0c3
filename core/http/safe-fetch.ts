import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Outbound HTTP to addresses that someone other than the operator chose: the org's webhook
 * receivers, LINE `external` media, Twilio media. It refuses to become a way into the server's own
 * network (server-side request forgery):
 *
 * - only public unicast addresses: loopback, private (RFC 1918), link-local (cloud metadata at
 *   169.254.169.254), unique-local, carrier-grade NAT, unspecified, multicast, reserved and the IPv6
 *   forms that embed an IPv4 address (6to4, Teredo, NAT64) are refused; an IPv4-mapped IPv6
 *   address is judged as the IPv4 address it maps;
 * - checked when connecting, on every address the name resolves to (the `lookup` hook of each
 *   connection), not only when the URL is registered: a name that later resolves elsewhere
 *   (DNS rebinding) is refused then;
 * - https only when the policy says so (production);
 * - a deadline for the whole exchange, and a cap on the bytes read (a `Content-Length` over the cap
 *   is refused before reading anything);
 * - redirects are not followed unless asked, and then by hand, each hop checked like the first,
 *   the `Authorization` header dropped when the origin changes;
 * - failures are `OutboundError`s with a generic `publicMessage`: what a stored log may show (never
 *   the raw connection error, which would make the delivery log a port scanner).
 *
 * `allowNetworks` lets named ranges through (CIDR): local development with a receiver on
 * 127.0.0.1, tests, or a business's own receiver inside its network (docs/security.md).
 */
export interface OutboundPolicy {
  /** Only https URLs (production). */
  requireHttps: boolean;
  /** CIDR ranges allowed although not public (`127.0.0.0/8`, `10.1.2.0/24`); empty by default. */
  allowNetworks: readonly string[];
  /** Name resolution; the system resolver unless given (tests inject a hosts-style table). */
  resolve?: (hostname: string) => Promise<{ address: string; family: number }[]>;
}

/** Public addresses only, http allowed: what applies when no policy is given. */
export const PUBLIC_ONLY: OutboundPolicy = Object.freeze({ requireHttps: false, allowNetworks: [] });

export type OutboundErrorKind = 'invalid_url' | 'https_required' | 'refused_address' | 'unreachable' | 'too_large' | 'too_many_redirects';

export class OutboundError extends Error {
  readonly kind: OutboundErrorKind;
  /** Safe to store and show: says what kind of failure, not what the network answered. */
  readonly publicMessage: string;
  constructor(kind: OutboundErrorKind, publicMessage: string, options?: { cause?: unknown }) {
    super(publicMessage, options);
    this.name = 'OutboundError';
    this.kind = kind;
    this.publicMessage = publicMessage;
  }
}

export const REFUSED_ADDRESS_MESSAGE = 'the address is not allowed (a private, loopback, link-local or reserved network)';

export interface SafeRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Deadline for the whole exchange, redirects included. */
  timeoutMs: number;
  /** Most bytes of body read; more is an OutboundError `too_large`. */
  maxBytes?: number;
  /** Redirects followed (by hand, each checked); 0: a 3xx is answered as it is. */
  maxRedirects?: number;
  /** false: only the status and headers are wanted; the body is not read. */
  readBody?: boolean;
}

export interface SafeResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Where the answer came from, after redirects. */
  url: string;
}

/** Whether an address may be connected to under the policy. */
export function isAllowedAddress(address: string, policy: Pick<OutboundPolicy, 'allowNetworks'>): boolean {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  } catch {
    return false;
  }
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  // ipaddr.js calls IPv4-compatible addresses (::/96, deprecated: `::127.0.0.1`) unicast; they carry
  // an IPv4 address inside, and a host may reach it through them.
  const ipv4Compatible = ip.kind() === 'ipv6' && ip.match(ipaddr.parse('::'), 96);
  if (ip.range() === 'unicast' && !ipv4Compatible) return true;
  for (const cidr of policy.allowNetworks) {
    const [range, bits] = parseCidr(cidr);
    if (range.kind() === ip.kind() && ip.match(range, bits)) return true;
  }
  return false;
}

function parseCidr(cidr: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  return cidr.includes('/') ? ipaddr.parseCIDR(cidr) : (() => {
    const ip = ipaddr.parse(cidr);
    return [ip, ip.kind() === 'ipv4' ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number];
  })();
}

/** Throws unless every entry is a CIDR range or an address (config validation). */
export function validateNetworks(list: readonly string[]): string | null {
  for (const cidr of list) {
    try {
      parseCidr(cidr);
    } catch {
      return `\`${cidr}\` is not a CIDR range (like 127.0.0.0/8 or 10.1.2.0/24)`;
    }
  }
  return null;
}

function parseUrl(raw: string, policy: OutboundPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError('invalid_url', 'the URL is not valid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundError('invalid_url', 'the URL must be http or https');
  if (url.username || url.password) throw new OutboundError('invalid_url', 'the URL must not carry a user name or password');
  if (policy.requireHttps && url.protocol !== 'https:') throw new OutboundError('https_required', 'the URL must be https');
  return url;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/**
 * What can be told of a URL without the network: well formed, http or https, https where the policy
 * wants it, no credentials, and a host that, when it is an address, is allowed. Null when nothing
 * refuses it yet (a host name is judged when connecting). Lets a caller that is about to queue a
 * fetch know that the fetch could only be refused, and record that instead (workers/processors/inbound.ts).
 */
export function urlRefusedOffline(raw: string, policy: OutboundPolicy): string | null {
  try {
    const host = hostOf(parseUrl(raw, policy));
    return isIP(host) && !isAllowedAddress(host, policy) ? REFUSED_ADDRESS_MESSAGE : null;
  } catch (err) {
    if (err instanceof OutboundError) return err.publicMessage;
    throw err;
  }
}

async function resolveAll(policy: OutboundPolicy, hostname: string): Promise<{ address: string; family: number }[]> {
  if (policy.resolve) return policy.resolve(hostname);
  return dnsLookup(hostname, { all: true, verbatim: true });
}

/**
 * The registration check: the URL is well formed, https where required, and its host (an address,
 * or every address its name resolves to now) is allowed. Null when fine, else why not. Connecting
 * checks again: this only spares the admin a webhook that could never be delivered.
 */
export async function outboundUrlProblem(raw: string, policy: OutboundPolicy): Promise<string | null> {
  const offline = urlRefusedOffline(raw, policy);
  if (offline) return offline;
  try {
    const url = parseUrl(raw, policy);
    const host = hostOf(url);
    if (isIP(host)) return null;
    let addresses: { address: string }[];
    try {
      addresses = await resolveAll(policy, host);
    } catch {
      return 'the host name does not resolve';
    }
    if (addresses.length === 0) return 'the host name does not resolve';
    return addresses.every((a) => isAllowedAddress(a.address, policy)) ? null : `the host name resolves to an address that is not allowed (a private, loopback, link-local or reserved network)`;
  } catch (err) {
    if (err instanceof OutboundError) return err.publicMessage;
    throw err;
  }
}

/** The connection-time check: every address of the name must be allowed, or none is used. */
function checkedLookup(policy: OutboundPolicy, refused: { hit: boolean }): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(policy, hostname).then(
      (found) => {
        const wanted = options.family ? found.filter((a) => a.family === options.family) : found;
        if (wanted.length === 0) {
          callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
          return;
        }
        if (!found.every((a) => isAllowedAddress(a.address, policy))) {
          refused.hit = true;
          callback(new OutboundError('refused_address', REFUSED_ADDRESS_MESSAGE), '', 0);
          return;
        }
        if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, wanted);
        else callback(null, wanted[0].address, wanted[0].family);
      },
      (err: Error) => callback(err as NodeJS.ErrnoException, '', 0),
    );
  };
}

/** One HTTP exchange under the policy (see the module comment). */
export async function safeFetch(rawUrl: string, req: SafeRequest, policy: OutboundPolicy): Promise<SafeResponse> {
  const deadline = AbortSignal.timeout(req.timeoutMs);
  const maxRedirects = req.maxRedirects ?? 0;
  let url = parseUrl(rawUrl, policy);
  const firstOrigin = url.origin;
  let method = (req.method ?? 'GET').toUpperCase();
  let body = req.body;
  let headers = { ...(req.headers ?? {}) };
  for (let hop = 0; ; hop++) {
    const res = await exchange(url, { method, headers, body, maxBytes: req.maxBytes, readBody: req.readBody !== false, timeoutMs: req.timeoutMs }, policy, deadline);
    const location = res.headers.location;
    if (res.status < 300 || res.status >= 400 || res.status === 304 || !location || maxRedirects === 0) return res;
    if (hop >= maxRedirects) throw new OutboundError('too_many_redirects', `more than ${maxRedirects} redirects`);
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw new OutboundError('invalid_url', 'a redirect pointed to an invalid URL');
    }
    url = parseUrl(next.toString(), policy);
    if (url.origin !== firstOrigin) {
      headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !['authorization', 'cookie'].includes(k.toLowerCase())));
    }
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
      headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !['content-type', 'content-length'].includes(k.toLowerCase())));
    }
  }
}

function exchange(
  url: URL,
  o: { method: string; headers: Record<string, string>; body: string | Buffer | undefined; maxBytes: number | undefined; readBody: boolean; timeoutMs: number },
  policy: OutboundPolicy,
  deadline: AbortSignal,
): Promise<SafeResponse> {
  const host = hostOf(url);
  if (isIP(host) && !isAllowedAddress(host, policy)) return Promise.reject(new OutboundError('refused_address', REFUSED_ADDRESS_MESSAGE));
  if (deadline.aborted) return Promise.reject(unreachable(o.timeoutMs));
  const refused = { hit: false };
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise<SafeResponse>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      request.destroy();
      if (err instanceof OutboundError) reject(err);
      else if (refused.hit) reject(new OutboundError('refused_address', REFUSED_ADDRESS_MESSAGE));
      else reject(unreachable(o.timeoutMs, err));
    };
    const request = lib.request(
      url,
      { method: o.method, headers: o.headers, lookup: checkedLookup(policy, refused), agent: false, signal: deadline },
      (res) => {
        const status = res.statusCode ?? 0;
        const base = { status, statusText: res.statusMessage ?? '', headers: res.headers, url: url.toString() };
        const declared = Number(res.headers['content-length']);
        if (o.maxBytes !== undefined && Number.isFinite(declared) && declared > o.maxBytes) {
          fail(new OutboundError('too_large', `the answer is larger than ${o.maxBytes} bytes`));
          res.destroy();
          return;
        }
        if (!o.readBody || (status >= 300 && status < 400)) {
          res.destroy();
          settled = true;
          resolve({ ...base, body: Buffer.alloc(0) });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (o.maxBytes !== undefined && size > o.maxBytes) {
            fail(new OutboundError('too_large', `the answer is larger than ${o.maxBytes} bytes`));
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          resolve({ ...base, body: Buffer.concat(chunks) });
        });
        res.on('error', fail);
        res.on('aborted', () => fail(new Error('aborted')));
      },
    );
    request.on('error', fail);
    if (o.body !== undefined) request.write(o.body);
    request.end();
  });
}

function unreachable(timeoutMs: number, cause?: unknown): OutboundError {
  // One message for refused, reset, unresolvable and timed out alike: the log must not tell them apart.
  return new OutboundError('unreachable', `no answer (could not connect, or nothing within ${Math.round(timeoutMs / 100) / 10} s)`, { cause });
}

import { checkIdempotencyKey } from '../../core/bookings/booking-form-checks.ts';
import { bookFromLine, bookingsOfCustomer } from '../../core/bookings/customer-bookings.ts';
import { payLinksOfCustomer } from '../../core/checkout/payment-queries.ts';
import { casesOfCustomer } from '../../core/cases/customer-cases.ts';
import { findLineCustomer } from '../../core/contacts/line-customers.ts';
import * as bookings from '../../core/contracts/bookings.ts';
import * as c from '../../core/contracts/liff.ts';
import { orgServing } from '../../core/orgs/tenants.ts';
import * as waitlist from '../../core/contracts/waitlist.ts';
import { joinFromLine } from '../../core/bookings/waitlist-doors.ts';
import { parseRequest, route } from '../route.ts';
import QRCode from 'qrcode';
import { myMemberCard, myPackagePurchase, myTopUpInput, topUp } from '../../core/contracts/members.ts';
import { readTypedAmount } from '../../core/contracts/typed-amount.ts';
import { notFound, validationFailed } from '../../core/errors/index.ts';
import { memberCard } from '../../core/members/member-card.ts';
import { memberOfContact, type Member } from '../../core/members/members.ts';
import { packagesOnSale } from '../../core/members/packages.ts';
import { buyPackageOnline, createTopUp } from '../../core/members/wallet-top-ups.ts';
import type { AppDeps } from '../deps.ts';
import type { LiffCaller } from './line-id-token.ts';

/** The member the verified LINE sign-in names; not a member: 404. */
async function signedInMember(deps: AppDeps, liff: LiffCaller): Promise<Member> {
  const customer = await findLineCustomer(deps.knex, liff.lineUserId, liff.scope);
  const member = customer ? await memberOfContact(deps.knex, customer.orgId, customer.contactId) : null;
  if (!member) throw notFound('Member', {});
  return member;
}

/** Baht as the member typed them, in satang: not an amount, or under Stripe's 20 baht, is a 422 naming `amount`. */
function topUpMinor(typed: string | number): number {
  const baht = typeof typed === 'number' ? typed : readTypedAmount(typed);
  if (baht === undefined || !Number.isFinite(baht)) throw validationFailed('The amount is not valid', [{ path: 'amount', message: 'Not an amount: write it like 1,500 or 1500.50', code: 'not_an_amount' }]);
  const minor = Math.round(baht * 100);
  if (minor < 2000 || minor > 1e10) throw validationFailed('The amount is not valid', [{ path: 'amount', message: 'At least 20 baht', code: 'too_small' }]);
  return minor;
}

/** Where the LIFF pages' API is served (DESIGN.md section 5). */
export const LIFF_API_PREFIX = '/liff-api/v1';

/**
 * The API the LIFF pages call (liff/). Every route knows its caller by a LIFF ID token that LINE
 * vouches for (`access: 'liff'`, api/liff/line-id-token.ts), never by an id the page sends: how,
 * in README.md beside this file.
 */
export const liffRoutes = [
  route({
    method: 'get',
    path: `${LIFF_API_PREFIX}/me/bookings-and-cases`,
    summary: "The signed-in LINE customer's own bookings and cases, newest first",
    tag: 'liff',
    access: 'liff',
    response: c.myBookingsAndCases,
    handle: async ({ deps, liff }) => {
      const customer = await findLineCustomer(deps.knex, liff!.lineUserId, liff!.scope);
      if (!customer) return { known: false, name: liff!.name, bookings: [], cases: [] };
      const who = { orgId: customer.orgId, contactId: customer.contactId };
      const [b, cs, pay] = await Promise.all([bookingsOfCustomer(deps.knex, who), casesOfCustomer(deps.knex, who), payLinksOfCustomer(deps.knex, who)]);
      return { known: true, name: customer.name ?? liff!.name, bookings: b.map((x) => ({ ...x, payUrl: pay.get(x.number) ?? null })), cases: cs };
    },
  }),

  route({
    method: 'get',
    path: `${LIFF_API_PREFIX}/me/card`,
    summary: "The signed-in LINE customer's member card: number with its QR code, tier, wallet, points, credits by package, usage (docs/members.md)",
    tag: 'liff',
    access: 'liff',
    response: myMemberCard,
    handle: async ({ deps, liff }) => {
      const customer = await findLineCustomer(deps.knex, liff!.lineUserId, liff!.scope);
      const member = customer ? await memberOfContact(deps.knex, customer.orgId, customer.contactId) : null;
      if (!member) return { known: Boolean(customer), card: null, qrSvg: null, offers: [] };
      // Drawn here, not in the page: the QR library stays off the phone (the card's budget is 50 KB).
      const qrSvg = await QRCode.toString(member.number, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { known: true, card: await memberCard(deps.knex, member), qrSvg, offers: await packagesOnSale(deps.knex, member.orgId) };
    },
  }),

  route({
    method: 'post',
    path: `${LIFF_API_PREFIX}/me/card/top-ups`,
    summary:
      "The signed-in member tops up their wallet: a Stripe Checkout link for the amount typed in baht (\"1,500\" is 1,500 baht, as a quote's amounts are read); paid, the wallet is credited once. Not an amount, zero, negative or under 20 baht: 422 naming `amount`, nothing asked of Stripe. Not a member: 404. Stripe unreachable: 503, nothing written",
    tag: 'liff',
    access: 'liff',
    body: myTopUpInput,
    response: topUp,
    status: 201,
    handle: async ({ deps, liff, body, ctx }) => {
      const amountMinor = topUpMinor(body.amount);
      return createTopUp(deps.knex, deps.stripe, { member: await signedInMember(deps, liff!), amountMinor, baseUrl: deps.publicBaseUrl ?? ctx.origin });
    },
  }),

  route({
    method: 'post',
    path: `${LIFF_API_PREFIX}/me/card/packages`,
    summary:
      "The signed-in member buys a package online: a Stripe Checkout link for its price as sold now; paid (once, however many events Stripe sends), the money goes to the wallet and buys the package from it. An amount paid that differs is held for staff, nothing bought; the package changed meanwhile: the money stays in the wallet. Not sold online: 409. Not a member: 404",
    tag: 'liff',
    access: 'liff',
    body: myPackagePurchase,
    response: topUp,
    status: 201,
    handle: async ({ deps, liff, body, ctx }) => buyPackageOnline(deps.knex, deps.stripe, { member: await signedInMember(deps, liff!), packageKey: body.packageKey, baseUrl: deps.publicBaseUrl ?? ctx.origin }),
  }),

  route({
    method: 'post',
    path: `${LIFF_API_PREFIX}/bookings`,
    summary:
      'A booking from the booking form inside LINE: tied to the signed-in LINE user, and the answer also sent to their LINE chat. `Idempotency-Key` as for POST /public/v1/bookings',
    tag: 'liff',
    access: 'liff',
    body: c.liffBookingRequest,
    response: bookings.publicBookingAnswer,
    status: 201,
    handle: async ({ ctx, deps, body, liff }) => {
      const idempotencyKey = checkIdempotencyKey(ctx.get('idempotency-key') || undefined);
      // The LINE user is the ID token's; a `line_id` the page sends is dropped, never trusted.
      const { line_id: _fromPage, ...fields } = body as Record<string, unknown>;
      const form = parseRequest(bookings.lineBookingForm, fields, 'body');
      const org = await orgServing(deps.knex, liff!.scope);
      const r = await bookFromLine(deps.knex, { lineUserId: liff!.lineUserId, displayName: liff!.name ?? undefined, idempotencyKey, form, ipAddress: ctx.ip || undefined, scope: liff!.scope, orgSlug: org?.slug });
      if (r.replayed) ctx.set('Idempotent-Replayed', 'true');
      return r.answer;
    },
  }),
  route({
    method: 'post',
    path: `${LIFF_API_PREFIX}/waitlist`,
    summary:
      "Join the waitlist of a full session from the booking form inside LINE: tied to the signed-in LINE user; the seat, when one frees, is offered in their LINE chat. Refusals as for POST /public/v1/sessions/{id}/waitlist",
    tag: 'liff',
    access: 'liff',
    body: waitlist.lineWaitlistJoin,
    response: waitlist.waitlistPlace,
    status: 201,
    handle: ({ deps, body, liff }) => joinFromLine(deps.knex, { lineUserId: liff!.lineUserId, displayName: liff!.name ?? undefined, form: body, scope: liff!.scope }),
  }),
];

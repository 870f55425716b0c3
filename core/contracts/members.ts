import { z } from 'zod';

/** Members, their packages, credits, wallet and points (core/members/, docs/members.md). */
const instant = z.iso.datetime({ offset: true });
const serviceKey = z.string().regex(/^[a-z][a-z0-9_.]*$/).max(64);
const minor = z.number().int().min(0).max(1e12);

export const memberNumber = z.string().regex(/^MEM-\d{4}-[0-9A-Z]{4}$/).meta({ description: 'MEM-YYYY-XXXX: the year joined and four random characters' });

export const memberEnrolment = z.object({ contactId: z.uuid() }).strict().meta({ id: 'MemberEnrolment' });

const packageFields = {
  key: z.string().regex(/^[a-z][a-z0-9_.-]*$/).max(64),
  nameTh: z.string().trim().min(1).max(120),
  nameEn: z.string().trim().min(1).max(120),
  credits: z.number().int().min(1).max(1000).meta({ description: 'Classes or visits the package gives' }),
  services: z.array(serviceKey).min(1).max(50).meta({ description: 'The services a credit of it pays for' }),
  priceMinor: minor.meta({ description: 'Price in minor units (satang)' }),
  currency: z.string().regex(/^[A-Z]{3}$/).default('THB'),
  validityDays: z.number().int().min(1).max(3660).meta({ description: 'Days from the sale the credits may be used' }),
};

export const packageInput = z.object(packageFields).strict().meta({ id: 'MemberPackageInput' });
export const packageChange = z
  .object({ ...packageFields, isActive: z.boolean() })
  .omit({ key: true, currency: true })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')
  .meta({ id: 'MemberPackageChange', description: 'Changes what is sold from now on; packages sold keep the terms they were sold on' });

export const memberPackage = z
  .object({ id: z.uuid(), ...packageFields, currency: z.string(), isActive: z.boolean(), version: z.number().int(), updatedAt: instant })
  .meta({ id: 'MemberPackage' });
export const memberPackageList = z.array(memberPackage).meta({ id: 'MemberPackageList' });

export const packageSaleInput = z
  .object({
    packageKey: z.string().max(64),
    paidWith: z.enum(['wallet', 'transfer', 'cash', 'free']).meta({ description: '`wallet`: taken from the member\'s wallet (409 `insufficient_balance` when it holds less); `transfer`/`cash`: received by staff; `free`: given' }),
  })
  .strict()
  .meta({ id: 'MemberPackageSaleInput' });

export const packageSale = z
  .object({
    id: z.uuid(),
    packageKey: z.string(),
    nameTh: z.string(),
    nameEn: z.string(),
    credits: z.number().int().meta({ description: 'Credits it was sold with' }),
    creditsLeft: z.number().int(),
    services: z.array(z.string()),
    priceMinor: z.number().int(),
    currency: z.string(),
    paidWith: z.string(),
    soldAt: instant,
    expiresAt: instant,
    status: z.enum(['active', 'expired', 'refunded']),
    refundedMinor: z.number().int(),
  })
  .meta({ id: 'MemberPackageSale' });

export const packageRefundInput = z
  .object({ reason: z.string().trim().min(1).max(500), to: z.enum(['wallet', 'transfer']).optional().meta({ description: 'Where the money goes back; by default the way it was paid (transfer for cash)' }) })
  .strict()
  .meta({ id: 'MemberPackageRefundInput' });
export const packageRefundPreview = z
  .object({
    saleId: z.uuid(),
    creditsLeft: z.number().int().meta({ description: 'Credits taken back' }),
    refundMinor: z.number().int().meta({ description: 'What is paid back: all that is still unearned of the price' }),
    currency: z.string(),
    pointsTakenBack: z.number().int().meta({ description: 'Points the refunded part earned, as far as the member still holds them' }),
    priceMinor: z.number().int(),
    credits: z.number().int(),
    paidWith: z.string(),
    to: z.enum(['wallet', 'transfer']).meta({ description: 'Where the money goes back unless told: the way it was paid (transfer for cash)' }),
  })
  .meta({ id: 'MemberPackageRefundPreview', description: "What the org's rule gives back if the package is refunded now (the refund computes the same figures)" });
export const packageRefund = z
  .object({ saleId: z.uuid(), creditsTakenBack: z.number().int(), refundedMinor: z.number().int(), currency: z.string(), to: z.string() })
  .meta({ id: 'MemberPackageRefund' });

export const adjustmentInput = z
  .object({
    target: z.enum(['credits', 'wallet', 'points']),
    saleId: z.uuid().optional().meta({ description: 'For credits: the package sold they belong to' }),
    amount: z.number().int().min(-1e12).max(1e12).refine((n) => n !== 0, 'is zero').meta({ description: 'Positive gives, negative takes back: credits, satang or points' }),
    reason: z.string().trim().min(1).max(500),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.target === 'credits') !== Boolean(b.saleId)) ctx.addIssue({ code: 'custom', path: ['saleId'], message: 'Credits name the package sold they belong to; wallet and points name none' });
  })
  .meta({ id: 'MemberAdjustmentInput' });
export const adjustment = z
  .object({
    id: z.uuid(),
    target: z.string(),
    saleId: z.uuid().nullable(),
    amount: z.number().int(),
    reason: z.string(),
    status: z.enum(['applied', 'awaiting_approval', 'rejected']),
    createdAt: instant,
    decisionReason: z.string().nullable().meta({ description: 'Why a manager refused it (null otherwise)' }),
  })
  .meta({ id: 'MemberAdjustment' });
export const adjustmentDecision = z
  .object({ approve: z.boolean(), reason: z.string().trim().min(1).max(500).optional().meta({ description: 'Why: required to refuse' }) })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.approve && !b.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'A refusal says why' });
  })
  .meta({ id: 'MemberAdjustmentDecision' });

const someone = z.object({ type: z.string(), id: z.string().nullable(), role: z.string().nullable(), name: z.string().nullable().meta({ description: "The staff member's or the API key's name" }) });
export const adjustmentRequest = adjustment
  .extend({
    member: z.object({ id: z.uuid(), number: z.string(), name: z.string().nullable() }),
    package: z.object({ nameTh: z.string(), nameEn: z.string() }).nullable().meta({ description: 'For credits: the package sold they belong to' }),
    requestedBy: someone,
    decidedBy: someone.nullable(),
    decidedAt: instant.nullable(),
  })
  .meta({ id: 'MemberAdjustmentRequest' });
export const adjustmentRequestList = z.array(adjustmentRequest).meta({ id: 'MemberAdjustmentRequestList' });
export const adjustmentRequestQuery = z
  .object({
    status: z.enum(['awaiting_approval', 'applied', 'rejected']).optional().meta({ description: 'Only these; all unless given' }),
    mine: z.enum(['true', 'false']).optional().meta({ description: "`true`: only those the caller asked for (always so for a caller who may not approve)" }),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict();

/** A top-up from the member card: the amount as typed, in baht ("1,500", "฿1,500", "1500.50"), read as a quote's amounts are (core/contracts/typed-amount.ts). */
export const myTopUpInput = z.object({ amount: z.union([z.string().max(40), z.number()]).meta({ description: 'Baht as typed: "1,500", "฿1,500.50" or a number; at least 20' }) }).strict().meta({ id: 'MyTopUpInput' });
export const myPackagePurchase = z.object({ packageKey: z.string().max(64) }).strict().meta({ id: 'MyPackagePurchase' });

export const topUpInput = z.object({ amountMinor: z.number().int().min(2000).max(1e10).meta({ description: 'Satang; at least 20 baht (Stripe\'s smallest THB charge)' }) }).strict().meta({ id: 'MemberTopUpInput' });
export const topUp = z.object({ id: z.uuid(), amountMinor: z.number().int(), currency: z.string(), url: z.string(), status: z.enum(['pending', 'paid', 'flagged']) }).meta({ id: 'MemberTopUp' });

const movement = z.object({ kind: z.string(), at: instant, amount: z.number().int(), memo: z.string().nullable() });

export const memberCard = z
  .object({
    id: z.uuid(),
    number: memberNumber,
    contactId: z.uuid(),
    name: z.string().nullable(),
    joinedAt: instant,
    tier: z.object({ key: z.string(), nameTh: z.string(), nameEn: z.string() }).nullable(),
    pointsEarned: z.number().int().meta({ description: "Points earned that the tier is measured by: in all, or in the org's last `tierWindowMonths` when set" }),
    nextTier: z.object({ key: z.string(), nameTh: z.string(), nameEn: z.string(), pointsToGo: z.number().int() }).nullable(),
    wallet: z.object({ balanceMinor: z.number().int(), currency: z.string() }),
    points: z.number().int(),
    packages: z.array(packageSale),
    usage: z.array(
      z.object({
        bookingNumber: z.string(),
        service: z.object({ th: z.string().nullable(), en: z.string().nullable() }),
        paidWith: z.enum(['credits', 'wallet']),
        credits: z.number().int(),
        amountMinor: z.number().int(),
        at: instant,
        bookedFor: instant.nullable().meta({ description: 'When the class or service takes place (its session or time slot); null for a booking without one' }),
        returned: z.boolean(),
      }),
    ),
    walletMovements: z.array(movement),
    pointMovements: z.array(movement),
  })
  .meta({ id: 'MemberCard' });
export type MemberCard = z.infer<typeof memberCard>;

export const memberSummary = z
  .object({ id: z.uuid(), number: memberNumber, contactId: z.uuid(), name: z.string().nullable(), joinedAt: instant })
  .meta({ id: 'MemberSummary' });
export const memberList = z.array(memberSummary).meta({ id: 'MemberList' });

/** The member card page (`GET /liff-api/v1/me/card`): the signed-in LINE customer's own card, with its QR code drawn on the server. */
/** A package as the member card offers it: what the member gets for its price. */
export const packageOffer = z
  .object({
    key: z.string(),
    nameTh: z.string(),
    nameEn: z.string(),
    credits: z.number().int(),
    services: z.array(z.object({ th: z.string(), en: z.string() })).meta({ description: 'The services a credit pays for, by name' }),
    priceMinor: z.number().int(),
    currency: z.string(),
    validityDays: z.number().int(),
  })
  .meta({ id: 'MemberPackageOffer' });

export const myMemberCard = z
  .object({
    known: z.boolean().meta({ description: 'false: the LINE user is not a customer of the business yet' }),
    card: memberCard.nullable().meta({ description: 'null: the customer is not a member' }),
    qrSvg: z.string().nullable().meta({ description: 'The member number as a QR code, an SVG image staff scan' }),
    offers: z.array(packageOffer).meta({ description: 'The packages a member may buy online (empty for someone who is not a member)' }),
  })
  .meta({ id: 'MyMemberCard' });

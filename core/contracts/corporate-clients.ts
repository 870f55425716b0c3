import { z } from 'zod';

/** Corporate clients and their seats (core/members/corporate-clients.ts, docs/members.md). */
const instant = z.iso.datetime({ offset: true });

const clientFields = {
  name: z.string().trim().min(1).max(120),
  contactName: z.string().trim().min(1).max(120).nullable().optional().meta({ description: "The client's contact person" }),
  contactEmail: z.email().max(200).nullable().optional(),
  seats: z.number().int().min(1).max(100_000).meta({ description: 'People who may join' }),
  packageKey: z.string().max(64).nullable().optional().meta({ description: 'The package each seat carries, given to the person who takes it (the client pays the business for the seats)' }),
  validFrom: instant.optional().meta({ description: 'From when its people may join (now unless given)' }),
  validUntil: instant.meta({ description: 'Until when its people may join' }),
};

export const corporateClientInput = z
  .object({ ...clientFields, codePrefix: z.string().regex(/^[A-Za-z0-9]{1,8}$/).optional().meta({ description: 'The code begins with it (else the Latin letters of the name, else CORP); four random characters follow' }) })
  .strict()
  .meta({ id: 'CorporateClientInput' });

export const corporateClientChange = z
  .object({ ...clientFields, status: z.enum(['active', 'suspended']) })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')
  .meta({ id: 'CorporateClientChange', description: 'Seats may not go below the seats taken; a suspended client takes no one new (its seats stay)' });

export const corporateClient = z
  .object({
    id: z.uuid(),
    code: z.string().meta({ description: 'What its people type in the chat to join, e.g. ACME-7F3K' }),
    name: z.string(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    seats: z.number().int(),
    seatsTaken: z.number().int(),
    packageKey: z.string().nullable(),
    validFrom: instant,
    validUntil: instant,
    status: z.enum(['active', 'suspended']),
    joinText: z.object({ th: z.string(), en: z.string() }).meta({ description: 'What a person sends the business in the chat to join' }),
    joinLink: z
      .object({ th: z.url(), en: z.url() })
      .nullable()
      .meta({ description: "LINE's link (`https://line.me/R/oaMessage/<basic id>/?<join text>`) that opens a chat with the business's LINE account with the join text typed in; null while no LINE channel's basic id is known (see joinLinkMissing)" }),
    joinLinkMissing: z
      .enum(['no_line_channel', 'basic_id_unknown'])
      .nullable()
      .meta({ description: 'Why there is no join link: the business has no active LINE channel, or none was checked with LINE since it was connected (POST /api/v1/channels/:id/check teaches it its basic id)' }),
    usageLink: z
      .object({ url: z.url(), madeAt: instant, worksUntil: instant.meta({ description: '30 days after the client ends, unless revoked before' }) })
      .nullable()
      .meta({ description: "The contact person's link to the seats' usage (no sign-in); null: none, or revoked" }),
    createdAt: instant,
  })
  .meta({ id: 'CorporateClient' });
export const corporateClientList = z.array(corporateClient).meta({ id: 'CorporateClientList' });

export const corporateSeat = z
  .object({
    id: z.uuid(),
    memberId: z.uuid(),
    memberNumber: z.string(),
    name: z.string().nullable(),
    takenAt: instant,
    releasedAt: instant.nullable(),
    releasedReason: z.string().nullable(),
    package: z
      .object({ saleId: z.uuid(), credits: z.number().int(), creditsUsed: z.number().int(), creditsLeft: z.number().int(), expiresAt: instant, status: z.string() })
      .nullable()
      .meta({ description: "The seat's package: credits it came with, used (bookings not given back) and left" }),
    bookingsPaid: z.number().int().meta({ description: "The member's bookings paid with credits or the wallet, not given back" }),
  })
  .meta({ id: 'CorporateSeat' });
export const corporateSeatUsage = z.object({ client: corporateClient, seats: z.array(corporateSeat) }).meta({ id: 'CorporateSeatUsage' });

export const corporateJoinInput = z.object({ code: z.string().min(1).max(40), contactId: z.uuid() }).strict().meta({ id: 'CorporateJoinInput' });
export const corporateJoin = z
  .object({ joined: z.boolean().meta({ description: 'false: the person held a seat of this client already (the same seat)' }), clientId: z.uuid(), memberId: z.uuid(), memberNumber: z.string(), seatId: z.uuid(), saleId: z.uuid().nullable() })
  .meta({ id: 'CorporateJoin' });

export const seatRelease = z.object({ reason: z.string().trim().min(1).max(500) }).strict().meta({ id: 'CorporateSeatRelease' });
export const seatReleased = z.object({ seatId: z.uuid(), creditsTakenBack: z.number().int() }).meta({ id: 'CorporateSeatReleased' });

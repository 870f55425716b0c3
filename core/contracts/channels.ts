import { z } from 'zod';

/** Channels as the admin API shows and accepts them. Credentials go in, never come out. */
const lineCredentials = z.object({ channelSecret: z.string().min(8), channelAccessToken: z.string().min(8) }).strict();
const lineChannelFields = { name: z.string().trim().min(1).max(100), credentials: lineCredentials };

/** A LINE channel as the Settings app connects it: the name, and the secret and token pasted from the LINE Developers console. */
export const lineChannelCreate = z.object(lineChannelFields).strict().meta({ id: 'LineChannelCreate' });

/** An e-mail channel: the org's SMTP server and mailbox (user and password stored sealed), its sender, and where replies come back. */
export const emailChannelFields = {
  name: z.string().trim().min(1).max(100),
  smtp: z
    .object({
      host: z.string().trim().min(1).max(253),
      port: z.number().int().min(1).max(65535),
      secure: z.boolean().default(false).meta({ description: 'TLS from the first byte (usually port 465); false: STARTTLS when the server offers it (587, 25)' }),
    })
    .strict(),
  from: z.object({ address: z.email(), name: z.string().trim().min(1).max(100) }).strict().meta({ description: "The business's own address the customers see" }),
  inboundAddress: z.email().meta({ description: "The address the org forwards customers' replies to; replies are addressed reply+<token>@ its domain" }),
  credentials: z.object({ user: z.string().min(1).max(320), password: z.string().min(1).max(1000) }).strict(),
};

const twilioCredentials = z.object({ accountSid: z.string().regex(/^AC[0-9a-f]{32}$/i), authToken: z.string().min(8) }).strict();

/** The org's e-mail as the Settings app connects it. */
export const emailChannelCreate = z.object(emailChannelFields).strict().meta({ id: 'EmailChannelCreate' });

export const channelCreate = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('line'), ...lineChannelFields }).strict(),
    z
      .object({
        kind: z.literal('whatsapp'),
        name: z.string().trim().min(1).max(100),
        sender: z.string().regex(/^whatsapp:\+[1-9]\d{6,14}$/, 'must look like whatsapp:+66812345678'),
        credentials: twilioCredentials,
      })
      .strict(),
    z.object({ kind: z.literal('email'), ...emailChannelFields }).strict(),
    z
      .object({
        kind: z.literal('sms'),
        name: z.string().trim().min(1).max(100),
        sender: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be a Twilio phone number in E.164, like +66812345678').meta({ description: 'The Twilio number the SMS are sent from and answered to' }),
        credentials: twilioCredentials,
      })
      .strict(),
  ])
  .meta({ id: 'ChannelCreate' });

export const lineProblem = z
  .enum(['no_network', 'line_unreachable', 'line_timeout', 'token_refused', 'line_refused'])
  .meta({
    id: 'LineProblem',
    description:
      'Why a call to LINE failed: no_network (this server cannot look up or reach the internet), line_unreachable (no answer from LINE, or LINE failing), line_timeout (LINE did not answer in time), token_refused (LINE does not know the access token: 401), line_refused (LINE refused the request; see message)',
  });

export const lineConnectionCheck = z
  .object({
    ok: z.boolean().meta({ description: 'Token accepted, webhook set at LINE, and LINE\'s test webhook passed our signature check' }),
    token: z.enum(['accepted', 'refused', 'unchecked']).meta({ description: 'GET /v2/bot/info with the token; unchecked: LINE could not be asked (see problem)' }),
    webhook: z
      .enum(['working', 'set', 'not_public', 'not_set', 'test_failed'])
      .meta({ description: "working: set at LINE and LINE's test webhook answered 200; set: set, but the test webhook was refused (see secret); not_public: this desk's address is not public https, so LINE cannot call it (set PUBLIC_BASE_URL); not_set: LINE refused the URL or was not reached; test_failed: LINE could not deliver its test webhook" }),
    secret: z.enum(['accepted', 'refused', 'unchecked']).meta({ description: "Checked by LINE's test webhook, signed with the channel's secret; unchecked until LINE can reach the webhook" }),
    problem: lineProblem.optional(),
    botName: z.string().nullable(),
    webhookUrl: z.string(),
    status: z.number().int().nullable().meta({ description: "LINE's HTTP status (or the webhook's, in LINE's test) for the step that failed" }),
    message: z.string().meta({ description: "LINE's words for the step that failed" }),
    checkedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'LineConnectionCheck' });

export const channelTestResult = z
  .object({
    ok: z.boolean().meta({ description: 'LINE accepted the token and delivered the message' }),
    status: z.number().int().nullable().meta({ description: "LINE's HTTP status; null when LINE could not be reached" }),
    message: z.string().meta({ description: "LINE's answer, as LINE worded it, when it refused" }),
    problem: lineProblem.optional(),
    botName: z.string().nullable().meta({ description: "The account's name as LINE knows it, when the token was accepted" }),
    testedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'ChannelTestResult' });

export const channel = z
  .object({
    id: z.uuid(),
    kind: z.enum(['line', 'whatsapp', 'email', 'sms']),
    name: z.string(),
    externalId: z.string().nullable(),
    isActive: z.boolean(),
    origin: z.string().nullable(),
    webhookUrl: z.string().meta({ description: 'Where to point the platform webhook for this channel' }),
    lastTest: channelTestResult
      .nullable()
      .optional()
      .meta({ description: 'The last test message (POST /api/v1/channels/:id/test-message): whether LINE took it. null: never tested since its credentials were set' }),
    connection: lineConnectionCheck
      .nullable()
      .optional()
      .meta({ description: 'The last connection check (POST /api/v1/channels/:id/check): token, webhook and secret. null: never checked since its credentials were set' }),
    email: z
      .object({
        host: z.string(),
        port: z.number().int(),
        secure: z.boolean(),
        user: z.string(),
        fromAddress: z.string(),
        fromName: z.string(),
        inboundAddress: z.string(),
      })
      .optional()
      .meta({ description: 'An e-mail channel: its SMTP server, mailbox user, sender and inbound address (never the password)' }),
  })
  .meta({ id: 'Channel' });

export const channelList = z.array(channel).meta({ id: 'ChannelList' });

export const linePushUsage = z
  .array(z.object({ month: z.string().meta({ example: '2026-11' }), pushedMessages: z.number().int(), pushRequests: z.number().int() }))
  .meta({ id: 'LinePushUsage' });

export const contactMerge = z
  .object({ mergeContactId: z.uuid().meta({ description: 'This contact is folded into the one in the path, then removed' }) })
  .strict()
  .meta({ id: 'ContactMerge' });

export const contactMergeResult = z
  .object({
    mergeId: z.uuid().meta({ description: 'The merge on the contact timeline; an admin undoes it with POST /api/v1/contacts/:contactId/merges/:mergeId/undo' }),
    identities: z.number().int(),
    conversations: z.number().int(),
    cases: z.number().int(),
    bookings: z.number().int(),
  })
  .meta({ id: 'ContactMergeResult' });

export const lineUserId = z.string().regex(/^U[0-9a-f]{32}$/, 'must be a LINE user id: U and 32 hexadecimal digits');

export const channelTestMessage = z
  .object({ to: lineUserId.meta({ description: "Who gets the test message: a LINE user who has added the channel's account as a friend (e.g. the admin)" }) })
  .strict()
  .meta({ id: 'ChannelTestMessage' });

/** An e-mail channel's mailbox, edited: the password left out keeps the one stored (it is never shown back). */
const smtpCredentialsEdit = z
  .object({ user: z.string().min(1).max(320), password: z.string().min(1).max(1000).optional().meta({ description: 'Left out: the stored password is kept' }) })
  .strict();

export const channelUpdate = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    credentials: z.union([lineCredentials, smtpCredentialsEdit]).optional(),
    isActive: z.boolean().optional(),
    smtp: emailChannelFields.smtp.optional(),
    from: emailChannelFields.from.optional(),
    inboundAddress: emailChannelFields.inboundAddress.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')
  .meta({
    id: 'ChannelUpdate',
    description:
      "Any channel: a new name, or switched off and on; a LINE channel: a new token and secret too (its last test is then forgotten); an e-mail channel: its SMTP server, mailbox user and password, sender and inbound address. A change to the server or mailbox is tried first (connect and log in): refused, it is a 422 saying why, and nothing changes",
  });

export type ChannelTestResult = z.infer<typeof channelTestResult>;
export type LineConnectionCheck = z.infer<typeof lineConnectionCheck>;
export type LineProblem = z.infer<typeof lineProblem>;

/** Where the test e-mail of an e-mail channel goes (e.g. the admin's own address). */
export const channelTestEmail = z.object({ to: z.email() }).strict().meta({ id: 'ChannelTestEmail' });

import { z } from 'zod';
import { DomainError } from '../../core/errors/index.ts';
import { idProblem, jsonValueProblem, LIMITS, timeProblem } from '../../core/inbound/event-checks.ts';
import type { InboundEvent, InboundMedia, InboundMessage, InboundSource } from '../inbound-event.ts';

/**
 * LINE Messaging API webhooks (https://developers.line.biz/en/reference/messaging-api/#webhook-event-objects,
 * line/line-openapi webhook.yml). Two steps on purpose: the envelope is checked just enough to store
 * each event raw (keyed by webhookEventId), and each stored event is mapped later by `toInboundEvent`,
 * which validates its type's fields. An event type we do not know is stored and mapped to `unknown`,
 * never rejected: LINE adds types without notice.
 */

const issuesOf = (error: z.ZodError, prefix: string[] = []) =>
  error.issues.map((i) => ({ path: [...prefix, ...i.path.map(String)].join('.'), message: i.message }));
const describe = (error: z.ZodError, prefix: string[] = []) =>
  issuesOf(error, prefix)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');

// ---------------------------------------------------------------------------------------------
// Envelope

/**
 * Only what storing needs. webhookEventId (the idempotency key) is optional here so that one odd
 * event cannot get a whole batch refused; the caller picks a fallback id, and `toInboundEvent`
 * reports such an event as malformed.
 */
const rawEventSchema = z.looseObject({
  type: z.string().min(1),
  timestamp: z.number(),
  webhookEventId: z.string().min(1).optional(),
  mode: z.string().optional(),
});

/** One event as received; every field LINE sent is kept. */
export type LineRawEvent = z.infer<typeof rawEventSchema>;

/** `events` may be empty: LINE sends `{ destination, events: [] }` to verify the webhook URL. */
export const lineEnvelopeSchema = z.looseObject({
  destination: z.string(),
  events: z.array(rawEventSchema),
});

/** Throws `validation_failed` (422) for JSON that is not a LINE webhook envelope. */
export function parseLineEnvelope(json: unknown): { destination: string; events: LineRawEvent[] } {
  const parsed = lineEnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    throw new DomainError('validation_failed', `Not a LINE webhook envelope: ${describe(parsed.error)}`, issuesOf(parsed.error));
  }
  return { destination: parsed.data.destination, events: parsed.data.events };
}

// ---------------------------------------------------------------------------------------------
// Events

/** A stored LINE event of a known type whose fields are not what LINE documents. */
export class MalformedEventError extends DomainError {
  readonly platformType: string;
  readonly reason: string;
  constructor(platformType: string, reason: string, issues?: { path: string; message: string }[]) {
    super('validation_failed', `Malformed LINE ${platformType} event: ${reason}`, issues);
    this.name = 'MalformedEventError';
    this.platformType = platformType;
    this.reason = reason;
  }
}

/** `at` places the issues inside the event when `value` is a part of it (the message). */
function parseAs<S extends z.ZodType>(schema: S, value: unknown, platformType: string, at: string[] = []): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new MalformedEventError(platformType, describe(parsed.error, at), issuesOf(parsed.error, at));
  return parsed.data;
}

const sourceSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('user'), userId: z.string().optional() }),
  z.looseObject({ type: z.literal('group'), groupId: z.string().min(1), userId: z.string().optional() }),
  z.looseObject({ type: z.literal('room'), roomId: z.string().min(1), userId: z.string().optional() }),
]);
type LineSource = z.infer<typeof sourceSchema>;

const baseSchema = z.looseObject({
  type: z.string().min(1),
  timestamp: z.number(),
  webhookEventId: z.string().min(1),
  mode: z.enum(['active', 'standby']).optional(),
  deliveryContext: z.looseObject({ isRedelivery: z.boolean() }).optional(),
  replyToken: z.string().optional(),
  // Checked per type below: optional in LINE's schema, and an unknown type may carry a new kind.
  source: z.unknown().optional(),
});

const withSource = { source: sourceSchema };
const membersSchema = z.looseObject({ members: z.array(z.looseObject({ type: z.string(), userId: z.string().min(1) })) });

/** The fields each known type must carry; a type not listed here is mapped to `unknown` unchecked. */
const eventSchemas = {
  message: z.looseObject({ ...withSource, message: z.looseObject({ id: z.string().min(1), type: z.string().min(1) }) }),
  // `follow` is absent on events older than the isUnblocked field.
  follow: z.looseObject({ ...withSource, follow: z.looseObject({ isUnblocked: z.boolean() }).optional() }),
  unfollow: z.looseObject(withSource),
  join: z.looseObject(withSource),
  leave: z.looseObject(withSource),
  memberJoined: z.looseObject({ ...withSource, joined: membersSchema }),
  memberLeft: z.looseObject({ ...withSource, left: membersSchema }),
  postback: z.looseObject({
    ...withSource,
    postback: z.looseObject({ data: z.string(), params: z.record(z.string(), z.string()).optional() }),
  }),
  unsend: z.looseObject({ ...withSource, unsend: z.looseObject({ messageId: z.string().min(1) }) }),
  // Known but not routed: validated so a broken one is reported, then mapped to `unknown`.
  videoPlayComplete: z.looseObject({ videoPlayComplete: z.looseObject({ trackingId: z.string() }) }),
  beacon: z.looseObject({ beacon: z.looseObject({ hwid: z.string(), type: z.string(), dm: z.string().optional() }) }),
  accountLink: z.looseObject({ link: z.looseObject({ result: z.string(), nonce: z.string() }) }),
  things: z.looseObject({ things: z.looseObject({ type: z.string() }) }),
  membership: z.looseObject({ membership: z.looseObject({ type: z.string() }) }),
} as const;
type KnownLineType = keyof typeof eventSchemas;
const isKnown = (type: string): type is KnownLineType => Object.hasOwn(eventSchemas, type);

const contentProviderSchema = z
  .looseObject({ type: z.string(), originalContentUrl: z.string().optional(), previewImageUrl: z.string().optional() })
  .refine((cp) => cp.type === 'line' || Boolean(cp.originalContentUrl), {
    message: 'a contentProvider that is not `line` needs originalContentUrl',
    path: ['originalContentUrl'],
  });

const messageBase = {
  id: z.string().min(1),
  quoteToken: z.string().optional(),
  quotedMessageId: z.string().optional(),
};
const mentioneeSchema = z.looseObject({
  type: z.string(),
  index: z.number(),
  length: z.number(),
  userId: z.string().optional(),
  isSelf: z.boolean().optional(),
});

const messageSchemas = {
  text: z.looseObject({
    ...messageBase,
    text: z.string(),
    mention: z.looseObject({ mentionees: z.array(mentioneeSchema) }).optional(),
  }),
  image: z.looseObject({ ...messageBase, contentProvider: contentProviderSchema }),
  video: z.looseObject({ ...messageBase, contentProvider: contentProviderSchema, duration: z.number().optional() }),
  audio: z.looseObject({ ...messageBase, contentProvider: contentProviderSchema, duration: z.number().optional() }),
  file: z.looseObject({ ...messageBase, fileName: z.string(), fileSize: z.number() }),
  location: z.looseObject({
    ...messageBase,
    title: z.string().optional(),
    address: z.string().optional(),
    latitude: z.number(),
    longitude: z.number(),
  }),
  sticker: z.looseObject({
    ...messageBase,
    packageId: z.string(),
    stickerId: z.string(),
    keywords: z.array(z.string()).optional(),
    // Only on message stickers: the text the user typed onto it.
    text: z.string().optional(),
  }),
} as const;

function toSource(source: LineSource): InboundSource {
  switch (source.type) {
    case 'user':
      return { kind: 'user', ...(source.userId ? { userId: source.userId } : {}) };
    case 'group':
      return { kind: 'group', chatId: source.groupId, ...(source.userId ? { userId: source.userId } : {}) };
    case 'room':
      return { kind: 'room', chatId: source.roomId, ...(source.userId ? { userId: source.userId } : {}) };
  }
}

function toMedia(cp: z.infer<typeof contentProviderSchema>, extra: Partial<InboundMedia> = {}): InboundMedia[] {
  // `line`: the bytes sit behind the content API (by message id); otherwise LINE only passes a URL on.
  const base: InboundMedia = cp.type === 'line' ? { from: 'platform' } : { from: 'url', url: cp.originalContentUrl };
  return [{ ...base, ...extra }];
}

function toMessage(raw: { id: string; type: string }, botUserId: string | undefined): InboundMessage {
  const quote = (m: { quoteToken?: string; quotedMessageId?: string }) => ({
    ...(m.quoteToken ? { quoteToken: m.quoteToken } : {}),
    ...(m.quotedMessageId ? { quotedMessageId: m.quotedMessageId } : {}),
  });
  switch (raw.type) {
    case 'text': {
      const m = parseAs(messageSchemas.text, raw, 'message', ['message']);
      const mentionees = m.mention?.mentionees ?? [];
      const users = mentionees.filter((x) => x.type === 'user');
      const mentionedUserIds = users.map((x) => x.userId).filter((id): id is string => Boolean(id));
      // `@All` counts: the bot is one of "all", and a group asking everyone should reach it.
      const mentionsBot =
        mentionees.some((x) => x.type === 'all') ||
        users.some((x) => x.isSelf === true || (botUserId !== undefined && x.userId === botUserId));
      return {
        id: m.id,
        kind: 'text',
        text: m.text,
        mentionsBot,
        ...(mentionedUserIds.length ? { mentionedUserIds } : {}),
        ...quote(m),
      };
    }
    case 'image': {
      const m = parseAs(messageSchemas.image, raw, 'message', ['message']);
      return { id: m.id, kind: 'image', media: toMedia(m.contentProvider), ...quote(m) };
    }
    case 'video':
    case 'audio': {
      const m = parseAs(messageSchemas[raw.type], raw, 'message', ['message']);
      const extra = m.duration !== undefined ? { durationMs: m.duration } : {};
      return { id: m.id, kind: raw.type, media: toMedia(m.contentProvider, extra), ...quote(m) };
    }
    case 'file': {
      const m = parseAs(messageSchemas.file, raw, 'message', ['message']);
      return { id: m.id, kind: 'file', media: [{ from: 'platform', fileName: m.fileName, fileSize: m.fileSize }], ...quote(m) };
    }
    case 'location': {
      const m = parseAs(messageSchemas.location, raw, 'message', ['message']);
      const location = {
        latitude: m.latitude,
        longitude: m.longitude,
        ...(m.title !== undefined ? { title: m.title } : {}),
        ...(m.address !== undefined ? { address: m.address } : {}),
      };
      return { id: m.id, kind: 'location', location, ...quote(m) };
    }
    case 'sticker': {
      const m = parseAs(messageSchemas.sticker, raw, 'message', ['message']);
      const sticker = { packageId: m.packageId, stickerId: m.stickerId, ...(m.keywords ? { keywords: m.keywords } : {}) };
      return { id: m.id, kind: 'sticker', sticker, ...(m.text !== undefined ? { text: m.text } : {}), ...quote(m) };
    }
    default: {
      // A message type we do not know yet: keep it as a message so the chat still shows something.
      const m = parseAs(z.looseObject(messageBase), raw, 'message', ['message']);
      return { id: m.id, kind: 'other', ...quote(m) };
    }
  }
}

/**
 * Maps ONE stored LINE event to the channel-neutral event. `botUserId` (the envelope's
 * `destination`) makes a mention of the bot count even where LINE leaves out `isSelf`.
 * Throws `MalformedEventError` when a known type lacks its documented fields.
 */
export function toInboundEvent(raw: unknown, botUserId?: string): InboundEvent {
  const platformType =
    typeof raw === 'object' && raw !== null && typeof (raw as { type?: unknown }).type === 'string'
      ? (raw as { type: string }).type
      : 'unknown';
  const base = parseAs(baseSchema, raw, platformType);
  const common = {
    channelKind: 'line' as const,
    platformEventId: base.webhookEventId,
    occurredAt: new Date(base.timestamp),
    isRedelivery: base.deliveryContext?.isRedelivery ?? false,
    mode: base.mode ?? 'active',
    ...(base.replyToken ? { replyToken: base.replyToken } : {}),
  };

  if (!isKnown(base.type)) {
    // A future type may use a source kind we do not know, or none; `user` without ids then.
    const source = sourceSchema.safeParse(base.source);
    return { ...common, type: 'unknown', platformType: base.type, source: source.success ? toSource(source.data) : { kind: 'user' } };
  }

  switch (base.type) {
    case 'message': {
      const e = parseAs(eventSchemas.message, raw, base.type);
      return { ...common, type: 'message', source: toSource(e.source), message: toMessage(e.message, botUserId) };
    }
    case 'follow':
    case 'unfollow':
    case 'join':
    case 'leave': {
      const e = parseAs(eventSchemas[base.type], raw, base.type);
      return { ...common, type: base.type, source: toSource(e.source) };
    }
    case 'memberJoined': {
      const e = parseAs(eventSchemas.memberJoined, raw, base.type);
      return { ...common, type: 'member_joined', source: toSource(e.source), members: e.joined.members.map((m) => m.userId) };
    }
    case 'memberLeft': {
      const e = parseAs(eventSchemas.memberLeft, raw, base.type);
      return { ...common, type: 'member_left', source: toSource(e.source), members: e.left.members.map((m) => m.userId) };
    }
    case 'postback': {
      const e = parseAs(eventSchemas.postback, raw, base.type);
      const postback = { data: e.postback.data, ...(e.postback.params ? { params: e.postback.params } : {}) };
      return { ...common, type: 'postback', source: toSource(e.source), postback };
    }
    case 'unsend': {
      const e = parseAs(eventSchemas.unsend, raw, base.type);
      return { ...common, type: 'unsend', source: toSource(e.source), unsentMessageId: e.unsend.messageId };
    }
    default: {
      parseAs(eventSchemas[base.type], raw, base.type);
      const source = sourceSchema.safeParse(base.source);
      return { ...common, type: 'unknown', platformType: base.type, source: source.success ? toSource(source.data) : { kind: 'user' } };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Checked on arrival

/**
 * `ok: false`: the event cannot be stored as it came (the caller records it as malformed).
 * `ok: true` with `schemaProblem`: storable, but a known type without its documented fields; the
 * webhook records it as malformed with the reason, as it does an unstorable one, and queues nothing
 * (docs/channels.md).
 */
export type CheckedLineEvent = { ok: true; event?: InboundEvent; schemaProblem?: string } | { ok: false; reason: string };

/** The ids LINE issues: U (a user), C (a group) or R (a room) and 32 hex digits. */
const LINE_USER_ID = /^U[0-9a-f]{32}$/;
const LINE_GROUP_ID = /^C[0-9a-f]{32}$/;
const LINE_ROOM_ID = /^R[0-9a-f]{32}$/;

/**
 * What the webhook asks of each event before storing it, so that one odd event neither fails the
 * request nor keeps the others out: a storable JSON value (no NUL, no unpaired surrogate, bounded
 * depth and strings), a time in a sane range, bounded ids, including those inside the fields its
 * type documents (`toInboundEvent`). An unstorable event is recorded as malformed by the caller, not
 * stored for work.
 */
export function checkLineEvent(raw: unknown, botUserId?: string, now: number = Date.now()): CheckedLineEvent {
  const fail = (reason: string): CheckedLineEvent => ({ ok: false, reason });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('an event is not an object');
  const problem = jsonValueProblem(raw);
  if (problem) return fail(problem);
  const r = raw as Record<string, unknown>;
  const typeProblem = idProblem(r.type, 64);
  if (typeProblem) return fail(`type ${typeProblem}`);
  if (r.webhookEventId !== undefined) {
    const p = idProblem(r.webhookEventId);
    if (p) return fail(`webhookEventId ${p}`);
  }
  const tp = timeProblem(r.timestamp, now);
  if (tp) return fail(`timestamp ${tp}`);
  if (r.replyToken !== undefined) {
    const p = idProblem(r.replyToken, 256);
    if (p) return fail(`replyToken ${p}`);
  }
  let event: InboundEvent;
  try {
    event = toInboundEvent(raw, botUserId);
  } catch (err) {
    if (err instanceof MalformedEventError) return { ok: true, schemaProblem: err.message };
    throw err;
  }
  const ids: [string, unknown][] = [];
  if ('source' in event && event.source) {
    const src = event.source as { chatId?: unknown; userId?: unknown };
    if (src.chatId !== undefined) ids.push(['source id', src.chatId]);
    if (src.userId !== undefined) ids.push(['source.userId', src.userId]);
  }
  const e = event as { message?: InboundMessage; members?: string[]; unsentMessageId?: string };
  if (e.message) {
    ids.push(['message.id', e.message.id]);
    for (const id of e.message.mentionedUserIds ?? []) ids.push(['mentioned user id', id]);
    if (e.message.quotedMessageId !== undefined) ids.push(['message.quotedMessageId', e.message.quotedMessageId]);
    if (e.message.quoteToken !== undefined) ids.push(['message.quoteToken', e.message.quoteToken]);
  }
  for (const m of e.members ?? []) ids.push(['member id', m]);
  if (e.unsentMessageId !== undefined) ids.push(['unsend.messageId', e.unsentMessageId]);
  for (const [what, id] of ids) {
    const p = idProblem(id, what === 'message.quoteToken' ? 512 : LIMITS.maxIdLength);
    if (p) return fail(`${what} ${p}`);
  }
  // Who the bot would answer: an id LINE never issues could only be answered into a push LINE
  // refuses (400), a failed row nobody can mend; known now, it is recorded as malformed instead.
  const source = 'source' in event ? (event.source as { kind?: string; chatId?: string; userId?: string } | undefined) : undefined;
  const chat = source?.kind === 'user' ? source.userId : source?.chatId;
  const shape = source?.kind === 'user' ? LINE_USER_ID : source?.kind === 'group' ? LINE_GROUP_ID : source?.kind === 'room' ? LINE_ROOM_ID : undefined;
  if (chat !== undefined && shape && !shape.test(chat)) return fail(`source ${source?.kind === 'user' ? 'userId' : 'id'} is not a LINE ${source?.kind} id (${shape.source})`);
  return { ok: true, event };
}

/**
 * The closed vocabularies of the schema: each list mirrors a CHECK constraint in
 * migrations/20261121000200_domain.ts (the migration spells them out itself, so that later edits
 * here cannot rewrite history; migrations/domain.test.ts checks the two agree).
 * Case statuses and booking stages carry flags and live in core/cases and core/bookings.
 */

export const LANGUAGES = ['th', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CHANNEL_KINDS = ['line', 'whatsapp', 'email', 'sms'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CONVERSATION_KINDS = ['direct', 'group'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

export const MESSAGE_DIRECTIONS = ['in', 'out'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

export const MESSAGE_SENDER_TYPES = ['customer', 'staff', 'bot', 'system'] as const;
export type MessageSenderType = (typeof MESSAGE_SENDER_TYPES)[number];

export const MESSAGE_KINDS = ['text', 'image', 'video', 'audio', 'file', 'location', 'sticker', 'postback', 'other'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** `received` for inbound messages; the rest follow an outbound message (Twilio's words where they exist). */
export const DELIVERY_STATUSES = ['received', 'pending', 'sent', 'delivered', 'read', 'failed', 'undelivered'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The files staff may send a customer (docs/inbox.md, "Attachments"): images LINE shows inline, and PDF. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const STAFF_ROLES = ['support', 'manager', 'admin', 'ceo', 'accountant'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** `unassigned`: the bot was added to the group and nobody has set it up yet. */
export const STAFF_GROUP_PURPOSES = ['unassigned', 'support', 'managers', 'vip_customer', 'provider', 'sales'] as const;
export type StaffGroupPurpose = (typeof STAFF_GROUP_PURPOSES)[number];

export const CASE_CATEGORIES = ['payment', 'order', 'system', 'provider', 'other'] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

/** Most urgent first. */
export const SEVERITIES = ['critical', 'high', 'normal', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** The reason given when staff correct a case's type or severity: a sentence or two for the record, not an essay. */
export const CORRECTION_REASON_MAX = 500;

/** A case's statuses; their flags and the state machine are core/cases/case-status.ts. */
export const CASE_STATUSES = ['new', 'investigating', 'waiting_customer', 'waiting_provider', 'fixing', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Where a case came from: the chat's channels, the web, the API, staff, the system, and (`POST /api/v1/cases`) staff by hand or a ticket. */
export const CASE_SOURCES = ['line', 'whatsapp', 'web', 'api', 'staff', 'system', 'manual', 'ticket'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** A booking's stages; their flags and the allowed moves are core/bookings/booking-stage.ts. */
export const BOOKING_STAGES = [
  'collecting',
  'pending_confirmation',
  'new',
  'contacted',
  'quoted',
  'proposed',
  'confirmed',
  'declined',
  'lost',
  'cancelled',
  'completed',
] as const;
export type BookingStage = (typeof BOOKING_STAGES)[number];

export const BOOKING_SOURCES = ['line', 'whatsapp', 'web', 'api', 'liff', 'staff'] as const;
export type BookingSource = (typeof BOOKING_SOURCES)[number];

export const PROVIDER_KINDS = ['api', 'manual'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Who did something: the same words as audit_log.actor_type. */
export const ACTOR_TYPES = ['staff', 'customer', 'system', 'api_key'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** Built-in root causes; an org may use its own words too, so the column has no CHECK. */
export const BUILT_IN_ROOT_CAUSES = ['provider_issue', 'payment_gateway', 'system_bug', 'user_error', 'process_error'] as const;
export type BuiltInRootCause = (typeof BUILT_IN_ROOT_CAUSES)[number];

/** Who holds a conversation (core/conversations/inbox-rules.ts, docs/inbox.md). */
export const INBOX_STATUSES = ['bot', 'waiting', 'assigned', 'snoozed', 'resolved'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/**
 * An order's status and its refund's, as the business's main system reports them through the
 * orders API (migrations/20261129090000_orders.ts spells the same lists; docs/cases.md says what
 * each means).
 */
export const ORDER_STATUSES = ['pending', 'paid', 'processing', 'completed', 'failed', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const REFUND_STATUSES = ['none', 'requested', 'processing', 'refunded', 'rejected'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

import type { Knex } from 'knex';

/**
 * The business schema: channels and contacts, conversations and messages, staff, master data
 * (case types, providers, services, templates), cases and bookings with their append-only
 * timelines.
 *
 * Conventions: every business row carries `org_id` (an org delete cascades, but a table with
 * append-only history stops it: such an org is archived, not deleted). References to things with
 * history use NO ACTION, which refuses a direct delete like RESTRICT does yet lets that cascade
 * finish. Enumerated columns are text with a named CHECK; the lists are spelled out here, not
 * imported, so that later code cannot rewrite an applied migration.
 */

const OPEN_CASE = `status NOT IN ('resolved', 'closed')`;
const OPEN_BOOKING = `stage NOT IN ('declined', 'cancelled', 'completed')`;

function oneOf(table: string, column: string, values: readonly string[], nullable = false): string {
  const list = values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
  const test = `${column} IN (${list})`;
  return `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column} CHECK (${nullable ? `${column} IS NULL OR ` : ''}${test});`;
}

function touch(table: string): string {
  return `CREATE TRIGGER ${table}_touch BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION touch_updated_at();`;
}

function appendOnly(table: string): string {
  return `
    CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
    CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();`;
}

/** Keys that code and templates refer to: lower snake case. */
function keyFormat(table: string, column = 'key'): string {
  return `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_format CHECK (${column} ~ '^[a-z][a-z0-9_.]*$');`;
}

export async function up(knex: Knex): Promise<void> {
  const uuidPk = (t: Knex.CreateTableBuilder) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
  };
  const timestamps = (t: Knex.CreateTableBuilder) => {
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  };
  const jsonObject = (t: Knex.CreateTableBuilder, name: string) => t.jsonb(name).notNullable().defaultTo('{}');
  const textArray = (t: Knex.CreateTableBuilder, name: string) => t.specificType(name, 'text[]').notNullable().defaultTo('{}');
  /** An append-only timeline of `parent`: the database itself refuses updates, deletes and truncation. */
  const createTimeline = async (table: string, parentColumn: string, parentTable: string) => {
    await knex.schema.createTable(table, (t) => {
      t.bigIncrements('id');
      t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
      t.uuid(parentColumn).notNullable().references(`${parentTable}.id`);
      t.text('type').notNullable();
      t.text('actor_type').notNullable();
      t.text('actor_id');
      jsonObject(t, 'data');
      // Shown to the customer (the case tracking page).
      t.boolean('is_public').notNullable().defaultTo(false);
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.index([parentColumn, 'id']);
      t.index(['org_id', 'type', 'created_at']);
    });
    await knex.raw(`
      ${oneOf(table, 'actor_type', ['staff', 'customer', 'system', 'api_key'])}
      ${keyFormat(table, 'type')}
      ${appendOnly(table)}
    `);
  };

  // ---------------------------------------------------------------- channels and people

  await knex.schema.createTable('channels', (t) => {
    uuidPk(t);
    t.text('kind').notNullable();
    t.text('name').notNullable();
    // LINE: the bot's user id (webhook `destination`); WhatsApp: the sender, e.g. whatsapp:+6620000000.
    // Null until known (a LINE channel learns it from the first webhook or /v2/bot/info).
    t.text('external_id');
    // AES-256-GCM ciphertext of the channel's secrets (core/crypto); never stored in clear.
    t.text('credentials_encrypted');
    t.boolean('is_active').notNullable().defaultTo(true);
    jsonObject(t, 'settings');
    timestamps(t);
    t.unique(['kind', 'external_id']);
    t.index(['org_id']);
  });
  await knex.raw(`${oneOf('channels', 'kind', ['line', 'whatsapp'])} ${touch('channels')}`);

  await knex.schema.createTable('contacts', (t) => {
    uuidPk(t);
    t.text('display_name');
    t.text('language').notNullable().defaultTo('th');
    t.text('phone');
    t.text('email');
    // The customer's id in the business's own system (username, member id): links API calls and payment events.
    t.text('external_ref');
    t.boolean('is_vip').notNullable().defaultTo(false);
    jsonObject(t, 'attributes');
    timestamps(t);
    t.index(['org_id', 'phone']);
    t.index(['org_id', 'email']);
  });
  await knex.raw(`
    ${oneOf('contacts', 'language', ['th', 'en'])}
    CREATE UNIQUE INDEX contacts_org_external_ref ON contacts (org_id, external_ref) WHERE external_ref IS NOT NULL;
    ${touch('contacts')}
  `);

  await knex.schema.createTable('contact_identities', (t) => {
    uuidPk(t);
    t.uuid('contact_id').notNullable().references('contacts.id').onDelete('CASCADE');
    t.uuid('channel_id').notNullable().references('channels.id');
    // LINE userId, or whatsapp:+66...
    t.text('external_id').notNullable();
    jsonObject(t, 'profile');
    timestamps(t);
    t.unique(['channel_id', 'external_id']);
    t.index(['contact_id']);
  });
  await knex.raw(touch('contact_identities'));

  await knex.schema.createTable('providers', (t) => {
    uuidPk(t);
    t.text('key').notNullable();
    t.text('name').notNullable();
    t.text('kind').notNullable().defaultTo('manual');
    // How to reach them: {"line": "...", "email": "...", "phone": "...", "url": "..."}.
    jsonObject(t, 'contact');
    t.text('notes');
    t.boolean('is_active').notNullable().defaultTo(true);
    timestamps(t);
    t.unique(['org_id', 'key']);
  });
  await knex.raw(`${oneOf('providers', 'kind', ['api', 'manual'])} ${keyFormat('providers')} ${touch('providers')}`);

  await knex.schema.createTable('staff', (t) => {
    uuidPk(t);
    t.text('display_name').notNullable();
    t.text('role').notNullable();
    t.text('line_user_id');
    t.text('language').notNullable().defaultTo('th');
    t.boolean('is_active').notNullable().defaultTo(true);
    // A one-time code a new staff member sends to the bot to link their LINE account; only its hash is kept.
    t.text('enrolment_code_hash');
    t.timestamp('enrolment_expires_at', { useTz: true });
    t.timestamp('enrolled_at', { useTz: true });
    timestamps(t);
    t.index(['org_id', 'role']);
  });
  await knex.raw(`
    ${oneOf('staff', 'role', ['support', 'manager', 'admin', 'ceo'])}
    ${oneOf('staff', 'language', ['th', 'en'])}
    CREATE UNIQUE INDEX staff_org_line_user ON staff (org_id, line_user_id) WHERE line_user_id IS NOT NULL;
    CREATE UNIQUE INDEX staff_enrolment_code ON staff (enrolment_code_hash) WHERE enrolment_code_hash IS NOT NULL;
    ${touch('staff')}
  `);

  await knex.schema.createTable('staff_groups', (t) => {
    uuidPk(t);
    t.uuid('channel_id').notNullable().references('channels.id');
    t.text('line_group_id').notNullable();
    t.text('purpose').notNullable();
    t.text('name');
    t.boolean('is_active').notNullable().defaultTo(true);
    // What gets posted here, e.g. {"caseTypes": ["topup_not_credited"], "severities": ["critical"], "bookings": true}.
    jsonObject(t, 'routing');
    t.uuid('contact_id').references('contacts.id');
    t.uuid('provider_id').references('providers.id');
    timestamps(t);
    t.unique(['channel_id', 'line_group_id']);
    t.index(['org_id', 'purpose']);
  });
  await knex.raw(`
    ${oneOf('staff_groups', 'purpose', ['support', 'managers', 'vip_customer', 'provider', 'sales'])}
    ${touch('staff_groups')}
  `);

  // ---------------------------------------------------------------- conversations

  await knex.schema.createTable('conversations', (t) => {
    uuidPk(t);
    t.uuid('channel_id').notNullable().references('channels.id');
    // Null for group chats, which have many people in them.
    t.uuid('contact_id').references('contacts.id');
    t.text('kind').notNullable().defaultTo('direct');
    // The chat's id on the platform: LINE user/group/room id, or the WhatsApp address.
    t.text('external_id').notNullable();
    t.timestamp('last_message_at', { useTz: true });
    // WhatsApp allows free text only within 24 hours of the customer's last message.
    t.timestamp('last_inbound_at', { useTz: true });
    // The open dialogue (a clarification, booking details being collected, ...), or null.
    t.jsonb('dialogue');
    timestamps(t);
    t.unique(['channel_id', 'external_id']);
    t.index(['contact_id']);
    t.index(['org_id', 'last_message_at']);
  });
  await knex.raw(`${oneOf('conversations', 'kind', ['direct', 'group'])} ${touch('conversations')}`);

  await knex.schema.createTable('inbound_events', (t) => {
    t.bigIncrements('id');
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    // Null for events that arrive through no channel (payment / top-up events).
    t.uuid('channel_id').references('channels.id');
    // LINE webhookEventId, Twilio MessageSid (+ status for status callbacks), a payment event id.
    t.text('platform_event_id').notNullable();
    t.text('event_type').notNullable();
    t.jsonb('payload').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('occurred_at', { useTz: true });
    t.timestamp('processed_at', { useTz: true });
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('error');
    t.unique(['channel_id', 'platform_event_id']);
  });
  await knex.raw(`
    CREATE UNIQUE INDEX inbound_events_org_platform_id ON inbound_events (org_id, platform_event_id)
      WHERE channel_id IS NULL;
    CREATE INDEX inbound_events_unprocessed ON inbound_events (received_at) WHERE processed_at IS NULL;
    CREATE INDEX inbound_events_org_received ON inbound_events (org_id, received_at);
  `);

  await knex.schema.createTable('messages', (t) => {
    uuidPk(t);
    t.uuid('conversation_id').notNullable().references('conversations.id');
    t.text('direction').notNullable();
    t.text('sender_type').notNullable();
    t.uuid('staff_id').references('staff.id');
    t.text('kind').notNullable().defaultTo('text');
    t.text('text');
    // The platform's message as received or sent (quick replies, Flex, location...).
    jsonObject(t, 'payload');
    t.text('platform_message_id');
    t.bigInteger('inbound_event_id').references('inbound_events.id');
    // The outbox row that sends an outbound message: the notify worker records the outcome by it.
    t.uuid('outbox_id');
    t.timestamp('sent_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('delivery_status');
    t.text('delivery_error');
    // Relative to DATA_DIR/media, once the content has been fetched.
    t.text('media_path');
    timestamps(t);
    t.index(['conversation_id', 'sent_at']);
    t.index(['outbox_id']);
  });
  await knex.raw(`
    ${oneOf('messages', 'direction', ['in', 'out'])}
    ${oneOf('messages', 'sender_type', ['customer', 'staff', 'bot', 'system'])}
    ${oneOf('messages', 'kind', ['text', 'image', 'video', 'audio', 'file', 'location', 'sticker', 'postback', 'other'])}
    ${oneOf('messages', 'delivery_status', ['received', 'pending', 'sent', 'delivered', 'read', 'failed', 'undelivered'], true)}
    CREATE UNIQUE INDEX messages_platform_id ON messages (conversation_id, platform_message_id)
      WHERE platform_message_id IS NOT NULL;
    ${touch('messages')}
  `);

  // ---------------------------------------------------------------- master data

  await knex.schema.createTable('case_types', (t) => {
    uuidPk(t);
    t.text('key').notNullable();
    t.text('name_th').notNullable();
    t.text('name_en').notNullable();
    t.text('category').notNullable();
    t.text('default_severity').notNullable().defaultTo('normal');
    t.integer('first_response_minutes').notNullable();
    t.integer('resolution_minutes').notNullable();
    t.boolean('requires_provider').notNullable().defaultTo(false);
    t.boolean('requires_order_id').notNullable().defaultTo(false);
    // Customer notifications switched on: {"created","workStarted","waitingCustomer","resolved": boolean}.
    t.jsonb('notify').notNullable().defaultTo(JSON.stringify({ created: true, workStarted: true, waitingCustomer: true, resolved: true }));
    // At the breach: {"notifyManagers": true, "raiseSeverity": true, "reassignTo": null | staff id}.
    t.jsonb('escalation').notNullable().defaultTo(JSON.stringify({ notifyManagers: true, raiseSeverity: false, reassignTo: null }));
    // The SLA warning fires when this share of the time is used.
    t.decimal('warn_at_ratio', 4, 3).notNullable().defaultTo(0.75);
    textArray(t, 'keywords');
    // Example customer phrases for the classifier: {"th": [...], "en": [...]}.
    jsonObject(t, 'examples');
    t.text('description');
    // The standard way to handle it, shown to staff when a case opens.
    t.text('sop');
    t.boolean('is_active').notNullable().defaultTo(true);
    t.integer('sort_order').notNullable().defaultTo(0);
    timestamps(t);
    t.unique(['org_id', 'key']);
  });
  await knex.raw(`
    ${oneOf('case_types', 'category', ['payment', 'order', 'system', 'provider', 'other'])}
    ${oneOf('case_types', 'default_severity', ['critical', 'high', 'normal', 'low'])}
    ${keyFormat('case_types')}
    ALTER TABLE case_types ADD CONSTRAINT case_types_minutes
      CHECK (first_response_minutes > 0 AND resolution_minutes >= first_response_minutes);
    ALTER TABLE case_types ADD CONSTRAINT case_types_warn_at_ratio CHECK (warn_at_ratio > 0 AND warn_at_ratio < 1);
    ${touch('case_types')}
  `);

  await knex.schema.createTable('services', (t) => {
    uuidPk(t);
    t.text('key').notNullable();
    t.text('name_th').notNullable();
    t.text('name_en').notNullable();
    t.text('description');
    t.integer('duration_minutes');
    // Places per slot; null: not limited.
    t.integer('capacity');
    t.decimal('price', 12, 2);
    t.text('currency').notNullable().defaultTo('THB');
    textArray(t, 'keywords');
    jsonObject(t, 'examples');
    t.boolean('is_active').notNullable().defaultTo(true);
    t.integer('sort_order').notNullable().defaultTo(0);
    timestamps(t);
    t.unique(['org_id', 'key']);
  });
  await knex.raw(`
    ${keyFormat('services')}
    ALTER TABLE services ADD CONSTRAINT services_numbers CHECK (
      (duration_minutes IS NULL OR duration_minutes > 0) AND (capacity IS NULL OR capacity > 0) AND (price IS NULL OR price >= 0));
    ALTER TABLE services ADD CONSTRAINT services_currency CHECK (currency ~ '^[A-Z]{3}$');
    ${touch('services')}
  `);

  await knex.schema.createTable('templates', (t) => {
    uuidPk(t);
    t.text('key').notNullable();
    t.text('language').notNullable();
    t.text('body').notNullable();
    // Null: any channel.
    t.text('channel');
    // Twilio Content SID of the approved WhatsApp template, for sends outside the 24-hour window.
    t.text('whatsapp_content_sid');
    t.text('description');
    timestamps(t);
    t.unique(['org_id', 'key', 'language']);
  });
  await knex.raw(`
    ${oneOf('templates', 'language', ['th', 'en'])}
    ${oneOf('templates', 'channel', ['line', 'whatsapp'], true)}
    ${keyFormat('templates')}
    ${touch('templates')}
  `);

  // ---------------------------------------------------------------- cases

  await knex.schema.createTable('cases', (t) => {
    uuidPk(t);
    // C-000123, from core/org-counters.ts.
    t.text('number').notNullable();
    t.uuid('case_type_id').notNullable().references('case_types.id');
    // Null when the reporter is not (yet) a known contact, e.g. a payment event for an unknown user.
    t.uuid('contact_id').references('contacts.id');
    t.uuid('conversation_id').references('conversations.id');
    t.uuid('source_message_id').references('messages.id');
    t.text('source').notNullable();
    t.text('status').notNullable().defaultTo('new');
    t.text('severity').notNullable();
    t.uuid('owner_staff_id').references('staff.id');
    t.uuid('provider_id').references('providers.id');
    // Built-ins (provider_issue, payment_gateway, system_bug, user_error, process_error) or the org's own.
    t.text('root_cause');
    t.text('resolution');
    t.text('summary');
    t.text('language').notNullable().defaultTo('th');
    t.timestamp('first_response_due_at', { useTz: true });
    t.timestamp('resolution_due_at', { useTz: true });
    // Set while a pausing status holds the resolution clock; on leaving, the due time moves by the pause.
    t.timestamp('resolution_paused_at', { useTz: true });
    t.timestamp('first_responded_at', { useTz: true });
    // The SLA worker acts once per clock: these say it already did.
    t.timestamp('sla_warned_at', { useTz: true });
    t.timestamp('sla_breached_at', { useTz: true });
    t.timestamp('escalated_at', { useTz: true });
    t.timestamp('resolved_at', { useTz: true });
    t.timestamp('closed_at', { useTz: true });
    t.integer('reopened_count').notNullable().defaultTo(0);
    // For the tracking link: 128 random bits, no login needed.
    t.text('tracking_token').notNullable().defaultTo(knex.raw(`replace(gen_random_uuid()::text, '-', '')`));
    t.text('idempotency_key');
    // Optimistic concurrency: an update names the version it read and bumps it.
    t.integer('version').notNullable().defaultTo(1);
    // Extracted details: {"amount": "500.00", "orderId": "...", "paidAt": "...", ...}.
    jsonObject(t, 'fields');
    timestamps(t);
    t.unique(['org_id', 'number']);
    t.unique(['tracking_token']);
    t.index(['org_id', 'status']);
    t.index(['org_id', 'created_at']);
    t.index(['org_id', 'case_type_id', 'created_at']);
    t.index(['contact_id', 'created_at']);
  });
  await knex.raw(`
    ${oneOf('cases', 'status', ['new', 'investigating', 'waiting_customer', 'waiting_provider', 'fixing', 'resolved', 'closed'])}
    ${oneOf('cases', 'severity', ['critical', 'high', 'normal', 'low'])}
    ${oneOf('cases', 'source', ['line', 'whatsapp', 'web', 'api', 'staff', 'system'])}
    ${oneOf('cases', 'language', ['th', 'en'])}
    ALTER TABLE cases ADD CONSTRAINT cases_counts CHECK (reopened_count >= 0 AND version >= 1);
    CREATE UNIQUE INDEX cases_org_idempotency ON cases (org_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
    CREATE INDEX cases_open_resolution_due ON cases (org_id, resolution_due_at) WHERE ${OPEN_CASE};
    CREATE INDEX cases_awaiting_first_response ON cases (first_response_due_at)
      WHERE first_responded_at IS NULL AND ${OPEN_CASE};
    CREATE INDEX cases_open_by_owner ON cases (org_id, owner_staff_id) WHERE ${OPEN_CASE};
    CREATE INDEX cases_open_by_conversation ON cases (conversation_id) WHERE ${OPEN_CASE};
    CREATE INDEX cases_by_provider ON cases (org_id, provider_id, created_at) WHERE provider_id IS NOT NULL;
    ${touch('cases')}
  `);

  await knex.schema.createTable('case_orders', (t) => {
    uuidPk(t);
    t.uuid('case_id').notNullable().references('cases.id').onDelete('CASCADE');
    // The order or transaction id in the business's own system.
    t.text('order_id').notNullable();
    t.decimal('amount', 12, 2);
    t.text('currency').notNullable().defaultTo('THB');
    t.text('order_status');
    t.uuid('provider_id').references('providers.id');
    // What the main system tells about it: items, payment and refund history.
    jsonObject(t, 'details');
    timestamps(t);
    t.unique(['case_id', 'order_id']);
    t.index(['org_id', 'order_id']);
  });
  await knex.raw(touch('case_orders'));

  // created, status_changed, owner_changed, severity_changed, note, message_in, message_out,
  // order_linked, file, sla_warning, sla_breach, escalated, reopened, ...
  await createTimeline('case_events', 'case_id', 'cases');

  // ---------------------------------------------------------------- bookings

  await knex.schema.createTable('bookings', (t) => {
    uuidPk(t);
    // B-000045, from core/org-counters.ts.
    t.text('number').notNullable();
    t.uuid('contact_id').notNullable().references('contacts.id');
    t.uuid('conversation_id').references('conversations.id');
    // Null while the bot is still finding out what the customer wants.
    t.uuid('service_id').references('services.id');
    t.text('stage').notNullable().defaultTo('new');
    t.uuid('assignee_staff_id').references('staff.id');
    t.date('requested_date');
    t.time('requested_time');
    t.integer('party_size');
    // A staff counter-proposal awaiting the customer's answer.
    t.date('proposed_date');
    t.time('proposed_time');
    t.text('language').notNullable().defaultTo('th');
    // Anything else the form or the conversation gave: budget, pickup place, dietary needs...
    jsonObject(t, 'details');
    t.text('source').notNullable();
    // {"source","medium","campaign","term","content"} plus page_url and referrer when known.
    jsonObject(t, 'utm');
    t.text('idempotency_key');
    t.integer('version').notNullable().defaultTo(1);
    t.text('notes');
    t.text('decline_reason');
    t.timestamp('first_response_due_at', { useTz: true });
    t.timestamp('first_responded_at', { useTz: true });
    t.timestamp('confirmed_at', { useTz: true });
    t.timestamp('cancelled_at', { useTz: true });
    t.timestamp('completed_at', { useTz: true });
    timestamps(t);
    t.unique(['org_id', 'number']);
    t.index(['org_id', 'stage']);
    t.index(['org_id', 'requested_date']);
    t.index(['org_id', 'created_at']);
    t.index(['contact_id', 'created_at']);
  });
  await knex.raw(`
    ${oneOf('bookings', 'stage', ['collecting', 'pending_confirmation', 'new', 'proposed', 'confirmed', 'declined', 'cancelled', 'completed'])}
    ${oneOf('bookings', 'source', ['line', 'whatsapp', 'web', 'api', 'liff', 'staff'])}
    ${oneOf('bookings', 'language', ['th', 'en'])}
    ALTER TABLE bookings ADD CONSTRAINT bookings_numbers CHECK ((party_size IS NULL OR party_size > 0) AND version >= 1);
    CREATE UNIQUE INDEX bookings_org_idempotency ON bookings (org_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
    CREATE INDEX bookings_open_by_assignee ON bookings (org_id, assignee_staff_id) WHERE ${OPEN_BOOKING};
    CREATE INDEX bookings_open_by_conversation ON bookings (conversation_id) WHERE ${OPEN_BOOKING};
    CREATE INDEX bookings_awaiting_first_response ON bookings (first_response_due_at)
      WHERE first_responded_at IS NULL AND ${OPEN_BOOKING};
    ${touch('bookings')}
  `);

  // created, stage_changed, assignee_changed, details_changed, note, message_in, message_out, ...
  await createTimeline('booking_events', 'booking_id', 'bookings');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'booking_events',
    'bookings',
    'case_events',
    'case_orders',
    'cases',
    'templates',
    'services',
    'case_types',
    'messages',
    'inbound_events',
    'conversations',
    'staff_groups',
    'staff',
    'providers',
    'contact_identities',
    'contacts',
    'channels',
  ]) {
    await knex.schema.dropTable(table);
  }
}

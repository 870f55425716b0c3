import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { LRUCache } from 'lru-cache';
import { recordAudit } from '../audit/audit-log.ts';
import { DomainError } from '../errors/index.ts';
import { isLegacySealed, type SecretBox } from '../crypto/secret-box.ts';
import type { ChannelTestResult, LineConnectionCheck } from '../contracts/channels.ts';
import type { ChannelKind } from '../vocabulary.ts';

/**
 * Channels and their credentials. Credentials are stored sealed (AES-256-GCM) and opened here
 * only; webhooks look a channel up on every request, so opened channels are kept for a short while.
 * The cache is bounded (least recently used out first), and a miss is remembered only briefly: an
 * id anyone can put in a URL (`/webhooks/line/:channelId`) must not grow the heap.
 */
export interface LineCredentials {
  channelSecret: string;
  channelAccessToken: string;
}

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
}

/** The org's mailbox at its SMTP server: the secret part of an e-mail channel. */
export interface SmtpCredentials {
  user: string;
  password: string;
}

/** How an e-mail channel sends and where its replies come back (kept in `settings.email`, not secret). */
export interface EmailSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  fromAddress: string;
  fromName: string;
  /** The address the org forwards its customers' replies to; its domain carries the reply addresses. */
  inboundAddress: string;
}

export interface ChannelSettings {
  /** Where the channel came from: `env` for the bootstrap variables, `simulator` for the dev chat. */
  origin?: 'env' | 'api' | 'simulator';
  /** Overrides LINE_API_BASE_URL / LINE_DATA_API_BASE_URL / TWILIO_API_BASE_URL for this channel. */
  apiBaseUrl?: string;
  dataApiBaseUrl?: string;
  /** WhatsApp: approved template (content SID) to reopen a conversation outside the 24-hour window. */
  reopenTemplateSid?: string;
  /** E-mail: the SMTP server and addresses. */
  email?: EmailSettings;
  [key: string]: unknown;
}

interface ChannelBase {
  id: string;
  orgId: string;
  name: string;
  /** LINE: the bot's user id (webhook `destination`); WhatsApp: the sender address; SMS: the Twilio number (+E.164). */
  externalId: string | null;
  isActive: boolean;
  settings: ChannelSettings;
}

export type Channel =
  | (ChannelBase & { kind: 'line'; credentials: LineCredentials })
  | (ChannelBase & { kind: 'whatsapp'; credentials: TwilioCredentials })
  | (ChannelBase & { kind: 'sms'; credentials: TwilioCredentials })
  | (ChannelBase & { kind: 'email'; credentials: SmtpCredentials; settings: ChannelSettings & { email: EmailSettings } });

/** The associated data's purpose for `channels.credentials_encrypted` (core/crypto/secret-box.ts). */
export const CHANNEL_CREDENTIALS_PURPOSE = 'channel.credentials';
const sealContext = (rowId: string) => ({ purpose: CHANNEL_CREDENTIALS_PURPOSE, rowId });

interface ChannelRow {
  id: string;
  org_id: string;
  kind: ChannelKind;
  name: string;
  external_id: string | null;
  is_active: boolean;
  settings: ChannelSettings;
  credentials_encrypted: string | null;
}

export interface ChannelCacheOptions {
  /** Most entries kept; the least recently used go first. */
  maxEntries?: number;
  /** How long "no such active channel" is remembered (capped at the hit TTL). */
  missTtlMs?: number;
}

export const CHANNEL_CACHE_MAX_ENTRIES = 5_000;
export const CHANNEL_MISS_TTL_MS = 2_000;

export class ChannelDirectory {
  readonly #knex: Knex;
  readonly #secrets: SecretBox;
  readonly #ttlMs: number;
  readonly #missTtlMs: number;
  readonly #cache: LRUCache<string, { channel: Channel | undefined }>;

  constructor(knex: Knex, secrets: SecretBox, ttlMs = 30_000, opts: ChannelCacheOptions = {}) {
    this.#knex = knex;
    this.#secrets = secrets;
    this.#ttlMs = Math.max(0, ttlMs);
    this.#missTtlMs = Math.min(this.#ttlMs, opts.missTtlMs ?? CHANNEL_MISS_TTL_MS);
    this.#cache = new LRUCache({ max: opts.maxEntries ?? CHANNEL_CACHE_MAX_ENTRIES, ttl: this.#ttlMs || 1, ttlAutopurge: false });
  }

  /** Entries held now (at most `maxEntries`). */
  get cacheSize(): number {
    return this.#cache.size;
  }

  /** An active channel by id. */
  byId(id: string): Promise<Channel | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(undefined);
    return this.#cached(`id:${id}`, (q) => q.where({ id }));
  }

  /**
   * The active LINE channel whose bot this is (the webhook's `destination`): how the shared
   * `/webhooks/line` finds the business when several Official Accounts post to the same address.
   */
  lineByDestination(destination: string): Promise<Channel | undefined> {
    return this.#cached(`destination:${destination}`, (q) => q.where({ kind: 'line', external_id: destination }));
  }

  /**
   * The default org's active channel of a kind: what `/webhooks/line` and `/webhooks/whatsapp`
   * serve. The chat simulator's channels are only ever addressed by id.
   */
  defaultOf(kind: ChannelKind): Promise<Channel | undefined> {
    return this.#cached(`default:${kind}`, (q) =>
      q
        .where({ kind })
        .whereIn('org_id', this.#knex('orgs').select('id').where({ is_default: true }))
        .whereRaw(`coalesce(settings->>'origin', '') <> 'simulator'`)
        .orderBy('created_at'),
    );
  }

  /** One of the org's channels, active or not, read now (an admin editing it): never cached. */
  async ofOrg(orgId: string, id: string): Promise<Channel | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const row: ChannelRow | undefined = await this.#knex('channels').select('*').where({ id, org_id: orgId }).first();
    return row ? this.open(row) : undefined;
  }

  forget(): void {
    this.#cache.clear();
  }

  async #cached(key: string, where: (q: Knex.QueryBuilder) => Knex.QueryBuilder): Promise<Channel | undefined> {
    const hit = this.#cache.get(key);
    if (hit) return hit.channel;
    const row: ChannelRow | undefined = await where(this.#knex('channels').select('*').where({ is_active: true })).first();
    const channel = row ? this.open(row) : undefined;
    const ttl = channel ? this.#ttlMs : this.#missTtlMs;
    if (ttl > 0) this.#cache.set(key, { channel }, { ttl });
    return channel;
  }

  open(row: ChannelRow): Channel {
    const base = {
      id: row.id,
      orgId: row.org_id,
      name: row.name,
      externalId: row.external_id,
      isActive: row.is_active,
      settings: row.settings ?? {},
    };
    const credentials = row.credentials_encrypted ? this.#secrets.openJson<Record<string, string>>(row.credentials_encrypted, sealContext(row.id)) : {};
    if (row.kind === 'sms') return { ...base, kind: 'sms', credentials: credentials as unknown as TwilioCredentials };
    if (row.kind === 'email') return { ...base, kind: 'email', credentials: credentials as unknown as SmtpCredentials, settings: base.settings as ChannelSettings & { email: EmailSettings } };
    return row.kind === 'line'
      ? { ...base, kind: 'line', credentials: credentials as unknown as LineCredentials }
      : { ...base, kind: 'whatsapp', credentials: credentials as unknown as TwilioCredentials };
  }
}

export interface NewChannel {
  orgId: string;
  kind: ChannelKind;
  name: string;
  externalId?: string | null;
  credentials: LineCredentials | TwilioCredentials | SmtpCredentials;
  settings?: ChannelSettings;
}

export async function createChannel(db: Knex | Knex.Transaction, secrets: SecretBox, c: NewChannel): Promise<string> {
  const id = randomUUID();
  const [row] = await db('channels')
    .insert({
      id,
      org_id: c.orgId,
      kind: c.kind,
      name: c.name,
      external_id: c.externalId ?? null,
      credentials_encrypted: secrets.seal(c.credentials, sealContext(id)),
      settings: JSON.stringify(c.settings ?? {}),
    })
    .returning('id');
  return row.id;
}

/** A channel as the org's admins see it: never its credentials. */
export interface ChannelView {
  id: string;
  kind: ChannelKind;
  name: string;
  externalId: string | null;
  isActive: boolean;
  /** Where it came from: `env`, `api` or `simulator`. */
  origin: string | null;
  /** The last test message and LINE's answer (core/channels/channel-checks.ts); null: not tested since its credentials were set. */
  lastTest: ChannelTestResult | null;
  /** The last connection check (bot/line/line-connection.ts): token, webhook, secret; null: not checked since its credentials were set. */
  connection: LineConnectionCheck | null;
  /** An e-mail channel's server, mailbox user and addresses (never the password). */
  email?: { host: string; port: number; secure: boolean; user: string; fromAddress: string; fromName: string; inboundAddress: string };
}

export async function listChannels(db: Knex, orgId: string, secrets?: SecretBox): Promise<ChannelView[]> {
  const rows: ChannelRow[] = await db('channels').select('*').where({ org_id: orgId }).orderBy('created_at');
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    externalId: r.external_id,
    isActive: r.is_active,
    origin: r.settings?.origin ?? null,
    lastTest: (r.settings?.lastTest as ChannelTestResult | undefined) ?? null,
    connection: (r.settings?.connection as LineConnectionCheck | undefined) ?? null,
    ...(r.kind === 'email' && r.settings?.email && secrets ? { email: emailView(r, secrets) } : {}),
  }));
}

/** An e-mail channel's settings as an admin edits them: the mailbox user, never its password. */
function emailView(r: ChannelRow, secrets: SecretBox): NonNullable<ChannelView['email']> {
  const e = r.settings.email!;
  const user = r.credentials_encrypted ? secrets.openJson<SmtpCredentials>(r.credentials_encrypted, sealContext(r.id)).user : '';
  return { host: e.host, port: e.port, secure: e.secure, user, fromAddress: e.fromAddress, fromName: e.fromName, inboundAddress: e.inboundAddress };
}

/** An admin adds a channel through the API: created with its credentials sealed, and audited. */
export async function addChannel(
  db: Knex,
  secrets: SecretBox,
  c: Omit<NewChannel, 'settings'> & { actor: { type: 'api_key' | 'staff'; id: string }; requestId?: string; email?: EmailSettings },
): Promise<string> {
  if (c.externalId) await refuseChannelTaken(db, c.orgId, c.kind, c.externalId);
  return db.transaction(async (trx) => {
    const channelId = await createChannel(trx, secrets, {
      orgId: c.orgId,
      kind: c.kind,
      name: c.name,
      externalId: c.externalId,
      credentials: c.credentials,
      settings: { origin: 'api', ...(c.email ? { email: c.email } : {}) },
    });
    await recordAudit(trx, {
      orgId: c.orgId,
      actorType: c.actor.type,
      actorId: c.actor.id,
      action: 'channel.created',
      subjectType: 'channel',
      subjectId: channelId,
      details: { kind: c.kind, name: c.name },
      requestId: c.requestId,
    });
    return channelId;
  });
}

/**
 * Makes the channel of `origin` for the org match what it is given (the bootstrap variables, or the
 * simulator's generated credentials): created once, its credentials replaced when they change.
 */
export async function upsertChannelByOrigin(db: Knex, secrets: SecretBox, c: NewChannel & { settings: ChannelSettings & { origin: string } }): Promise<string> {
  const existing: Pick<ChannelRow, 'id' | 'settings' | 'credentials_encrypted'> | undefined = await db('channels')
    .select('id', 'settings', 'credentials_encrypted')
    .where({ org_id: c.orgId, kind: c.kind })
    .whereRaw(`settings->>'origin' = ?`, [c.settings.origin])
    .first();
  if (!existing) return createChannel(db, secrets, c);
  // The same LINE token is the same Official Account: what LINE told of it (its basic id) still holds after a restart.
  let before: Record<string, string> = {};
  try {
    if (existing.credentials_encrypted) before = secrets.openJson<Record<string, string>>(existing.credentials_encrypted, sealContext(existing.id));
  } catch {
    // Sealed the old way (resealed at start-up): taken as another account, nothing kept.
  }
  const sameAccount = c.kind === 'line' && before.channelAccessToken === (c.credentials as LineCredentials).channelAccessToken;
  const kept = sameAccount && existing.settings?.basicId ? { basicId: existing.settings.basicId } : {};
  await db('channels')
    .where({ id: existing.id })
    .update({
      name: c.name,
      credentials_encrypted: secrets.seal(c.credentials, sealContext(existing.id)),
      settings: JSON.stringify({ ...c.settings, ...kept }),
      is_active: true,
      ...(c.externalId ? { external_id: c.externalId } : {}),
    });
  return existing.id;
}

/**
 * Deactivates every channel of this origin (the chat simulator's, whenever it is off): webhooks to
 * it are refused and nothing is sent over it. Returns how many were active.
 */
export async function deactivateChannelsOfOrigin(db: Knex, origin: string): Promise<number> {
  return db('channels').whereRaw(`settings->>'origin' = ?`, [origin]).where({ is_active: true }).update({ is_active: false });
}

/**
 * One LINE Official Account (its bot user id), WhatsApp sender or mailbox serves one business: a
 * channel another org has connected is refused with 409 `already_exists`, `details.reason: channel_taken`
 * (the database's unique key on kind and id is the last word when two connect at once).
 */
export async function refuseChannelTaken(db: Knex, orgId: string, kind: ChannelKind, externalId: string): Promise<void> {
  const holder = await db('channels').where({ kind, external_id: externalId }).first('org_id');
  if (!holder) return;
  throw new DomainError(
    'already_exists',
    holder.org_id === orgId ? 'This channel is connected to this business already' : 'This channel is connected to another business on this service: disconnect it there first',
    { reason: holder.org_id === orgId ? 'channel_connected' : 'channel_taken' },
  );
}

/**
 * A LINE channel learns its bot user id from the first webhook's `destination`, unless another
 * channel holds that id already (the same Official Account connected twice): it stays unlearned.
 */
export async function learnExternalId(db: Knex, channelId: string, externalId: string): Promise<boolean> {
  const learned = await db('channels')
    .where({ id: channelId })
    .whereNull('external_id')
    .whereNotExists(db('channels as other').select(db.raw('1')).where({ 'other.kind': 'line', 'other.external_id': externalId }))
    .update({ external_id: externalId });
  return learned > 0;
}

/**
 * Rewrites credentials sealed before ciphertexts were bound to their row (`v1`) as `v2`; run at
 * start-up, idempotent, safe with several processes (each row is rewritten only if unchanged).
 */
export async function resealLegacyChannelCredentials(db: Knex, secrets: SecretBox): Promise<number> {
  const rows: { id: string; credentials_encrypted: string }[] = await db('channels')
    .select('id', 'credentials_encrypted')
    .where('credentials_encrypted', 'like', 'v1.%');
  let n = 0;
  for (const r of rows) {
    if (!isLegacySealed(r.credentials_encrypted)) continue;
    const plain = secrets.openLegacy(r.credentials_encrypted);
    n += await db('channels')
      .where({ id: r.id, credentials_encrypted: r.credentials_encrypted })
      .update({ credentials_encrypted: secrets.seal(plain, sealContext(r.id)) });
  }
  return n;
}

/**
 * Every address our e-mail channels send from or take replies at (lower case), and their inbound
 * domains: a mail from one of them to us is a loop between our own addresses, never a customer.
 */
export async function ownEmailAddresses(db: Knex): Promise<{ addresses: Set<string>; inboundDomains: Set<string> }> {
  const rows: { settings: ChannelSettings }[] = await db('channels').select('settings').where({ kind: 'email', is_active: true });
  const addresses = new Set<string>();
  const inboundDomains = new Set<string>();
  for (const r of rows) {
    const e = r.settings?.email;
    if (!e) continue;
    addresses.add(e.fromAddress.toLowerCase());
    addresses.add(e.inboundAddress.toLowerCase());
    inboundDomains.add(e.inboundAddress.slice(e.inboundAddress.lastIndexOf('@') + 1).toLowerCase());
  }
  return { addresses, inboundDomains };
}

import type { Knex } from 'knex';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { ChannelKind } from '../models/vocabulary.ts';

/**
 * Channels and their credentials. Credentials are stored sealed (AES-256-GCM) and opened here
 * only; webhooks look a channel up on every request, so opened channels are kept for a short while.
 */
export interface LineCredentials {
  channelSecret: string;
  channelAccessToken: string;
}

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
}

export interface ChannelSettings {
  /** Where the channel came from: `env` for the bootstrap variables, `simulator` for the dev chat. */
  origin?: 'env' | 'api' | 'simulator';
  /** Overrides LINE_API_BASE_URL / LINE_DATA_API_BASE_URL / TWILIO_API_BASE_URL for this channel. */
  apiBaseUrl?: string;
  dataApiBaseUrl?: string;
  /** WhatsApp: approved template (content SID) to reopen a conversation outside the 24-hour window. */
  reopenTemplateSid?: string;
  [key: string]: unknown;
}

interface ChannelBase {
  id: string;
  orgId: string;
  name: string;
  /** LINE: the bot's user id (webhook `destination`); WhatsApp: the sender address. */
  externalId: string | null;
  isActive: boolean;
  settings: ChannelSettings;
}

export type Channel =
  | (ChannelBase & { kind: 'line'; credentials: LineCredentials })
  | (ChannelBase & { kind: 'whatsapp'; credentials: TwilioCredentials });

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

export class ChannelDirectory {
  readonly #knex: Knex;
  readonly #secrets: SecretBox;
  readonly #ttlMs: number;
  readonly #cache = new Map<string, { at: number; channel: Channel | undefined }>();

  constructor(knex: Knex, secrets: SecretBox, ttlMs = 30_000) {
    this.#knex = knex;
    this.#secrets = secrets;
    this.#ttlMs = ttlMs;
  }

  /** An active channel by id. */
  byId(id: string): Promise<Channel | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(undefined);
    return this.#cached(`id:${id}`, (q) => q.where({ id }));
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

  forget(): void {
    this.#cache.clear();
  }

  async #cached(key: string, where: (q: Knex.QueryBuilder) => Knex.QueryBuilder): Promise<Channel | undefined> {
    const hit = this.#cache.get(key);
    if (hit && Date.now() - hit.at < this.#ttlMs) return hit.channel;
    const row: ChannelRow | undefined = await where(this.#knex('channels').select('*').where({ is_active: true })).first();
    const channel = row ? this.open(row) : undefined;
    this.#cache.set(key, { at: Date.now(), channel });
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
    const credentials = row.credentials_encrypted ? this.#secrets.openJson<Record<string, string>>(row.credentials_encrypted) : {};
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
  credentials: LineCredentials | TwilioCredentials;
  settings?: ChannelSettings;
}

export async function createChannel(db: Knex | Knex.Transaction, secrets: SecretBox, c: NewChannel): Promise<string> {
  const [row] = await db('channels')
    .insert({
      org_id: c.orgId,
      kind: c.kind,
      name: c.name,
      external_id: c.externalId ?? null,
      credentials_encrypted: secrets.seal(c.credentials),
      settings: JSON.stringify(c.settings ?? {}),
    })
    .returning('id');
  return row.id;
}

/**
 * Makes the channel of `origin` for the org match what it is given (the bootstrap variables, or the
 * simulator's generated credentials): created once, its credentials replaced when they change.
 */
export async function upsertChannelByOrigin(db: Knex, secrets: SecretBox, c: NewChannel & { settings: ChannelSettings & { origin: string } }): Promise<string> {
  const existing = await db('channels')
    .select('id')
    .where({ org_id: c.orgId, kind: c.kind })
    .whereRaw(`settings->>'origin' = ?`, [c.settings.origin])
    .first();
  if (!existing) return createChannel(db, secrets, c);
  await db('channels')
    .where({ id: existing.id })
    .update({
      name: c.name,
      credentials_encrypted: secrets.seal(c.credentials),
      settings: JSON.stringify(c.settings),
      is_active: true,
      ...(c.externalId ? { external_id: c.externalId } : {}),
    });
  return existing.id;
}

/** A LINE channel learns its bot user id from the first webhook's `destination`. */
export async function learnExternalId(db: Knex, channelId: string, externalId: string): Promise<void> {
  await db('channels').where({ id: channelId }).whereNull('external_id').update({ external_id: externalId });
}

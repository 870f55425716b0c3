import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { upsertChannelByOrigin } from '../../core/channels/channel-directory.ts';
import type { SecretBox } from '../../core/crypto/secret-box.ts';

/**
 * The channels the chat simulator plays on: a LINE channel and a WhatsApp number of the default
 * org, and a LINE channel of each other business a customer of the simulator writes to (made when
 * first used), with fresh credentials at every start, whose API base URLs point at the fake platforms this
 * same server serves under /dev. They are never the default channels of /webhooks/line or
 * /webhooks/whatsapp; the simulator addresses them by id.
 */
export interface SimulatorChannels {
  line: { channelId: string; channelSecret: string; channelAccessToken: string };
  whatsapp: { channelId: string; accountSid: string; authToken: string; businessNumber: string };
  /** Once the server listens: point the channels' SDK clients at its fake platforms. */
  pointAt(urls: { lineApiBaseUrl: string; twilioApiBaseUrl: string }): Promise<void>;
  /**
   * Another business's own simulated LINE Official Account (the simulator's "Business" choice):
   * a LINE channel of that org with these credentials, pointed at the fake LINE. Its id, or
   * undefined when no active business has that id.
   */
  connectBusinessLine(orgId: string, line: { channelSecret: string; channelAccessToken: string }, lineApiBaseUrl: string): Promise<string | undefined>;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export async function prepareSimulatorChannels(db: Knex, secrets: SecretBox, orgId: string): Promise<SimulatorChannels> {
  const line = { channelSecret: hex(16), channelAccessToken: `sim-${hex(24)}` };
  const whatsapp = { accountSid: `AC${hex(16)}`, authToken: hex(16), businessNumber: 'whatsapp:+66600000000' };
  const save = (settings: Record<string, string>) =>
    Promise.all([
      saveLine(db, secrets, orgId, line, settings.line),
      upsertChannelByOrigin(db, secrets, {
        orgId,
        kind: 'whatsapp',
        name: 'WhatsApp (chat simulator)',
        externalId: whatsapp.businessNumber,
        credentials: { accountSid: whatsapp.accountSid, authToken: whatsapp.authToken },
        settings: { origin: 'simulator', ...(settings.twilio ? { apiBaseUrl: settings.twilio } : {}) },
      }),
    ]);
  const [lineChannelId, whatsappChannelId] = await save({});
  return {
    line: { channelId: lineChannelId, ...line },
    whatsapp: { channelId: whatsappChannelId, ...whatsapp },
    async pointAt(urls) {
      await save({ line: urls.lineApiBaseUrl, twilio: urls.twilioApiBaseUrl });
    },
    async connectBusinessLine(businessId, credentials, lineApiBaseUrl) {
      const org = await db('orgs').select('id').where({ id: businessId, status: 'active' }).first();
      return org ? saveLine(db, secrets, businessId, credentials, lineApiBaseUrl) : undefined;
    },
  };
}

/** The simulator's LINE channel of an org (one per org, found again by its origin), pointed at the fake LINE once it listens. */
function saveLine(db: Knex, secrets: SecretBox, orgId: string, credentials: { channelSecret: string; channelAccessToken: string }, lineApiBaseUrl?: string) {
  return upsertChannelByOrigin(db, secrets, {
    orgId,
    kind: 'line',
    name: 'LINE (chat simulator)',
    credentials,
    settings: { origin: 'simulator', ...(lineApiBaseUrl ? { apiBaseUrl: lineApiBaseUrl, dataApiBaseUrl: lineApiBaseUrl } : {}) },
  });
}

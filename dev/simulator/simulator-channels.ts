import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { upsertChannelByOrigin } from '../../core/channels/channel-directory.ts';
import type { SecretBox } from '../../core/crypto/secret-box.ts';

/**
 * The channels the chat simulator plays on: a LINE channel and a WhatsApp number of the default
 * org, with fresh credentials at every start, whose API base URLs point at the fake platforms this
 * same server serves under /dev. They are never the default channels of /webhooks/line or
 * /webhooks/whatsapp; the simulator addresses them by id.
 */
export interface SimulatorChannels {
  line: { channelId: string; channelSecret: string; channelAccessToken: string };
  whatsapp: { channelId: string; accountSid: string; authToken: string; businessNumber: string };
  /** Once the server listens: point the channels' SDK clients at its fake platforms. */
  pointAt(urls: { lineApiBaseUrl: string; twilioApiBaseUrl: string }): Promise<void>;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export async function prepareSimulatorChannels(db: Knex, secrets: SecretBox, orgId: string): Promise<SimulatorChannels> {
  const line = { channelSecret: hex(16), channelAccessToken: `sim-${hex(24)}` };
  const whatsapp = { accountSid: `AC${hex(16)}`, authToken: hex(16), businessNumber: 'whatsapp:+66600000000' };
  const save = (settings: Record<string, string>) =>
    Promise.all([
      upsertChannelByOrigin(db, secrets, {
        orgId,
        kind: 'line',
        name: 'LINE (chat simulator)',
        credentials: line,
        settings: { origin: 'simulator', ...(settings.line ? { apiBaseUrl: settings.line, dataApiBaseUrl: settings.line } : {}) },
      }),
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
  };
}

import type { Knex } from 'knex';
import type { Config } from '../config.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { upsertChannelByOrigin } from './channel-directory.ts';

/**
 * The default org's channels from the bootstrap variables (LINE_CHANNEL_*, TWILIO_*). Re-run on
 * every start, so that rotating a token in the environment rotates it in the database.
 */
export async function bootstrapChannels(db: Knex, secrets: SecretBox, orgId: string, config: Config): Promise<void> {
  const { line, twilio } = config;
  if (line.channelSecret && line.channelAccessToken) {
    await upsertChannelByOrigin(db, secrets, {
      orgId,
      kind: 'line',
      name: 'LINE Official Account',
      credentials: { channelSecret: line.channelSecret, channelAccessToken: line.channelAccessToken },
      settings: { origin: 'env' },
    });
  }
  if (twilio.accountSid && twilio.authToken && twilio.whatsappFrom) {
    await upsertChannelByOrigin(db, secrets, {
      orgId,
      kind: 'whatsapp',
      name: 'WhatsApp',
      externalId: twilio.whatsappFrom.startsWith('whatsapp:') ? twilio.whatsappFrom : `whatsapp:${twilio.whatsappFrom}`,
      credentials: { accountSid: twilio.accountSid, authToken: twilio.authToken },
      settings: { origin: 'env' },
    });
  }
}

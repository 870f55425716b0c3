import { TimestampedModel } from './base-model.ts';
import type { ChannelKind, Language } from './vocabulary.ts';

/**
 * A customer-facing text in one language, with {{variables}}: {{case_id}}, {{status}}, {{eta}},
 * {{order_id}}, {{amount}}, {{provider}}, {{elapsed_time}}, {{tracking_url}}, {{booking_id}},
 * {{service}}, {{date}}, {{time}}, {{party_size}}, {{missing}}, {{name}}, {{role}}.
 */
export class Template extends TimestampedModel {
  static override tableName = 'templates';

  declare id: string;
  declare orgId: string;
  declare key: string;
  declare language: Language;
  declare body: string;
  /** Null: any channel. */
  declare channel: ChannelKind | null;
  /** The approved WhatsApp template to use outside the 24-hour window. */
  declare whatsappContentSid: string | null;
  declare description: string | null;
}

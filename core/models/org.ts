import { Model } from 'objection';
import { TimestampedModel } from './base-model.ts';
import type { Language } from './vocabulary.ts';
import { Channel } from './channel.ts';
import { StaffMember } from './staff-member.ts';

/** {"mon": [["09:00", "18:00"]], ...} in the org's time zone. */
export type BusinessHours = Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', [string, string][]>>;

/** A business using the product (a tenant). */
export class Org extends TimestampedModel {
  static override tableName = 'orgs';
  static override jsonAttributes = ['businessHours', 'holidays', 'settings'];

  declare id: string;
  declare slug: string;
  declare name: string;
  declare isDefault: boolean;
  declare timeZone: string;
  declare defaultLanguage: Language;
  /** Null: open around the clock. */
  declare businessHours: BusinessHours | null;
  /** ISO dates on which the business calendar is closed. */
  declare holidays: string[];
  declare settings: Record<string, unknown>;

  declare channels?: Channel[];
  declare staff?: StaffMember[];

  static override relationMappings = () => ({
    channels: {
      relation: Model.HasManyRelation,
      modelClass: Channel,
      join: { from: 'orgs.id', to: 'channels.org_id' },
    },
    staff: {
      relation: Model.HasManyRelation,
      modelClass: StaffMember,
      join: { from: 'orgs.id', to: 'staff.org_id' },
    },
  });
}

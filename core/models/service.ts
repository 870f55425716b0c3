import { Model } from 'objection';
import { TimestampedModel } from './base-model.ts';
import type { LocalizedExamples } from './case-type.ts';
import { Booking } from './booking.ts';

/** Something a customer can book: a class, a tour, a transfer. */
export class Service extends TimestampedModel {
  static override tableName = 'services';
  static override jsonAttributes = ['examples'];

  declare id: string;
  declare orgId: string;
  declare key: string;
  declare nameTh: string;
  declare nameEn: string;
  declare description: string | null;
  declare durationMinutes: number | null;
  /** Places per slot; null: not limited. */
  declare capacity: number | null;
  /** NUMERIC(12,2) as a string, e.g. "1500.00". */
  declare price: string | null;
  declare currency: string;
  declare keywords: string[];
  declare examples: LocalizedExamples;
  declare isActive: boolean;
  declare sortOrder: number;

  declare bookings?: Booking[];

  static override relationMappings = () => ({
    bookings: {
      relation: Model.HasManyRelation,
      modelClass: Booking,
      join: { from: 'services.id', to: 'bookings.service_id' },
    },
  });
}

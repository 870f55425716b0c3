import { Model } from 'objection';
import { TimestampedModel } from './base-model.ts';
import { Org } from './org.ts';

/** A question the business answers the same way every time; the bot answers it when sure. */
export class FaqEntry extends TimestampedModel {
  static override tableName = 'faq_entries';

  declare id: string;
  declare orgId: string;
  declare key: string;
  declare questionTh: string | null;
  declare questionEn: string | null;
  declare answerTh: string;
  declare answerEn: string;
  declare keywords: string[];
  declare isActive: boolean;

  static override relationMappings = () => ({
    org: { relation: Model.BelongsToOneRelation, modelClass: Org, join: { from: 'faq_entries.org_id', to: 'orgs.id' } },
  });
}

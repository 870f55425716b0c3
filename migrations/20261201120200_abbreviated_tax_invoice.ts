import type { Knex } from 'knex';

/**
 * The Thai abbreviated tax invoice (ใบกำกับภาษีอย่างย่อ, Revenue Code section 86/6; docs/documents.md):
 * a retail sale's tax invoice that names no buyer, with the price including VAT, numbered in its
 * own gap-free series (ABB-000001). The database holds what makes it one: issued by a seller with
 * a tax id, VAT charged, prices including it.
 */
const TYPES_BEFORE = ['receipt', 'invoice', 'tax_invoice', 'credit_note'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE documents DROP CONSTRAINT documents_type;
    ALTER TABLE documents ADD CONSTRAINT documents_type CHECK (type IN (${list([...TYPES_BEFORE, 'abbreviated_tax_invoice'])}));
    ALTER TABLE documents ADD CONSTRAINT documents_abbreviated_tax_invoice CHECK (
      type <> 'abbreviated_tax_invoice' OR (seller->>'taxId' IS NOT NULL AND prices_include_vat AND vat_rate_bp > 0));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE documents DROP CONSTRAINT documents_abbreviated_tax_invoice;
    ALTER TABLE documents DROP CONSTRAINT documents_type;
    ALTER TABLE documents ADD CONSTRAINT documents_type CHECK (type IN (${list(TYPES_BEFORE)}));
  `);
}

import type { Knex } from 'knex';

/**
 * `documents`: receipts, invoices, tax invoices and credit notes (core/documents/, docs/documents.md).
 * A row is everything printed on the document, fixed at issue: the seller and the buyer as they
 * were (snapshots, not references), the lines, the totals in integer minor units. Its number runs
 * without gaps per org and type (org_counters, taken in the issuing transaction).
 *
 * Never edited after issue, and the database holds that, whoever connects: an UPDATE of anything
 * printed, or a DELETE, is refused by a trigger. A correction is a credit note. Two things may
 * still happen to a row: the booking or contact it links to goes away (the link becomes NULL; the
 * document keeps its snapshot), and the org itself is deleted by the platform operator (its
 * documents go with it).
 */
const TYPES = ['receipt', 'invoice', 'tax_invoice', 'credit_note'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('documents', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.text('type').notNullable();
    t.text('number').notNullable();
    t.timestamp('issued_at', { useTz: true }).notNullable();
    t.text('language').notNullable();
    t.text('currency').notNullable();
    // {name, address, taxId, branch} as they were at issue.
    t.jsonb('seller').notNullable();
    t.jsonb('buyer').notNullable();
    // [{description, quantity, unitPriceMinor, amountMinor}]
    t.jsonb('lines').notNullable();
    t.bigInteger('subtotal_minor').notNullable();
    t.bigInteger('vat_minor').notNullable();
    t.bigInteger('total_minor').notNullable();
    // 700 = 7 %; 0 for a seller not registered for VAT.
    t.integer('vat_rate_bp').notNullable();
    t.boolean('prices_include_vat').notNullable();
    t.uuid('booking_id').references('bookings.id').onDelete('SET NULL');
    t.uuid('contact_id').references('contacts.id').onDelete('SET NULL');
    // The payment this receipt is for, as the payments side names it (free text: not a reference to its table).
    t.text('payment_ref');
    t.text('payment_method');
    t.timestamp('paid_at', { useTz: true });
    // A credit note: the document it corrects, and that document as it stood ({number, type, issuedAt, totalMinor, creditedBeforeMinor}).
    t.uuid('corrects_document_id').references('documents.id');
    t.jsonb('corrects');
    t.text('reason');
    // The customer's link to the PDF (GET /public/v1/documents/<token>.pdf): no sign-in, so unguessable.
    t.text('customer_token').notNullable();
    // Who issued it: staff, an API key, the system (a payment confirmed).
    t.text('issued_by_type').notNullable();
    t.text('issued_by_id');
    // POST /api/v1/documents with an Idempotency-Key: a retried request answers the document it issued.
    t.text('idempotency_key');
    t.text('idempotency_hash');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'number']);
    t.unique(['customer_token']);
    t.unique(['org_id', 'idempotency_key']);
    t.index(['org_id', 'issued_at']);
    t.index(['booking_id']);
    t.index(['corrects_document_id']);
  });
  await knex.raw(`
    ALTER TABLE documents ADD CONSTRAINT documents_type CHECK (type IN (${list(TYPES)}));
    ALTER TABLE documents ADD CONSTRAINT documents_language CHECK (language IN ('th', 'en'));
    ALTER TABLE documents ADD CONSTRAINT documents_currency CHECK (currency ~ '^[A-Z]{3}$');
    ALTER TABLE documents ADD CONSTRAINT documents_money CHECK (
      subtotal_minor >= 0 AND vat_minor >= 0 AND total_minor = subtotal_minor + vat_minor AND vat_rate_bp BETWEEN 0 AND 10000);
    ALTER TABLE documents ADD CONSTRAINT documents_credit_note CHECK ((type = 'credit_note') = (corrects_document_id IS NOT NULL));
    -- A tax invoice names both tax ids (Revenue Code section 86/4).
    ALTER TABLE documents ADD CONSTRAINT documents_tax_ids CHECK (type <> 'tax_invoice' OR (seller->>'taxId' IS NOT NULL AND buyer->>'taxId' IS NOT NULL));
    -- One receipt per payment: a payment confirmed twice is receipted once.
    CREATE UNIQUE INDEX documents_one_receipt_per_payment ON documents (org_id, payment_ref) WHERE type = 'receipt' AND payment_ref IS NOT NULL;

    CREATE FUNCTION documents_never_edited() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        -- Only with its org, when the platform operator deletes the org.
        IF EXISTS (SELECT 1 FROM orgs WHERE id = OLD.org_id) THEN
          RAISE EXCEPTION 'document % was issued and is never deleted: issue a credit note', OLD.number USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN OLD;
      END IF;
      IF (to_jsonb(NEW) - 'booking_id' - 'contact_id') IS DISTINCT FROM (to_jsonb(OLD) - 'booking_id' - 'contact_id')
         OR (NEW.booking_id IS DISTINCT FROM OLD.booking_id AND NEW.booking_id IS NOT NULL)
         OR (NEW.contact_id IS DISTINCT FROM OLD.contact_id AND NEW.contact_id IS NOT NULL) THEN
        RAISE EXCEPTION 'document % was issued and is never edited: issue a credit note', OLD.number USING ERRCODE = 'restrict_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER documents_never_edited BEFORE UPDATE OR DELETE ON documents FOR EACH ROW EXECUTE FUNCTION documents_never_edited();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS documents; DROP FUNCTION IF EXISTS documents_never_edited();');
}

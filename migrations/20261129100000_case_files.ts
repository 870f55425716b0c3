import type { Knex } from 'knex';

/**
 * Files staff or the business's system attach to a case with a note (docs/cases.md, "Notes and
 * files"): stored like a customer's media (DATA_DIR/media, `media_path`), served by the same signed
 * link as any message's file (`/media/<id>`: the link names this row's id), and named on the case's
 * timeline by the `note` event that carries them. Written only by core/cases/case-files.ts.
 *
 * `added_by_type`/`added_by_id` as the timeline says who acted: a staff member, or an API key.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_files', (t) => {
    t.uuid('id').primary();
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.uuid('case_id').notNullable().references('cases.id');
    t.text('name').notNullable();
    t.text('content_type').notNullable();
    t.integer('size_bytes').notNullable();
    // Null once its case's customer was erased (PDPA): the link answers 404, as an erased message's media.
    t.text('media_path');
    t.text('added_by_type').notNullable();
    t.text('added_by_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'case_id']);
  });
  await knex.raw(`ALTER TABLE case_files ADD CONSTRAINT case_files_added_by CHECK (added_by_type IN ('staff', 'api_key'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('case_files');
}

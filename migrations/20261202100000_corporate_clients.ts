import type { Knex } from 'knex';

/**
 * Corporate clients (seed 000, B2B2C; docs/members.md "Corporate clients"): a company buys a
 * number of seats; its people join by the client's code and each takes a seat, as a member given
 * the client's package. Seats are counted with the client's row locked, so two people racing for
 * the last seat cannot both take it; a member holds at most one seat at a time (partial unique
 * index). Wrong codes typed in the chat are counted per contact, so codes cannot be tried in bulk.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE corporate_clients (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      code text NOT NULL CHECK (code ~ '^[A-Z0-9]{1,8}-[0-9A-Z]{4}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      contact_name text,
      contact_email text,
      seats integer NOT NULL CHECK (seats BETWEEN 1 AND 100000),
      package_id uuid REFERENCES member_packages(id),
      valid_from timestamptz NOT NULL,
      valid_until timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (valid_until > valid_from)
    );
    -- Codes are compared without their dash (typed "acme 7f3k" is ACME-7F3K).
    CREATE UNIQUE INDEX corporate_clients_code ON corporate_clients (org_id, replace(code, '-', ''));

    CREATE TABLE corporate_seats (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      client_id uuid NOT NULL REFERENCES corporate_clients(id) ON DELETE CASCADE,
      member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
      sale_id uuid REFERENCES member_package_sales(id),
      taken_at timestamptz NOT NULL DEFAULT now(),
      released_at timestamptz,
      released_reason text
    );
    CREATE UNIQUE INDEX corporate_seats_one_per_member ON corporate_seats (member_id) WHERE released_at IS NULL;
    CREATE INDEX corporate_seats_client ON corporate_seats (client_id) WHERE released_at IS NULL;

    CREATE TABLE corporate_code_misses (
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX corporate_code_misses_contact ON corporate_code_misses (contact_id, at);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE corporate_code_misses; DROP TABLE corporate_seats; DROP TABLE corporate_clients;');
}

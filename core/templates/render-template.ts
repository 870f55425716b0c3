import type { Knex } from 'knex';
import type { Language } from '../vocabulary.ts';

/**
 * Customer-facing text comes from the org's templates (DESIGN.md decision 7): `{{name}}` is
 * replaced by the variable, a missing variable by nothing. A template missing in the contact's
 * language falls back to the other language rather than to silence.
 */
export type TemplateVars = Record<string, string | number | null | undefined>;

export function fillTemplate(body: string, vars: TemplateVars): string {
  return body.replace(/\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi, (_, name: string) => {
    const v = vars[name];
    return v === null || v === undefined ? '' : String(v);
  });
}

export async function renderTemplate(
  db: Knex | Knex.Transaction,
  orgId: string,
  key: string,
  language: Language,
  vars: TemplateVars = {},
): Promise<string | undefined> {
  const rows: { language: Language; body: string }[] = await db('templates').select('language', 'body').where({ org_id: orgId, key });
  const row = rows.find((r) => r.language === language) ?? rows[0];
  return row ? fillTemplate(row.body, vars) : undefined;
}

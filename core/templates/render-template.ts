import type { Knex } from 'knex';
import { orgCachedShared } from '../db/org-cache.ts';
import type { Language } from '../vocabulary.ts';

/**
 * Customer-facing text comes from the org's templates (DESIGN.md decision 7): `{{name}}` is
 * replaced by the variable, a missing variable by nothing, and a bullet line ("• Time: {{time}}")
 * whose variables are all missing is left out (a multi-day tour's booking has no time to show). A
 * template missing in the contact's language falls back to the other language rather than to silence.
 */
export type TemplateVars = Record<string, string | number | null | undefined>;

const VARIABLE = /\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi;
const BULLET = /^\s*[•·*-]\s/;
const missing = (v: TemplateVars[string]) => v === null || v === undefined || v === '';

export function fillTemplate(body: string, vars: TemplateVars): string {
  const fill = (text: string) => text.replace(VARIABLE, (_, name: string) => (missing(vars[name]) ? '' : String(vars[name])));
  if (!body.includes('\n')) return fill(body);
  return body
    .split('\n')
    .filter((line) => {
      if (!BULLET.test(line)) return true;
      const names = [...line.matchAll(VARIABLE)].map((m) => m[1]);
      return names.length === 0 || names.some((n) => !missing(vars[n]));
    })
    .map(fill)
    .join('\n');
}

export async function renderTemplate(
  db: Knex | Knex.Transaction,
  orgId: string,
  key: string,
  language: Language,
  vars: TemplateVars = {},
): Promise<string | undefined> {
  const rows = (await orgTemplates(db, orgId))?.[key] ?? [];
  const row = rows.find((r) => r.language === language) ?? rows[0];
  return row ? fillTemplate(row.body, vars) : undefined;
}

type TemplateBodies = Record<string, readonly { readonly language: Language; readonly body: string }[]>;

/**
 * The org's templates, by key: a greeting's answer alone reads a dozen of them (its text, its
 * buttons' labels), so they are kept in memory per process with the org's settings and dropped when
 * one changes (core/db/org-cache.ts; the trigger of migration 20261202300000).
 */
function orgTemplates(db: Knex | Knex.Transaction, orgId: string): Promise<Readonly<TemplateBodies> | undefined> {
  // Shared, not copied per render (core/db/org-cache.ts `orgCachedShared`): renders only read them.
  return orgCachedShared(db, 'templates', orgId, async (q) => {
    const rows: { key: string; language: Language; body: string }[] = await q('templates').select('key', 'language', 'body').where({ org_id: orgId }).orderBy('id');
    const byKey: Record<string, { language: Language; body: string }[]> = {};
    for (const r of rows) (byKey[r.key] ??= []).push({ language: r.language, body: r.body });
    return byKey;
  });
}

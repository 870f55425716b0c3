/**
 * A value a JSON schema (of the OpenAPI document) accepts, made up from the schema alone: the
 * isolation test sends one to every operation, so that a request gets past its body's checks to
 * the look-up of the record it names. Required fields only; the first of each choice.
 */
export type Schema = Record<string, any>;

export function exampleOf(schema: Schema | undefined, doc: { components?: { schemas?: Record<string, Schema> } }, depth = 0): unknown {
  if (!schema || depth > 8) return undefined;
  if (schema.$ref) return exampleOf(doc.components?.schemas?.[String(schema.$ref).split('/').pop()!], doc, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  for (const choice of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (schema[choice]) {
      const options = (schema[choice] as Schema[]).filter((s) => s.type !== 'null');
      if (choice === 'allOf') return Object.assign({}, ...options.map((s) => exampleOf(s, doc, depth + 1) as object));
      return exampleOf(options[0], doc, depth + 1);
    }
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      // Nothing required (a change of some fields): the first field, since a change of nothing is refused.
      const keys: string[] = schema.required?.length ? schema.required : Object.keys(schema.properties ?? {}).slice(0, 1);
      for (const key of keys) out[key] = exampleOf(schema.properties?.[key], doc, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 1 }, () => exampleOf(schema.items, doc, depth + 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'string':
      return stringFor(schema);
    default:
      return schema.properties ? exampleOf({ ...schema, type: 'object' }, doc, depth) : 'x';
  }
}

function stringFor(s: Schema): string {
  switch (s.format) {
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    case 'date-time':
      return new Date(Date.now() + 86_400_000).toISOString();
    case 'date':
      return `${new Date().getUTCFullYear() + 1}-01-15`;
    case 'email':
      return 'someone@example.com';
    case 'uri':
    case 'url':
      return 'https://example.com/x';
  }
  if (s.pattern && /\[a-z\]/.test(s.pattern)) return 'abc';
  const base = 'Example text';
  return s.minLength && s.minLength > base.length ? base.padEnd(s.minLength, 'x') : s.maxLength && s.maxLength < base.length ? 'x'.repeat(Math.max(1, s.minLength ?? 1)) : base;
}

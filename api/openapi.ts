import { z } from 'zod';
import { errorBody } from '../core/contracts/platform.ts';
import type { FormRules } from './middleware/body.ts';
import { servedAt, type Route } from './route.ts';

/** Builds the OpenAPI 3.1 document from the route declarations and their zod schemas: one operation per audience a route serves. */
export function buildOpenApi(routes: Route[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  // Every contract schema with a `meta({ id })` becomes a component; references between them
  // point into components, so nothing is inlined twice.
  const uri = (id: string) => `#/components/schemas/${id}`;
  const { schemas } = z.toJSONSchema(z.globalRegistry, { uri, unrepresentable: 'any' }) as { schemas: Record<string, Record<string, unknown>> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  const schemaOf = (s: z.ZodType, io: 'input' | 'output'): Record<string, unknown> => {
    const id = z.globalRegistry.get(s)?.id;
    if (id) return { $ref: uri(id) };
    const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
    return rest;
  };
  const error = schemaOf(errorBody, 'output');
  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: error } } });

  for (const r of routes) for (const door of servedAt(r)) {
    const path = door.path.replace(/:(\w+)/g, '{$1}');
    const params: { name: string; in: string; required: boolean; schema: { type: string }; description?: string }[] = [...door.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (r.signed) {
      params.push(
        { name: 'X-Opsdesk-Timestamp', in: 'header', required: true, schema: { type: 'string' }, description: 'Unix time in seconds; more than 5 minutes away from ours is refused (replay protection)' },
        {
          name: 'X-Opsdesk-Signature',
          in: 'header',
          required: true,
          schema: { type: 'string' },
          description: `v1=<hex HMAC-SHA256(${r.signed.variable}, "<timestamp>.<raw body>")>; several v1= values separated by commas are accepted (secret rotation)`,
        },
      );
    }
    if (r.query) {
      const q = schemaOf(r.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        params.push({ name, in: 'query', required: (q.required ?? []).includes(name), schema: schema as { type: string } });
      }
    }
    const responses: Record<string, unknown> = {
      [String(r.status ?? 200)]: { description: 'Success', content: { [r.produces ?? 'application/json']: { schema: r.produces ? { type: 'string', format: 'binary' } : schemaOf(r.response, 'output') } } },
    };
    const access = door.access;
    if (access === 'liff' || typeof access === 'object') {
      responses['401'] = errorResponse('Missing, forged, expired or wrong-audience LIFF ID token');
      if (typeof access === 'object') {
        responses['403'] = errorResponse(
          `Not an active staff member (details.reason \`not_staff\` or \`staff_removed\`), or their role lacks ${access.liffStaff} (\`role_forbids\`)`,
        );
      }
      responses['503'] = errorResponse('LINE could not be reached to verify the token');
    } else if (access === 'platform') {
      responses['401'] = errorResponse('Missing or invalid platform key');
      responses['403'] = errorResponse("An org's API key (details.reason `org_key_on_platform_route`)");
      responses['503'] = errorResponse('PLATFORM_API_KEY is not set on the server');
    } else if (access !== 'public') {
      responses['401'] = errorResponse(r.signed ? 'Missing or invalid API key, or a missing, wrong or stale X-Opsdesk-Signature' : 'Missing or invalid API key');
      if (r.signed) responses['503'] = errorResponse(`${r.signed.variable} is not set on the server`);
      responses['403'] = errorResponse(`The key's role lacks ${access}`);
    }
    if (r.body) {
      responses['400'] = errorResponse('Malformed JSON');
      responses['413'] = errorResponse('Body too large');
      responses['422'] = errorResponse('Validation failed');
    }
    if (r.form) {
      responses['413'] = errorResponse(`A file larger than ${r.form.fileLimitBytes} bytes, or a body larger than ${r.form.limitBytes}`);
      responses['415'] = errorResponse(`A file not one of: ${r.form.types.join(', ')}`);
    }
    if (r.upload) {
      responses['413'] = errorResponse(`The file is larger than ${r.upload.limitBytes} bytes`);
      responses['415'] = errorResponse(`Not one of: ${r.upload.types.join(', ')}`);
    }
    paths[path] ??= {};
    paths[path][r.method] = {
      summary: door.summary,
      tags: [door.tag],
      ...(access === 'public'
        ? { security: [] }
        : access === 'platform'
          ? { security: [{ platformKey: [] }] }
        : access === 'liff'
          ? { security: [{ liffIdToken: [] }] }
          : typeof access === 'object'
            ? { security: [{ liffIdToken: [] }], 'x-permission': access.liffStaff }
            : { 'x-permission': access }),
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') }, ...(r.form ? multipartOf(r.form, schemaOf(r.body, 'input')) : {}) } } } : {}),
      ...(r.upload ? { requestBody: { required: true, content: Object.fromEntries(r.upload.types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    security: [{ apiKey: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key issued to the org' },
        platformKey: { type: 'http', scheme: 'bearer', description: "The platform operator's key (PLATFORM_API_KEY): /platform/v1 only" },
        liffIdToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "A LIFF ID token (`liff.getIDToken()`), verified with LINE against LINE_LOGIN_CHANNEL_ID" },
      },
    },
  };
}

/** A route's multipart body: its JSON fields as one part, its files as parts of one name. */
function multipartOf(form: FormRules, fields: Record<string, unknown>) {
  return {
    'multipart/form-data': {
      schema: {
        type: 'object',
        properties: {
          [form.jsonField]: fields,
          [form.fileField]: { type: 'array', maxItems: form.maxFiles, items: { type: 'string', format: 'binary', maxLength: form.fileLimitBytes } },
        },
      },
      encoding: { [form.jsonField]: { contentType: 'application/json' }, [form.fileField]: { contentType: form.types.join(', ') } },
    },
  };
}

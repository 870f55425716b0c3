import type { Context, Next } from 'koa';
import { DomainError, validationFailed } from '../../core/errors/index.ts';

/**
 * Reads the request body as raw bytes, with a size limit, and parses nothing: webhook signatures
 * are checked on these exact bytes before any parsing, and each route parses what it expects
 * (`jsonBody`). Over the limit: 413 (without reading the rest when Content-Length says so).
 */
export interface BodyOptions {
  limitBytes: number;
}

declare module 'koa' {
  interface Request {
    rawBody?: Buffer;
  }
}

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function readBody(opts: BodyOptions) {
  return async (ctx: Context, next: Next) => {
    await readBodyOnce(ctx, opts.limitBytes);
    return next();
  };
}

/**
 * Reads the body into `ctx.request.rawBody` unless it was read already. The app calls it only
 * once a request is routed, rate-limited and (for the API) authenticated, so that nobody can make
 * the server read a large body without being allowed to send it.
 */
export async function readBodyOnce(ctx: Context, limitBytes: number): Promise<void> {
  if (ctx.request.rawBody !== undefined || !methodsWithBody.has(ctx.method)) return;
  const declared = Number(ctx.get('content-length') || NaN);
  if (declared > limitBytes) throw tooLarge(limitBytes);
  ctx.request.rawBody = await readLimited(ctx, limitBytes);
}

/**
 * The body as JSON; an empty body is `undefined`, anything unparsable a 400. Only what
 * `readBodyOnce` read: a route mounted outside `mountRoute` (api/route.ts) calls it first, once
 * the caller is known to be allowed.
 */
export function jsonBody(ctx: Context): unknown {
  const raw = ctx.request.rawBody;
  if (!raw || raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new DomainError('malformed_body', 'The request body is not valid JSON');
  }
}

/** What a route takes in a multipart/form-data body (api/route.ts `form`). */
export interface FormRules {
  /** The whole body at most (413 `bodyTooLarge`). */
  limitBytes: number;
  /** The part that holds the fields, as JSON: checked by the route's `body` as a JSON body is. */
  jsonField: string;
  /** The name of every file part. */
  fileField: string;
  maxFiles: number;
  /** Each file at most (413 `tooLarge`). */
  fileLimitBytes: number;
  /** Each file one of these types (415 `unsupported`). */
  types: readonly string[];
  /** The refusals in the route's own words. */
  tooLarge: string;
  bodyTooLarge: string;
  unsupported: string;
}

/** A file of a multipart body, as its sender named and typed it. */
export interface UploadedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/**
 * A multipart/form-data body that `readBodyOnce` read, parsed by the platform's own parser (the
 * Fetch API's `formData()`, no library of ours): the JSON part as the fields, and the files, each
 * checked for its type, then its size, and refused whole if any is wrong, so that a handler never
 * sees part of a request. A part of another name is refused rather than dropped: a file sent under
 * the wrong name would otherwise be lost without a word.
 */
export async function formBody(ctx: Context, rules: FormRules): Promise<{ fields: unknown; files: UploadedFile[] }> {
  const raw = ctx.request.rawBody ?? Buffer.alloc(0);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw.buffer as ArrayBuffer, raw.byteOffset, raw.length), { headers: { 'content-type': ctx.get('content-type') } }).formData();
  } catch {
    throw new DomainError('malformed_body', 'The request body is not valid multipart/form-data');
  }
  let fields: unknown = {};
  const files: File[] = [];
  const stray: string[] = [];
  for (const [name, part] of form) {
    if (name === rules.jsonField) {
      const text = typeof part === 'string' ? part : await part.text();
      try {
        fields = JSON.parse(text);
      } catch {
        throw new DomainError('malformed_body', `The "${rules.jsonField}" part is not valid JSON`);
      }
    } else if (name === rules.fileField && typeof part !== 'string') files.push(part);
    else stray.push(name);
  }
  const refused = (path: string, message: string) => validationFailed('The request body is not valid', [{ path, message }]);
  if (stray.length) throw refused(stray[0], `Send the fields as JSON in the part "${rules.jsonField}" and each file as a part "${rules.fileField}"`);
  if (files.length > rules.maxFiles) throw refused(rules.fileField, `At most ${rules.maxFiles} files`);
  for (const f of files) {
    const type = f.type.split(';')[0].trim().toLowerCase();
    if (!rules.types.includes(type)) throw new DomainError('unsupported_media_type', rules.unsupported, { accepted: rules.types, file: f.name, type: f.type || null });
    if (f.size > rules.fileLimitBytes) throw new DomainError('payload_too_large', rules.tooLarge, { limitBytes: rules.fileLimitBytes, file: f.name });
    if (f.size === 0) throw refused(rules.fileField, `The file ${f.name} is empty`);
  }
  return { fields, files: await Promise.all(files.map(async (f) => ({ name: f.name, type: f.type.split(';')[0].trim().toLowerCase(), bytes: new Uint8Array(await f.arrayBuffer()) }))) };
}

function tooLarge(limit: number) {
  return new DomainError('payload_too_large', `The request body is larger than ${limit} bytes`, { limitBytes: limit });
}

function readLimited(ctx: Context, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const req = ctx.req;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Stop reading; the error answer goes out and the connection is not reused.
        req.unpipe?.();
        req.resume();
        ctx.set('Connection', 'close');
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new DomainError('malformed_body', 'The request body could not be read', undefined, { cause: err }));
    };
    function cleanup() {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

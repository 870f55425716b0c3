/**
 * The pages' one way to call the server. A request that never reached it (no network, the
 * connection dropped) is an `Offline` answer, not an error: the page says so and keeps what the
 * customer typed; anything the server answered comes back with its status and body.
 */
export type Answer<T> = { kind: 'ok'; status: number; data: T; headers: Headers } | { kind: 'refused'; status: number; error: ApiError } | { kind: 'offline' };

export interface ApiError {
  code: string;
  message: string;
  details?: unknown;
}

export async function call<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown; idToken?: string; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  // A file goes as it is, with its own type (an upload); a form as multipart (the browser writes
  // its boundary into the type); anything else as JSON.
  const file = init.body instanceof Blob || init.body instanceof FormData ? init.body : undefined;
  if (init.body !== undefined && !(file instanceof FormData)) headers['content-type'] = file ? file.type || 'application/octet-stream' : 'application/json';
  if (init.idToken) headers.authorization = `Bearer ${init.idToken}`;
  let res: Response;
  try {
    res = await fetch(path, { method: init.method ?? 'GET', headers, body: file ?? (init.body === undefined ? undefined : JSON.stringify(init.body)), cache: 'no-store' });
  } catch {
    return { kind: 'offline' };
  }
  const json = await res.json().catch(() => undefined);
  if (res.ok) return { kind: 'ok', status: res.status, data: json as T, headers: res.headers };
  const error = (json as { error?: ApiError } | undefined)?.error ?? { code: 'unknown', message: res.statusText };
  return { kind: 'refused', status: res.status, error };
}

/** The token a page's path carries (`/liff/<page>/<token>`), or its `?token=`. */
export function tokenFromPath(): string {
  const [, , , token] = location.pathname.split('/');
  return token || new URLSearchParams(location.search).get('token') || '';
}

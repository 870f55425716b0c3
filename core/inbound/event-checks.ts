/**
 * Checks for what a webhook stores, per event (issue: signed but malformed bodies must never cost
 * a 500, nor sink the valid events beside them). PostgreSQL refuses NUL characters in text and
 * jsonb, unpaired surrogates in jsonb, timestamps out of its range, and index entries over about
 * 2.7 KB; JavaScript overflows its stack on deeply nested values. Everything stored passes these
 * first, so the database never sees what it would refuse.
 */
export const LIMITS = {
  /** Nesting of a stored JSON value: LINE's events are about 5 deep. */
  maxDepth: 16,
  /** Any string in a stored payload (LINE's texts are at most 5,000 characters). */
  maxStringLength: 20_000,
  /** Keys and array items in all of one stored value. */
  maxNodes: 20_000,
  /** Platform ids (event ids, user, group and message ids, sids): all far shorter in practice. */
  maxIdLength: 128,
} as const;

/** Event times: after 2000-01-01 and at most a day ahead of our clock. */
export const EARLIEST_EVENT_TIME = Date.UTC(2000, 0, 1);
export const MAX_CLOCK_AHEAD_MS = 24 * 3600 * 1000;

/** Why a string cannot be stored, or undefined. */
export function stringProblem(s: string, maxLength: number = LIMITS.maxStringLength): string | undefined {
  if (s.length > maxLength) return `longer than ${maxLength} characters`;
  if (s.includes('\u0000')) return 'contains a NUL character';
  if (!s.isWellFormed()) return 'contains an unpaired surrogate';
  return undefined;
}

/**
 * Walks a parsed JSON value without recursion (a deep value cannot overflow the stack here) and
 * says what in it cannot be stored: too deep, too many nodes, a bad string or key.
 */
export function jsonValueProblem(value: unknown, limits: { maxDepth?: number; maxStringLength?: number; maxNodes?: number } = {}): string | undefined {
  const maxDepth = limits.maxDepth ?? LIMITS.maxDepth;
  const maxString = limits.maxStringLength ?? LIMITS.maxStringLength;
  const maxNodes = limits.maxNodes ?? LIMITS.maxNodes;
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: '' }];
  let nodes = 0;
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (++nodes > maxNodes) return `more than ${maxNodes} values`;
    if (typeof v === 'string') {
      const p = stringProblem(v, maxString);
      if (p) return `${path || 'value'} ${p}`;
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `${path || 'value'} is not a finite number`;
    } else if (v !== null && typeof v === 'object') {
      if (depth >= maxDepth) return `${path || 'value'} is nested deeper than ${maxDepth} levels`;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) stack.push({ v: v[i], depth: depth + 1, path: `${path}[${i}]` });
      } else {
        for (const [k, child] of Object.entries(v)) {
          const p = stringProblem(k, 200);
          if (p) return `a key in ${path || 'value'} ${p}`;
          stack.push({ v: child, depth: depth + 1, path: path ? `${path}.${k}` : k });
        }
      }
    }
  }
  return undefined;
}

/** An id that may be stored and indexed: 1..maxLength visible ASCII characters. */
export function idProblem(id: unknown, maxLength: number = LIMITS.maxIdLength): string | undefined {
  if (typeof id !== 'string') return 'is not a string';
  if (id.length === 0) return 'is empty';
  if (id.length > maxLength) return `is longer than ${maxLength} characters`;
  if (!/^[\x21-\x7e]+$/.test(id)) return 'has characters other than visible ASCII';
  return undefined;
}

/** An event time in ms since the epoch that PostgreSQL and our clocks can both use. */
export function timeProblem(ms: unknown, now: number = Date.now()): string | undefined {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return 'is not a number';
  if (ms < EARLIEST_EVENT_TIME) return 'is before 2000-01-01';
  if (ms > now + MAX_CLOCK_AHEAD_MS) return 'is more than a day in the future';
  return undefined;
}

/** A short, storable excerpt of something that could not be stored whole. */
export function storableExcerpt(text: string, max = 2000): string {
  // Cut first (by code points, so no surrogate pair is split), then clean what is left.
  return Array.from(text.slice(0, max * 2))
    .slice(0, max)
    .join('')
    .replaceAll('\u0000', '\uFFFD')
    .toWellFormed();
}

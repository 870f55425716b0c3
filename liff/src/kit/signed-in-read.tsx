import { useEffect, useState } from 'preact/hooks';
import { call } from './api.ts';
import type { Lang } from './i18n.ts';
import { lineSession } from './line.ts';
import { Failed, Loading } from './ui.tsx';

/** What a page that reads the signed-in customer's own data shows: the read's state. */
export type SignedInRead<T> = { kind: 'loading' } | { kind: 'outside' } | { kind: 'expired' } | { kind: 'failed'; offline: boolean } | { kind: 'shown'; mine: T };

/**
 * The customer's own data from the LIFF API, read with their LINE ID token (my bookings, the
 * member card): outside LINE there is nothing to read, an expired sign-in is said as such, a
 * failure can be tried again. Answers the state and the function that reads again.
 */
export function useSignedInRead<T>(path: string): [SignedInRead<T>, () => Promise<void>] {
  const [state, setState] = useState<SignedInRead<T>>({ kind: 'loading' });
  const load = async () => {
    setState({ kind: 'loading' });
    const session = await lineSession({ signIn: true });
    if (!session) return setState({ kind: 'outside' });
    const a = await call<T>(path, { idToken: session.idToken });
    if (a.kind === 'ok') setState({ kind: 'shown', mine: a.data });
    else if (a.kind === 'refused' && a.status === 401) setState({ kind: 'expired' });
    else setState({ kind: 'failed', offline: a.kind === 'offline' });
  };
  useEffect(() => void load(), []);
  return [state, load];
}

/** Everything but the data itself: loading, "open this in LINE", sign-in expired, failed (try again). */
export function NotShown<T>(p: { state: SignedInRead<T>; lang: Lang; inLine: string; signInAgain: string; retry: () => void }) {
  if (p.state.kind === 'loading') return <Loading lang={p.lang} />;
  if (p.state.kind === 'outside') return <p class="card">{p.inLine}</p>;
  if (p.state.kind === 'expired') return <p class="card" role="alert">{p.signInAgain}</p>;
  if (p.state.kind === 'failed') return <Failed lang={p.lang} offline={p.state.offline} retry={p.retry} />;
  return null;
}

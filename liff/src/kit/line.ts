/**
 * The customer's LINE sign-in, when the page runs as a LIFF app. The LIFF id is written into the
 * page by the server (`<meta name="liff-id">`, from LIFF_ID_*); without one (the embedded
 * default, a website) the pages never load the SDK and the token pages work as they are. The SDK
 * is the pluggable core plus the modules used here, in a chunk of its own (liff-sdk.ts).
 */
export interface LineSession {
  /** The LIFF ID token: the server asks LINE who it names (api/liff/line-id-token.ts). */
  idToken: string;
  /** The name on the LINE profile, to fill in the booking form. */
  name: string | null;
  /** Opened inside the LINE app (not an external browser signed in with LINE Login). */
  inClient: boolean;
}

declare global {
  interface Window {
    /** LIFF Mock's data: the browser tests' (test/liff-pages.browser.test.ts), or the chat simulator's sign-in (`takeSimulatorToken`); the server still verifies every token. */
    __liffMock?: Record<string, unknown>;
  }
}

export function liffId(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="liff-id"]')?.content ?? '';
}

let session: Promise<LineSession | null> | undefined;

/**
 * The session, or null outside LINE. `signIn`: a page that is only useful signed in (my bookings)
 * sends a browser user to LINE Login; the others never do.
 */
export function lineSession(o: { signIn?: boolean } = {}): Promise<LineSession | null> {
  takeSimulatorToken();
  // No LIFF id configured (the embedded default): only LIFF Mock's data (the chat simulator's, a test's) signs in.
  const id = liffId() || (window.__liffMock ? 'simulator' : '');
  if (!id) return Promise.resolve(null);
  session ??= import('./liff-sdk.ts')
    .then((sdk) => sdk.startLiff(id, Boolean(o.signIn)))
    .catch(() => null);
  return session;
}

/** Set by liff/build.ts: true outside production builds. */
declare const __SIMULATOR__: boolean;

/**
 * A simulator's token in the address becomes LIFF Mock's, kept for this tab's reloads, and leaves
 * the address: the chat simulator opens the staff apps and the customer's pages signed in as the
 * person it plays (dev/simulator/). A production build has none of this (`__SIMULATOR__`).
 */
export function takeSimulatorToken(): void {
  if (!__SIMULATOR__) return;
  const SIM = 'liff-mock-id-token';
  const hash = new URLSearchParams(location.hash.slice(1));
  let token = hash.get(SIM);
  try {
    if (token) sessionStorage.setItem(SIM, token);
    else token = sessionStorage.getItem(SIM);
  } catch {
    // storage refused: the token in the address still works for this load
  }
  if (hash.has(SIM)) history.replaceState(null, '', location.pathname + location.search);
  if (token && !window.__liffMock) {
    let claims: { sub?: string; name?: string } = {};
    try {
      claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    } catch {
      // not a JWT: the server will say so
    }
    window.__liffMock = { getIDToken: token, getDecodedIDToken: { sub: claims.sub, name: claims.name }, isInClient: true, isLoggedIn: true };
  }
}

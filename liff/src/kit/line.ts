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
    /** Browser tests only: LIFF Mock's data (test/liff-pages.browser.test.ts); the server still verifies every token with LINE. */
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
  const id = liffId();
  if (!id) return Promise.resolve(null);
  session ??= import('./liff-sdk.ts')
    .then((sdk) => sdk.startLiff(id, Boolean(o.signIn)))
    .catch(() => null);
  return session;
}

import liff from '@line/liff/core';
import GetDecodedIDToken from '@line/liff/get-decoded-id-token';
import GetIDToken from '@line/liff/get-id-token';
import IsInClient from '@line/liff/is-in-client';
import IsLoggedIn from '@line/liff/is-logged-in';
import Login from '@line/liff/login';
import type { LineSession } from './line.ts';

/** Loaded only where a LIFF id is configured (line.ts): the pluggable SDK and the five modules the pages use. */
export async function startLiff(liffId: string, signIn: boolean): Promise<LineSession | null> {
  // LIFF Mock needs IsInClient installed before it (its README, "With Pluggable SDK").
  liff.use(new IsInClient());
  liff.use(new IsLoggedIn());
  liff.use(new Login());
  liff.use(new GetIDToken());
  liff.use(new GetDecodedIDToken());
  const mock = window.__liffMock;
  if (mock) {
    const { LiffMockPlugin } = await import('@line/liff-mock');
    liff.use(new LiffMockPlugin());
    await liff.init({ liffId, mock: true } as Parameters<typeof liff.init>[0]);
    (liff as unknown as { $mock: { set(d: unknown): void } }).$mock.set((p: object) => ({ ...p, ...mock }));
  } else {
    await liff.init({ liffId });
  }
  if (!liff.isLoggedIn()) {
    if (signIn) liff.login({ redirectUri: location.href });
    return null;
  }
  const idToken = liff.getIDToken();
  if (!idToken) return null;
  return { idToken, name: liff.getDecodedIDToken()?.name ?? null, inClient: liff.isInClient() };
}

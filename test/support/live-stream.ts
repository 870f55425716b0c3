/** An event of the live stream as a client receives it. */
export interface LiveReceived {
  id: string;
  event: string;
  data: { type: string; case: { number: string; status: string; ownerStaffId: string | null }; data: Record<string, unknown> };
}

/**
 * Opens a live stream (`/api/v1/analytics/live` or the dashboard's) and collects its events until
 * it ends or is closed; `onEvent` hears each as it arrives (bench/analytics.ts times them).
 */
export async function openLiveStream(url: string, headers: Record<string, string>, onEvent?: (e: LiveReceived) => void) {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const events: LiveReceived[] = [];
  let ended = false;
  const done = (async () => {
    if (!res.ok) return;
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += value;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
          if (!field('data')) continue;
          const e: LiveReceived = { id: field('id')!, event: field('event')!, data: JSON.parse(field('data')!) };
          events.push(e);
          onEvent?.(e);
        }
      }
    } catch {
      // aborted
    } finally {
      ended = true;
    }
  })();
  return { res, events, close: () => abort.abort(), done, ended: () => ended };
}

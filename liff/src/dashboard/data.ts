import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { Names } from '../kit/names.ts';
import { downloadStaffCsv, staffIdToken, staffRead, refusalOf, type Refusal } from '../kit/staff.ts';

/**
 * The dashboard's reads: the analytics API as served to staff (`/liff-api/v1/dashboard/*`,
 * api/liff/dashboard-api.ts). A figure's `drill` path names `/api/v1/analytics/...`; the same
 * path under `/liff-api/v1/dashboard/...` answers it here.
 */
export const API = '/liff-api/v1/dashboard';

export type Figure = { value: number | null; drill: string };

/** A figure's drill-down, as the dashboard asks for it. */
export function liffPath(apiPath: string): string {
  return apiPath.replace(/^\/api\/v1\/analytics\//, `${API}/`);
}

export type Loaded<T> = { kind: 'loading' } | { kind: 'refused'; refusal: Refusal } | { kind: 'shown'; data: T; at: number };

/** GETs a report; `reloadKey` changing (a live event, a filter) reads it again, keeping the last answer on screen meanwhile. */
export function useReport<T>(path: string, reloadKey: unknown = 0): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let stale = false;
    setState((s) => (s.kind === 'shown' ? s : { kind: 'loading' }));
    void staffRead<T>(path).then((a) => {
      if (stale) return;
      setState(a.kind === 'ok' ? { kind: 'shown', data: a.data, at: Date.now() } : { kind: 'refused', refusal: refusalOf(a) });
    });
    return () => {
      stale = true;
    };
  }, [path, reloadKey, tick]);
  return [state, () => setTick((t) => t + 1)];
}

/** The report's table as a CSV file (the kit's download, with the sign-in). */
export function downloadCsv(path: string, table: string | undefined, name: string): Promise<boolean> {
  const url = new URL(path, location.origin);
  if (table) url.searchParams.set('table', table);
  return downloadStaffCsv(url.pathname + url.search, name);
}

/**
 * Calls `onEvent` for each case change on the live stream (`/dashboard/live`, server-sent events
 * read through fetch: an EventSource cannot send the sign-in). Returns a stop function; when the
 * stream cannot be opened or drops, `onDown` is told, and it tries again after a while.
 */
export function followLive(onEvent: () => void, onState: (live: boolean) => void): () => void {
  let stopped = false;
  let controller: AbortController | undefined;
  let lastId = '';
  const connect = async () => {
    while (!stopped) {
      const token = await staffIdToken();
      controller = new AbortController();
      try {
        const res = await fetch(`${API}/live`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) }, signal: controller.signal });
        if (!res.ok || !res.body) throw new Error(String(res.status));
        onState(true);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const id = /^id: (.*)$/m.exec(block)?.[1];
            if (id) lastId = id;
            if (/^event: /m.test(block)) onEvent();
          }
        }
      } catch {
        // dropped or refused: the screen refreshes itself meanwhile
      }
      if (stopped) return;
      onState(false);
      await new Promise((r) => setTimeout(r, 15_000));
    }
  };
  void connect();
  return () => {
    stopped = true;
    controller?.abort();
  };
}

/** The org's names for the keys the reports carry (`/dashboard/names`): read once, before the first screen shows. */
export type DashboardNames = { caseTypes: Names; services: Names; stages: Names };
export const NO_NAMES: DashboardNames = { caseTypes: {}, services: {}, stages: {} };
export const NamesContext = createContext<DashboardNames>(NO_NAMES);
export const useNames = () => useContext(NamesContext);

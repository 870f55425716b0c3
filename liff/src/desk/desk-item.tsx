import { useEffect, useState } from 'preact/hooks';
import type { Answer } from '../kit/api.ts';
import type { Lang } from '../kit/i18n.ts';
import { refusalOf, staffCall, type Refusal } from '../kit/staff.ts';
import { common } from '../kit/ui.tsx';
import { useRefresh } from './refresh.ts';

/**
 * One thing the desk shows and acts on (a case, a conversation): read, kept current
 * (refresh.ts), and changed with the version shown. A change that is refused is said in the
 * screen's own words (`refusalText`) and the thing read again, so the person sees it as it is now;
 * not found any more, or the staff member removed, replaces the screen.
 */
export type Refused = Extract<Answer<unknown>, { kind: 'refused' }>;
export type Shown<T> = { kind: 'loading' } | { kind: 'not_found' } | { kind: 'refused'; refusal: Refusal } | { kind: 'shown'; item: T };
export type Note = { tone: 'ok' | 'bad'; text: string };

export function useDeskItem<T extends { version: number }>(o: { path: string; lang: Lang; everyMs?: number; refusalText: (a: Refused, action: string) => string }) {
  const [state, setState] = useState<Shown<T>>({ kind: 'loading' });
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async (quiet = false) => {
    if (!quiet) setState({ kind: 'loading' });
    const a = await staffCall<T>(o.path);
    if (a.kind === 'ok') setState({ kind: 'shown', item: a.data });
    else if (a.kind === 'refused' && a.status === 404) setState({ kind: 'not_found' });
    else if (!quiet) setState({ kind: 'refused', refusal: refusalOf(a) });
  };
  useEffect(() => void load(), [o.path]);
  useRefresh(() => load(true), o.everyMs);

  /** Sends a change with the version shown (a form, with files, names it itself); true when it was done. */
  const act = async (action: string, body: Record<string, unknown> | FormData, done: string): Promise<boolean> => {
    if (state.kind !== 'shown') return false;
    setBusy(true);
    setNote(null);
    const a = await staffCall(`${o.path}/${action}`, { method: 'POST', body: body instanceof FormData ? body : { ...body, expectedVersion: state.item.version } });
    setBusy(false);
    if (a.kind === 'ok') {
      setNote({ tone: 'ok', text: done });
      await load(true);
      return true;
    }
    if (a.kind === 'offline') return setNote({ tone: 'bad', text: common.offline[o.lang] }), false;
    const reason = (a.error.details as { reason?: string } | undefined)?.reason;
    if (a.status === 404) return setState({ kind: 'not_found' }), false;
    if (a.status === 403 && (reason === 'staff_removed' || reason === 'not_staff')) return setState({ kind: 'refused', refusal: refusalOf(a) }), false;
    setNote({ tone: 'bad', text: o.refusalText(a, action) });
    await load(true);
    return false;
  };

  return { state, load, act, busy, note };
}

/** What the last change came to: done (a status), or refused and why (an alert). */
export function Banner(p: { note: Note | null }) {
  if (!p.note) return null;
  return (
    <p class={`banner ${p.note.tone === 'ok' ? 'tone-ok' : 'tone-bad'}`} role={p.note.tone === 'ok' ? 'status' : 'alert'}>
      {p.note.text}
    </p>
  );
}

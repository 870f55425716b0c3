/**
 * Which list a screen shows (the queue's, the Inbox's), kept for this tab: coming back to the
 * screen shows the list one left, not the first again.
 */
export function keptView<V extends string>(key: string, views: readonly V[], otherwise: V): V {
  try {
    const kept = sessionStorage.getItem(key) as V | null;
    if (kept && views.includes(kept)) return kept;
  } catch {
    // storage refused: the screen's own first choice
  }
  return otherwise;
}

export function keepView(key: string, view: string): void {
  try {
    sessionStorage.setItem(key, view);
  } catch {
    // not kept; still shown
  }
}

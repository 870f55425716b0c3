import { useEffect, useState } from 'preact/hooks';
import type { TargetedKeyboardEvent } from 'preact';

/**
 * A list of choices under the composer, offered while one types (a saved reply after `/`, a
 * colleague after `@`): up and down move through it, Enter or a tap picks, Escape puts it away
 * until the words change. The text box keeps the focus and points at the highlighted choice
 * (`aria-activedescendant`), so a screen reader reads it as one moves.
 */
export type Suggestion = { id: string; label: string; detail?: string; disabled?: boolean };

export function useSuggestions(o: { listId: string; items: Suggestion[] | null; pick: (id: string) => void; typed: string }) {
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  // A new word starts at the top; Escape holds only for the words it was pressed on.
  const firstPickable = Math.max(0, (o.items ?? []).findIndex((s) => !s.disabled));
  useEffect(() => setActive(firstPickable), [o.typed, firstPickable]);
  // Once the list is gone (the words are no longer a `/` or an `@`), Escape is forgotten.
  const offered = o.items !== null;
  useEffect(() => void (offered || setDismissed(null)), [offered]);
  const open = o.items !== null && dismissed !== o.typed;
  const items = o.items ?? [];
  const at = Math.min(active, Math.max(0, items.length - 1));
  const optionId = (i: number) => `${o.listId}-${i}`;
  const pickAt = (i: number) => {
    const s = items[i];
    if (s && !s.disabled) o.pick(s.id);
  };

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (items.length) setActive((at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
    } else if (e.key === 'Enter' && items.length) {
      e.preventDefault();
      pickAt(at);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setDismissed(o.typed);
    }
  };

  /** What the text box carries while the list is open. */
  const boxProps = open ? { 'aria-controls': o.listId, 'aria-autocomplete': 'list' as const, 'aria-activedescendant': items.length ? optionId(at) : undefined } : {};

  const list = (label: string, empty: string) =>
    open && (
      <ul class="suggestions" id={o.listId} role="listbox" aria-label={label}>
        {items.length === 0 && <li class="muted small">{empty}</li>}
        {items.map((s, i) => (
          <li
            key={s.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === at}
            aria-disabled={s.disabled || undefined}
            // The text box keeps the focus: a tap picks without blurring it.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pickAt(i)}
          >
            <span class="suggestion-label">{s.label}</span>
            {s.detail && <span class="small suggestion-detail">{s.detail}</span>}
          </li>
        ))}
      </ul>
    );

  return { open, onKeyDown, boxProps, list };
}

import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { conversationSavedReplies } from '../../../core/contracts/conversations.ts';
import { fill, type Lang } from '../kit/i18n.ts';
import { staffCall } from '../kit/staff.ts';
import { cw } from './conversation-words.ts';
import type { Suggestion } from './suggestions.tsx';

/**
 * Saved replies in the composer: `/` at the start of an empty composer, then letters of a
 * shortcut or a title, lists the org's saved replies as this customer will read them (the server
 * fills them: their language, their name, the writer's, their open case). One that needs what the
 * customer does not have (no open case for `{{case_id}}`) is shown and cannot be picked.
 */
export type FilledReply = z.infer<typeof conversationSavedReplies>[number];

/** The words typed after a leading `/` (none yet: ''), or null when the composer holds anything else. */
export function slashQuery(text: string): string | null {
  const m = /^\/(\S*)$/.exec(text);
  return m ? m[1].toLowerCase() : null;
}

/** The org's saved replies for this conversation, read each time the list opens (a case may have been opened meanwhile). */
export function useSavedReplies(conversationId: string, open: boolean): FilledReply[] | null {
  const [replies, setReplies] = useState<FilledReply[] | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    void staffCall<FilledReply[]>(`desk/conversations/${encodeURIComponent(conversationId)}/saved-replies`).then((a) => live && setReplies(a.kind === 'ok' ? a.data : []));
    return () => void (live = false);
  }, [conversationId, open]);
  return replies;
}

export function replySuggestions(lang: Lang, replies: FilledReply[], query: string): Suggestion[] {
  return replies
    .filter((r) => r.key.toLowerCase().includes(query) || r.title.toLowerCase().includes(query))
    .map((r) => ({
      id: r.key,
      label: `/${r.key} · ${r.title}`,
      detail: r.missing.length ? (r.missing.includes('case_id') ? cw.needsCase[lang] : fill(cw.needsValue[lang], { what: r.missing.join(', ') })) : r.text,
      disabled: r.missing.length > 0,
    }));
}

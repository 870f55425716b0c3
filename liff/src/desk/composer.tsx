import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { fill, type Lang } from '../kit/i18n.ts';
import { cw } from './conversation-words.ts';
import { iw } from './inbox-words.ts';
import { insertMention, mentionAt, staffSuggestions } from './mention-picker.ts';
import { replySuggestions, slashQuery, useSavedReplies } from './saved-reply-picker.ts';
import { useSuggestions } from './suggestions.tsx';

/** A change to the conversation, with the version shown (desk-item.tsx `act`); true when it was done. */
export type Act = (action: string, body: Record<string, unknown>, done: string) => Promise<boolean>;

/**
 * Writing: to the customer, or with the toggle a private note only staff see. `/` offers the saved
 * replies (not in a note: they are for the customer), `@` in a note offers colleagues by name.
 *
 * A saved reply picked is put in the box as the customer will read it, to send or to edit. Sent
 * unchanged it goes as the saved reply itself (`savedReply`: the server fills it again and its
 * timeline names which one was used); edited, it goes as the words in the box (`text`).
 */
export function Composer(p: { lang: Lang; busy: boolean; act: Act; heldBy: string | null; conversationId: string; staff: { id: string; name: string }[] }) {
  const { lang, busy, act } = p;
  const [text, setText] = useState('');
  const [isNote, setIsNote] = useState(false);
  const [caret, setCaret] = useState(0);
  const [picked, setPicked] = useState<{ key: string; title: string; text: string } | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  // Where the caret goes after the words were changed for the person (a mention put in).
  const caretTo = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (caretTo.current !== null && box.current) {
      box.current.setSelectionRange(caretTo.current, caretTo.current);
      caretTo.current = null;
    }
  }, [text]);

  const slash = isNote ? null : slashQuery(text);
  const replies = useSavedReplies(p.conversationId, slash !== null);
  const mention = isNote ? mentionAt(text, caret) : null;
  const items = slash !== null ? (replies ? replySuggestions(lang, replies, slash) : null) : mention ? staffSuggestions(p.staff, mention.query) : null;
  const s = useSuggestions({
    listId: 'compose-suggestions',
    items,
    typed: `${isNote ? '@' : '/'}${slash ?? mention?.query ?? ''}`,
    pick: (id) => {
      if (slash !== null) {
        const r = replies?.find((x) => x.key === id);
        if (r) {
          setText(r.text);
          setPicked({ key: r.key, title: r.title, text: r.text });
          caretTo.current = r.text.length;
        }
      } else if (mention) {
        const who = p.staff.find((x) => x.id === id);
        if (!who) return;
        const next = insertMention(text, caret, mention, who.name);
        setText(next.text);
        setCaret(next.caret);
        caretTo.current = next.caret;
      }
    },
  });
  const unchanged = !isNote && picked !== null && text === picked.text;

  return (
    <form
      class={`card composer ${isNote ? 'composing-note' : ''}`}
      onSubmit={async (e) => {
        e.preventDefault();
        const body = unchanged ? { savedReply: picked!.key } : { text, ...(isNote ? { note: true } : {}) };
        if (await act('messages', body, isNote ? iw.noted[lang] : iw.sent[lang])) {
          setText('');
          setPicked(null);
        }
      }}
    >
      <label for="compose">{isNote ? iw.writeNote[lang] : iw.write[lang]}</label>
      <textarea
        id="compose"
        ref={box}
        value={text}
        maxLength={5000}
        aria-describedby="compose-hint"
        {...s.boxProps}
        onKeyDown={s.onKeyDown}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setCaret(e.currentTarget.selectionStart ?? e.currentTarget.value.length);
        }}
        onKeyUp={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onClick={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
      />
      {s.list(slash !== null ? cw.savedReplies[lang] : cw.mention[lang], cw.noMatch[lang])}
      {slash !== null && replies === null && (
        <ul class="suggestions" aria-busy="true">
          <li class="muted small">{cw.loadingList[lang]}</li>
        </ul>
      )}
      <p class="hint" id="compose-hint">
        {unchanged ? fill(cw.fromSaved[lang], { title: picked!.title }) : isNote ? cw.atHint[lang] : cw.slashHint[lang]}
      </p>
      <div class="compose-row">
        <label class="toggle">
          <input type="checkbox" checked={isNote} aria-describedby="note-hint" onChange={(e) => setIsNote(e.currentTarget.checked)} />
          {iw.noteToggle[lang]}
        </label>
        <button type="submit" class="primary" disabled={busy || !text.trim()}>
          {busy ? iw.working[lang] : isNote ? iw.saveNote[lang] : iw.send[lang]}
        </button>
      </div>
      <p class="hint" id="note-hint">
        {iw.privateHint[lang]}
      </p>
      {p.heldBy && !isNote && <p class="hint">{fill(iw.othersHold[lang], { name: p.heldBy })}</p>}
    </form>
  );
}

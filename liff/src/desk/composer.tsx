import { useState } from 'preact/hooks';
import { fill, type Lang } from '../kit/i18n.ts';
import { iw } from './inbox-words.ts';

/** A change to the conversation, with the version shown (desk-item.tsx `act`); true when it was done. */
export type Act = (action: string, body: Record<string, unknown>, done: string) => Promise<boolean>;

/** Writing: to the customer, or with the toggle a private note only staff see. */
export function Composer(p: { lang: Lang; busy: boolean; act: Act; heldBy: string | null }) {
  const { lang, busy, act } = p;
  const [text, setText] = useState('');
  const [isNote, setIsNote] = useState(false);
  return (
    <form
      class={`card composer ${isNote ? 'composing-note' : ''}`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (await act('messages', { text, ...(isNote ? { note: true } : {}) }, isNote ? iw.noted[lang] : iw.sent[lang])) setText('');
      }}
    >
      <label for="compose">{isNote ? iw.writeNote[lang] : iw.write[lang]}</label>
      <textarea id="compose" value={text} maxLength={5000} onInput={(e) => setText(e.currentTarget.value)} />
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

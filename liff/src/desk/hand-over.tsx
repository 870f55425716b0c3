import { useState } from 'preact/hooks';
import type { Lang } from '../kit/i18n.ts';
import { roleNames } from '../kit/staff.ts';

export type Person = { id: string; name: string; role: string };

/**
 * Giving something (a case, a booking, a conversation) to someone: a list of the people it may go
 * to, by name and role, and the button. The first of them is picked to start with; give it a `key`
 * of the current holder so that the choice starts again when the holder changes.
 */
export function HandOver(p: { lang: Lang; id: string; label: string; action: string; people: Person[]; busy: boolean; give: (staffId: string) => void }) {
  const { lang } = p;
  const [who, setWho] = useState(p.people[0]?.id ?? '');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        p.give(who);
      }}
    >
      <label for={p.id}>{p.label}</label>
      <select id={p.id} value={who} onChange={(e) => setWho(e.currentTarget.value)}>
        {p.people.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} ({roleNames[a.role]?.[lang] ?? a.role})
          </option>
        ))}
      </select>
      <div class="actions">
        <button type="submit" class="quiet" disabled={p.busy || !who}>
          {p.action}
        </button>
      </div>
    </form>
  );
}

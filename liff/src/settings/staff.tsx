import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { enrolmentCode, staffCreated, staffMember } from '../../../core/contracts/staff.ts';
import { STAFF_ROLES } from '../../../core/vocabulary.ts';
import { when, type Dict, type Lang } from '../kit/i18n.ts';
import { roleNames } from '../kit/staff.ts';
import { Badge } from '../kit/ui.tsx';
import { errorsOf, FieldError, type FieldErrors, ReadOnlyNote, SaveStatus, Screen, type ScreenProps, send, SubmitBar, useLoad } from './shared.tsx';

/**
 * Staff and their enrolment codes: an admin adds a person with a role and gets a one-time code
 * (valid 24 h) that the person sends to the bot in LINE to link their account; a new code replaces
 * the old; removing someone unlinks them at once (their open apps are refused on the next call).
 */
type Member = z.infer<typeof staffMember>;
type Code = z.infer<typeof enrolmentCode>;

const words = {
  title: { th: 'พนักงาน', en: 'Staff' },
  linked: { th: 'เชื่อม LINE แล้ว', en: 'LINE linked' },
  pending: { th: 'รอรหัส', en: 'Code waiting' },
  notLinked: { th: 'ยังไม่เชื่อม LINE', en: 'Not linked' },
  removed: { th: 'ยกเลิกแล้ว', en: 'Removed' },
  add: { th: 'เพิ่มพนักงาน', en: 'Add a staff member' },
  name: { th: 'ชื่อที่แสดง', en: 'Display name' },
  role: { th: 'ตำแหน่ง', en: 'Role' },
  language: { th: 'ภาษาที่บอทใช้คุยด้วย', en: 'Language the bot uses with them' },
  addButton: { th: 'เพิ่มและสร้างรหัส', en: 'Add and get a code' },
  code: { th: 'รหัสลงทะเบียนของ {{name}}', en: "{{name}}'s enrolment code" },
  codeHint: { th: 'ให้ {{name}} ส่งรหัสนี้ให้บอทในแชท LINE ภายใน {{until}} ใช้ได้ครั้งเดียว', en: '{{name}} sends this code to the bot in LINE before {{until}}. It works once.' },
  newCode: { th: 'สร้างรหัสใหม่', en: 'New code' },
  remove: { th: 'ยกเลิกสิทธิ์', en: 'Remove' },
  confirmRemove: { th: 'ยืนยันยกเลิกสิทธิ์ {{name}}? จะใช้งานแอปและปุ่มใน LINE ไม่ได้ทันที', en: 'Remove {{name}}? They lose the apps and the LINE buttons at once.' },
  since: { th: 'ตั้งแต่ {{at}}', en: 'since {{at}}' },
  roleOf: { th: 'ตำแหน่งของ {{name}}', en: "{{name}}'s role" },
  lastAdmin: { th: '{{name}} เป็นผู้ดูแลระบบคนเดียว ให้คนอื่นเป็นผู้ดูแลระบบก่อน', en: '{{name}} is the only admin: make someone else an admin first.' },
} satisfies Dict;

type Props = Omit<ScreenProps, 'item'>;

export function StaffScreen(p: Props) {
  const L = p.lang;
  const [state, retry, set] = useLoad<Member[]>('staff');
  const [issued, setIssued] = useState<{ name: string; code: Code } | null>(null);
  return (
    <Screen lang={L} state={state} retry={retry}>
      {(list) => (
        <>
          <h1>{words.title[L]}</h1>
          {!p.canManage && <ReadOnlyNote lang={L} me={p.me} who={['admin']} />}
          {issued && (
            <section class="card" role="status" aria-labelledby="code-title">
              <h2 id="code-title">{words.code[L].replace('{{name}}', issued.name)}</h2>
              <p class="code" data-enrolment-code>
                {issued.code.code}
              </p>
              <p class="hint">{words.codeHint[L].replace('{{name}}', issued.name).replace('{{until}}', when(L, issued.code.expiresAt))}</p>
            </section>
          )}
          <ul class="list">
            {list.map((m) => (
              <li class="card" key={m.id} data-staff={m.displayName}>
                <div class="row">
                  <span>
                    <strong>{m.displayName}</strong>
                    <span class="muted small block">
                      {roleNames[m.role]?.[L] ?? m.role}
                      {m.enrolledAt ? ` · ${words.since[L].replace('{{at}}', when(L, m.enrolledAt, false))}` : ''}
                    </span>
                  </span>
                  {!m.isActive ? (
                    <Badge tone="bad">{words.removed[L]}</Badge>
                  ) : m.linked ? (
                    <Badge tone="ok">{words.linked[L]}</Badge>
                  ) : m.enrolmentPending ? (
                    <Badge tone="wait">{words.pending[L]}</Badge>
                  ) : (
                    <Badge tone="info">{words.notLinked[L]}</Badge>
                  )}
                </div>
                {p.canManage && m.isActive && <RoleChoice lang={L} member={m} onSaved={(x) => set(list.map((y) => (y.id === x.id ? x : y)))} />}
                {p.canManage && m.isActive && m.id !== p.me.id && (
                  <div class="actions">
                    {!m.linked && (
                      <button
                        type="button"
                        class="quiet small-button"
                        onClick={async () => {
                          const a = await send<Code>('POST', `staff/${m.id}/enrolment-code`);
                          if (a.kind === 'ok') {
                            setIssued({ name: m.displayName, code: a.data });
                            set(list.map((x) => (x.id === m.id ? { ...x, enrolmentPending: true } : x)));
                            scrollTo(0, 0);
                          }
                        }}
                      >
                        {words.newCode[L]}
                      </button>
                    )}
                    <button
                      type="button"
                      class="quiet small-button"
                      onClick={async () => {
                        if (!confirm(words.confirmRemove[L].replace('{{name}}', m.displayName))) return;
                        const a = await send('DELETE', `staff/${m.id}`);
                        if (a.kind === 'ok') set(list.map((x) => (x.id === m.id ? { ...x, isActive: false, linked: false } : x)));
                      }}
                    >
                      {words.remove[L]}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
          {p.canManage && (
            <AddStaff
              lang={L}
              onAdded={(m) => {
                set([...list, m]);
                setIssued({ name: m.displayName, code: m.enrolment });
                scrollTo(0, 0);
              }}
            />
          )}
        </>
      )}
    </Screen>
  );
}

/** A staff member's role, saved as it is chosen (put back if refused: the only admin keeps theirs). */
function RoleChoice(p: { lang: Lang; member: Member; onSaved: (m: Member) => void }) {
  const L = p.lang;
  const m = p.member;
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const id = `role-${m.id.slice(0, 8)}`;
  return (
    <div data-role-of={m.displayName}>
      <label for={id} class="small">
        {words.roleOf[L].replace('{{name}}', m.displayName)}
      </label>
      <select
        id={id}
        value={m.role}
        aria-invalid={error ? 'true' : undefined}
        onChange={async (e) => {
          const select = e.target as HTMLSelectElement;
          setSaved(false);
          const a = await send<Member>('PATCH', `staff/${m.id}`, { role: select.value });
          if (a.kind === 'ok') {
            setError(undefined);
            setSaved(true);
            p.onSaved(a.data);
            return;
          }
          select.value = m.role;
          const lastAdmin = a.kind === 'refused' && (a.error.details as { reason?: string } | null)?.reason === 'last_admin';
          setError(lastAdmin ? words.lastAdmin[L].replace('{{name}}', m.displayName) : errorsOf(a, L)._form);
        }}
      >
        {STAFF_ROLES.map((r) => (
          <option key={r} value={r}>
            {roleNames[r]?.[L] ?? r}
          </option>
        ))}
      </select>
      <SaveStatus lang={L} saved={saved} error={error} />
    </div>
  );
}

function AddStaff(p: { lang: Lang; onAdded: (m: z.infer<typeof staffCreated>) => void }) {
  const L = p.lang;
  const [v, setV] = useState({ displayName: '', role: 'support', language: 'th' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="card"
      noValidate
      aria-labelledby="add-staff"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const a = await send<z.infer<typeof staffCreated>>('POST', 'staff', v);
        setBusy(false);
        if (a.kind === 'ok') {
          setErrors({});
          setV({ ...v, displayName: '' });
          p.onAdded(a.data);
        } else setErrors(errorsOf(a, L));
      }}
    >
      <h2 id="add-staff">{words.add[L]}</h2>
      <label for="s-name">{words.name[L]}</label>
      <input
        id="s-name"
        value={v.displayName}
        aria-invalid={errors.displayName ? 'true' : undefined}
        aria-describedby={errors.displayName ? 'e-s-name' : undefined}
        onInput={(e) => setV({ ...v, displayName: (e.target as HTMLInputElement).value })}
      />
      <FieldError id="e-s-name" text={errors.displayName} />
      <div class="grid2">
        <div>
          <label for="s-role">{words.role[L]}</label>
          <select id="s-role" value={v.role} onChange={(e) => setV({ ...v, role: (e.target as HTMLSelectElement).value })}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {roleNames[r]?.[L] ?? r}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="s-lang">{words.language[L]}</label>
          <select id="s-lang" value={v.language} onChange={(e) => setV({ ...v, language: (e.target as HTMLSelectElement).value })}>
            <option value="th">ไทย</option>
            <option value="en">English</option>
          </select>
        </div>
      </div>
      <SubmitBar lang={L} busy={busy} label={words.addButton[L]} error={errors._form} />
    </form>
  );
}

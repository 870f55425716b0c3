import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { providerSettings } from '../../../core/contracts/providers.ts';
import type { caseType } from '../../../core/contracts/taxonomy.ts';
import type { Dict, Lang } from '../kit/i18n.ts';
import { Badge } from '../kit/ui.tsx';
import { AddEntryForm, errorsOf, FieldError, type FieldErrors, KeyedScreen, KeyNote, may, ReadOnlyNote, type ScreenProps, send, SubmitBar, TextField, useLoad } from './shared.tsx';
import { keyFrom } from './keys.ts';

/**
 * Providers (seed 004 section 4.4.1): API or manual, the case types each handles, the time it is
 * given to answer, how staff reach it and whether a case waiting on it goes to its LINE group.
 * Its risk level comes from the provider report (calculated, shown here); a manager pauses it when
 * it keeps failing.
 */
type Provider = z.infer<typeof providerSettings>;
type CaseType = z.infer<typeof caseType>;

const words = {
  title: { th: 'ผู้ให้บริการ', en: 'Providers' },
  none: { th: 'ยังไม่มีผู้ให้บริการ', en: 'No providers yet' },
  paused: { th: 'หยุดชั่วคราว', en: 'Paused' },
  inactive: { th: 'ปิดใช้งาน', en: 'Switched off' },
  risk: { th: 'ความเสี่ยง: {{level}}', en: 'Risk: {{level}}' },
  riskNone: { th: 'ยังไม่ประเมินความเสี่ยง', en: 'Risk not assessed yet' },
  flagged: { th: 'ปัญหาซ้ำ', en: 'Repeat problems' },
  name: { th: 'ชื่อ', en: 'Name' },
  key: { th: 'รหัส (ภาษาอังกฤษตัวเล็ก เช่น smm_king)', en: 'Key (lower case, e.g. smm_king)' },
  kind: { th: 'ประเภท', en: 'Type' },
  api: { th: 'API (เชื่อมต่อระบบ)', en: 'API' },
  manual: { th: 'ทำด้วยคน (Manual)', en: 'Manual' },
  caseTypes: { th: 'ประเภทเคสที่รองรับ (ไม่เลือก = ทั้งหมด)', en: 'Case types it handles (none ticked: any)' },
  sla: { th: 'เวลาที่ให้ตอบ (นาที) เกินแล้วแจ้งทีมงาน', en: 'Time given to answer (minutes); staff are alerted after it' },
  contact: { th: 'ช่องทางติดต่อ', en: 'How to reach them' },
  line: { th: 'LINE', en: 'LINE' },
  email: { th: 'อีเมล', en: 'E-mail' },
  phone: { th: 'โทรศัพท์', en: 'Phone' },
  url: { th: 'เว็บไซต์', en: 'Web page' },
  notifyBy: { th: 'เมื่อเคสรอผู้ให้บริการ', en: 'When a case waits on them' },
  line_group: { th: 'ส่งรายละเอียดเข้ากลุ่ม LINE ของผู้ให้บริการ', en: "Post the details to their LINE group" },
  notify_none: { th: 'พนักงานติดต่อเอง', en: 'Staff reach them themselves' },
  notes: { th: 'หมายเหตุ', en: 'Notes' },
  active: { th: 'เปิดใช้งาน', en: 'Active' },
  add: { th: 'เพิ่มผู้ให้บริการ', en: 'Add a provider' },
  pause: { th: 'หยุดรับเคสใหม่ชั่วคราว', en: 'Pause new cases' },
  unpause: { th: 'กลับมารับเคสใหม่', en: 'Take new cases again' },
  reason: { th: 'เหตุผล', en: 'Reason' },
  pausedBecause: { th: 'หยุดชั่วคราวเพราะ: {{reason}}', en: 'Paused because: {{reason}}' },
} satisfies Dict;
const riskNames: Dict = { low: { th: 'ต่ำ', en: 'low' }, medium: { th: 'ปานกลาง', en: 'medium' }, high: { th: 'สูง', en: 'high' } };

type Props = ScreenProps;

export function Providers(p: Props) {
  return (
    <KeyedScreen<Provider>
      {...p}
      path="providers"
      title={words.title[p.lang]}
      empty={words.none[p.lang]}
      card={(x) => ({
        title: x.name,
        detail: `${words[x.kind === 'api' ? 'api' : 'manual'][p.lang]} · ${riskText(p.lang, x.risk)}`,
        badge: x.paused ? <Badge tone="bad">{words.paused[p.lang]}</Badge> : !x.active ? <Badge tone="wait">{words.inactive[p.lang]}</Badge> : x.risk?.flagged ? <Badge tone="wait">{words.flagged[p.lang]}</Badge> : null,
      })}
      add={(added) => <AddProvider lang={p.lang} onAdded={added} />}
      editor={(found, saved) => <Editor {...p} provider={found} onSaved={saved} />}
    />
  );
}

function riskText(L: Lang, r: Provider['risk']): string {
  return r ? words.risk[L].replace('{{level}}', riskNames[r.level]?.[L] ?? r.level) : words.riskNone[L];
}

function AddProvider(p: { lang: Lang; onAdded: (x: Provider) => void }) {
  const L = p.lang;
  return (
    <AddEntryForm<Provider, { name: string; key: string }>
      lang={L}
      path="providers"
      title={words.add[L]}
      initial={{ name: '', key: '' }}
      keyOf={(v) => keyFrom(v.name)}
      keyLabel={words.key[L]}
      body={(v) => v}
      onAdded={p.onAdded}
    >
      {(field) => field('name', words.name[L], 'name')}
    </AddEntryForm>
  );
}

function Editor(p: Props & { provider: Provider; onSaved: (x: Provider) => void }) {
  const L = p.lang;
  const x = p.provider;
  const ro = !p.canManage;
  const [types] = useLoad<CaseType[]>('case-types');
  const [d, setD] = useState({
    name: x.name,
    kind: x.kind,
    caseTypeKeys: x.caseTypeKeys,
    defaultSlaMinutes: x.defaultSlaMinutes === null ? '' : String(x.defaultSlaMinutes),
    line: x.contact.line ?? '',
    email: x.contact.email ?? '',
    phone: x.contact.phone ?? '',
    url: x.contact.url ?? '',
    notifyBy: x.notifyBy,
    notes: x.notes ?? '',
    active: x.active,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const set = (patch: Partial<typeof d>) => (setD({ ...d, ...patch }), setSaved(false));

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const contact = Object.fromEntries((['line', 'email', 'phone', 'url'] as const).filter((k) => d[k].trim()).map((k) => [k, d[k].trim()]));
    const sla = d.defaultSlaMinutes.trim();
    const a = await send<Provider>('PATCH', `providers/${x.key}`, {
      name: d.name,
      kind: d.kind,
      caseTypeKeys: d.caseTypeKeys,
      defaultSlaMinutes: sla === '' ? null : Number.isFinite(Number(sla)) ? Number(sla) : sla,
      contact,
      notifyBy: d.notifyBy,
      notes: d.notes || null,
      active: d.active,
    });
    setBusy(false);
    if (a.kind === 'ok') {
      setErrors({});
      setSaved(true);
      p.onSaved(a.data);
    } else setErrors(errorsOf(a, L));
  };

  const pauseOrNot = async () => {
    const a = await send<Provider>('POST', `providers/${x.key}/${x.paused ? 'unpause' : 'pause'}`, x.paused ? {} : { reason });
    if (a.kind === 'ok') {
      setReason('');
      setErrors({});
      p.onSaved(a.data);
    } else setErrors(errorsOf(a, L));
  };

  const input = (k: 'name' | 'defaultSlaMinutes' | 'line' | 'email' | 'phone' | 'url', label: string, path: string, type: 'text' | 'email' | 'tel' | 'url' | 'number' = 'text') => (
    <TextField id={`p-${k}`} errorId={`e-p-${k}`} label={label} type={type} value={d[k]} disabled={ro} error={errors[path]} onInput={(v) => set({ [k]: v })} />
  );

  return (
    <>
      <form onSubmit={save} noValidate>
        <h1>{x.name}</h1>
        <KeyNote lang={L} entryKey={x.key}>
          {riskText(L, x.risk)}
        </KeyNote>
        {x.paused && <p class="banner tone-bad">{words.pausedBecause[L].replace('{{reason}}', x.pauseReason ?? '')}</p>}
        {ro && <ReadOnlyNote lang={L} me={p.me} who={['admin', 'manager']} />}
        <section class="card">
          {input('name', words.name[L], 'name')}
          <label for="p-kind">{words.kind[L]}</label>
          <select id="p-kind" value={d.kind} disabled={ro} onChange={(e) => set({ kind: (e.target as HTMLSelectElement).value })}>
            <option value="api">{words.api[L]}</option>
            <option value="manual">{words.manual[L]}</option>
          </select>
          {input('defaultSlaMinutes', words.sla[L], 'defaultSlaMinutes', 'number')}
          <label class="choice compact" for="p-active">
            <input id="p-active" type="checkbox" checked={d.active} disabled={ro} onChange={(e) => set({ active: (e.target as HTMLInputElement).checked })} />
            <span>{words.active[L]}</span>
          </label>
        </section>
        <fieldset class="card">
          <legend>{words.caseTypes[L]}</legend>
          {types.kind === 'ok' &&
            types.data
              .filter((t) => t.isActive)
              .map((t) => (
                <label class="choice compact" for={`p-ct-${t.key}`} key={t.key}>
                  <input
                    id={`p-ct-${t.key}`}
                    type="checkbox"
                    disabled={ro}
                    checked={d.caseTypeKeys.includes(t.key)}
                    onChange={(e) => set({ caseTypeKeys: (e.target as HTMLInputElement).checked ? [...d.caseTypeKeys, t.key] : d.caseTypeKeys.filter((k) => k !== t.key) })}
                  />
                  <span>{t.name[L]}</span>
                </label>
              ))}
          <FieldError id="e-p-ct" text={errors.caseTypeKeys} />
        </fieldset>
        <section class="card" aria-labelledby="p-contact">
          <h2 id="p-contact">{words.contact[L]}</h2>
          {input('line', words.line[L], 'contact.line')}
          {input('email', words.email[L], 'contact.email', 'email')}
          {input('phone', words.phone[L], 'contact.phone', 'tel')}
          {input('url', words.url[L], 'contact.url', 'url')}
        </section>
        <fieldset class="card">
          <legend>{words.notifyBy[L]}</legend>
          {(['line_group', 'none'] as const).map((v) => (
            <label class="choice compact" for={`p-notify-${v}`} key={v}>
              <input id={`p-notify-${v}`} type="radio" name="notifyBy" disabled={ro} checked={d.notifyBy === v} onChange={() => set({ notifyBy: v })} />
              <span>{v === 'none' ? words.notify_none[L] : words.line_group[L]}</span>
            </label>
          ))}
          <label for="p-notes">{words.notes[L]}</label>
          <textarea id="p-notes" value={d.notes} disabled={ro} onInput={(e) => set({ notes: (e.target as HTMLTextAreaElement).value })} />
        </fieldset>
        <SubmitBar lang={L} busy={busy} readOnly={ro} saved={saved} error={errors._form} />
      </form>
      {may(p.me, 'providers.pause') && (
        <section class="card" aria-labelledby="p-pause">
          <h2 id="p-pause">{x.paused ? words.unpause[L] : words.pause[L]}</h2>
          {!x.paused && (
            <>
              <label for="p-reason">{words.reason[L]}</label>
              <input id="p-reason" value={reason} aria-invalid={errors.reason ? 'true' : undefined} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
              <FieldError id="e-p-reason" text={errors.reason} />
            </>
          )}
          <div class="actions">
            <button type="button" class="quiet" onClick={pauseOrNot}>
              {x.paused ? words.unpause[L] : words.pause[L]}
            </button>
          </div>
        </section>
      )}
    </>
  );
}

import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { staffMember } from '../../../core/contracts/staff.ts';
import type { caseType } from '../../../core/contracts/taxonomy.ts';
import { CASE_CATEGORIES, SEVERITIES } from '../../../core/vocabulary.ts';
import type { Dict, Lang } from '../kit/i18n.ts';
import { categoryNames } from '../kit/names.ts';
import { Badge } from '../kit/ui.tsx';
import { phrasesOf, PhrasesSection, savedPhrases, type Phrases } from './phrases.tsx';
import { AddEntryForm, errorsOf, FieldError, type FieldErrors, KeyedScreen, KeyNote, ReadOnlyNote, type ScreenProps, send, SubmitBar, TextField, useLoad } from './shared.tsx';
import { keyFrom } from './keys.ts';

/**
 * Case types (seed 004 sections 4.1.1 and 9.2): what a case of each type gets when it opens:
 * severity, SLA minutes, what it needs, who hears about it, what happens when the SLA is missed,
 * the phrases the classifier learns from, and the SOP staff see when the case opens. Saved through
 * the same core function as PATCH /api/v1/case-types/:key; the next case uses it.
 */
type CaseType = z.infer<typeof caseType>;

const words = {
  title: { th: 'ประเภทเคส', en: 'Case types' },
  inactive: { th: 'ปิดใช้งาน', en: 'Switched off' },
  minutes: { th: '{{n}} นาที', en: '{{n}} min' },
  nameTh: { th: 'ชื่อ (ไทย)', en: 'Name (Thai)' },
  nameEn: { th: 'ชื่อ (อังกฤษ)', en: 'Name (English)' },
  category: { th: 'หมวด', en: 'Category' },
  severity: { th: 'ความรุนแรงเริ่มต้น', en: 'Default severity' },
  sla: { th: 'SLA', en: 'SLA' },
  firstResponse: { th: 'ตอบครั้งแรกภายใน (นาที)', en: 'First answer within (minutes)' },
  resolution: { th: 'แก้ไขเสร็จภายใน (นาที)', en: 'Resolved within (minutes)' },
  needs: { th: 'ต้องมี', en: 'Needs' },
  requiresProvider: { th: 'ต้องระบุผู้ให้บริการ (Provider)', en: 'A provider must be named' },
  requiresOrderId: { th: 'ต้องมีเลขออเดอร์', en: 'An order id is required' },
  notify: { th: 'แจ้งลูกค้าทาง LINE เมื่อ', en: 'Tell the customer on LINE when' },
  created: { th: 'รับเรื่องแล้ว', en: 'the case is received' },
  workStarted: { th: 'เริ่มดำเนินการ', en: 'work starts' },
  waitingCustomer: { th: 'รอข้อมูลจากลูกค้า', en: 'we wait for them' },
  resolved: { th: 'แก้ไขเรียบร้อย', en: 'it is resolved' },
  satisfaction: { th: 'ขอคะแนนความพึงพอใจหลังแก้ไข', en: 'ask for a rating after it is resolved' },
  escalation: { th: 'เมื่อเกิน SLA', en: 'When the SLA is missed' },
  notifyManagers: { th: 'แจ้งกลุ่มผู้จัดการ', en: "Alert the managers' group" },
  raiseSeverity: { th: 'เพิ่มความรุนแรงหนึ่งระดับ', en: 'Raise the severity one step' },
  reassignTo: { th: 'ส่งต่อเคสให้', en: 'Hand the case to' },
  keepOwner: { th: 'ไม่ส่งต่อ (ผู้ดูแลเดิม)', en: 'Nobody else (keep the owner)' },
  sop: { th: 'วิธีแก้มาตรฐาน (SOP) ที่พนักงานเห็นเมื่อเปิดเคส', en: 'Standard way to handle it (SOP), shown to staff when a case opens' },
  sopHint: { th: 'ขั้นตอน ลิงก์ หรือหมายเหตุภายใน', en: 'Steps, links or internal notes' },
  active: { th: 'เปิดใช้งาน (เปิดเคสใหม่ประเภทนี้ได้)', en: 'Active (new cases of this type open)' },
  add: { th: 'เพิ่มประเภทเคส', en: 'Add a case type' },
  key: { th: 'รหัส (ภาษาอังกฤษตัวเล็ก เช่น lost_voucher)', en: 'Key (lower case, e.g. lost_voucher)' },
} satisfies Dict;

export { categoryNames };
export const severityNames: Dict = {
  critical: { th: 'วิกฤต', en: 'Critical' },
  high: { th: 'สูง', en: 'High' },
  normal: { th: 'ปกติ', en: 'Normal' },
  low: { th: 'ต่ำ', en: 'Low' },
};
const severityTone = { critical: 'bad', high: 'wait', normal: 'info', low: 'ok' } as const;

type Props = ScreenProps;

export function CaseTypes(p: Props) {
  return (
    <KeyedScreen<CaseType>
      {...p}
      path="case-types"
      title={words.title[p.lang]}
      card={(t) => ({
        title: t.name[p.lang],
        detail: `${categoryNames[t.category][p.lang]} · ${words.sla[p.lang]} ${words.minutes[p.lang].replace('{{n}}', String(t.firstResponseMinutes))} / ${words.minutes[p.lang].replace('{{n}}', String(t.resolutionMinutes))}`,
        badge: t.isActive ? <Badge tone={severityTone[t.defaultSeverity]}>{severityNames[t.defaultSeverity][p.lang]}</Badge> : <Badge tone="wait">{words.inactive[p.lang]}</Badge>,
      })}
      add={(added) => <AddCaseType lang={p.lang} onAdded={added} />}
      editor={(t, saved) => <Editor {...p} type={t} onSaved={saved} />}
    />
  );
}

type Draft = Phrases & {
  nameTh: string;
  nameEn: string;
  category: string;
  defaultSeverity: string;
  firstResponseMinutes: string;
  resolutionMinutes: string;
  requiresProvider: boolean;
  requiresOrderId: boolean;
  notify: CaseType['notify'];
  notifyManagers: boolean;
  raiseSeverity: boolean;
  reassignTo: string;
  sop: string;
  isActive: boolean;
};

function draftOf(t: CaseType): Draft {
  return {
    nameTh: t.name.th,
    nameEn: t.name.en,
    category: t.category,
    defaultSeverity: t.defaultSeverity,
    firstResponseMinutes: String(t.firstResponseMinutes),
    resolutionMinutes: String(t.resolutionMinutes),
    requiresProvider: t.requiresProvider,
    requiresOrderId: t.requiresOrderId,
    notify: { ...t.notify },
    notifyManagers: t.escalation.notifyManagers,
    raiseSeverity: t.escalation.raiseSeverity,
    reassignTo: t.escalation.reassignTo ?? '',
    ...phrasesOf(t),
    sop: t.sop ?? '',
    isActive: t.isActive,
  };
}

/** A number field as typed: a number the server checks, or what was typed when it is not one (the server names it). */
const numberOf = (s: string) => (s.trim() === '' ? null : Number.isFinite(Number(s)) ? Number(s) : s);

function Editor(p: Props & { type: CaseType; onSaved: (t: CaseType) => void }) {
  const [d, setD] = useState<Draft>(() => draftOf(p.type));
  const [staff] = useLoad<z.infer<typeof staffMember>[]>('staff');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const L = p.lang;
  const set = (patch: Partial<Draft>) => {
    setD({ ...d, ...patch });
    setSaved(false);
  };
  const ro = !p.canManage;

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const a = await send<CaseType>('PATCH', `case-types/${p.type.key}`, {
      name: { th: d.nameTh, en: d.nameEn },
      category: d.category,
      defaultSeverity: d.defaultSeverity,
      firstResponseMinutes: numberOf(d.firstResponseMinutes),
      resolutionMinutes: numberOf(d.resolutionMinutes),
      requiresProvider: d.requiresProvider,
      requiresOrderId: d.requiresOrderId,
      notify: d.notify,
      escalation: { notifyManagers: d.notifyManagers, raiseSeverity: d.raiseSeverity, reassignTo: d.reassignTo || null },
      ...savedPhrases(d),
      sop: d.sop,
      isActive: d.isActive,
    });
    setBusy(false);
    if (a.kind === 'ok') {
      setErrors({});
      setSaved(true);
      setD(draftOf(a.data));
      p.onSaved(a.data);
    } else setErrors(errorsOf(a, L));
  };

  const text = (id: keyof Draft, label: string, path: string, o: { type?: 'text' | 'number'; inputMode?: string } = {}) => (
    <TextField id={`f-${id}`} errorId={`e-${id}`} label={label} type={o.type} inputMode={o.inputMode} value={d[id] as string} disabled={ro} error={errors[path]} onInput={(v) => set({ [id]: v } as Partial<Draft>)} />
  );
  const check = (label: string, checked: boolean, onChange: (v: boolean) => void, id: string) => (
    <label class="choice compact" for={id}>
      <input id={id} type="checkbox" checked={checked} disabled={ro} onChange={(e) => onChange((e.target as HTMLInputElement).checked)} />
      <span>{label}</span>
    </label>
  );

  return (
    <form onSubmit={save} noValidate>
      <h1>{p.type.name[L]}</h1>
      <KeyNote lang={L} entryKey={p.type.key} />
      {ro && <ReadOnlyNote lang={L} me={p.me} who={['admin', 'manager']} />}
      <section class="card">
        <div class="grid2">
          <div>{text('nameTh', words.nameTh[L], 'name.th')}</div>
          <div>{text('nameEn', words.nameEn[L], 'name.en')}</div>
        </div>
        <div class="grid2">
          <div>
            <label for="f-category">{words.category[L]}</label>
            <select id="f-category" value={d.category} disabled={ro} onChange={(e) => set({ category: (e.target as HTMLSelectElement).value })}>
              {CASE_CATEGORIES.map((c) => (
                <option value={c} key={c}>
                  {categoryNames[c][L]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-severity">{words.severity[L]}</label>
            <select id="f-severity" value={d.defaultSeverity} disabled={ro} onChange={(e) => set({ defaultSeverity: (e.target as HTMLSelectElement).value })}>
              {SEVERITIES.map((s) => (
                <option value={s} key={s}>
                  {severityNames[s][L]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div class="grid2">
          <div>{text('firstResponseMinutes', words.firstResponse[L], 'firstResponseMinutes', { type: 'number', inputMode: 'numeric' })}</div>
          <div>{text('resolutionMinutes', words.resolution[L], 'resolutionMinutes', { type: 'number', inputMode: 'numeric' })}</div>
        </div>
        {check(words.active[L], d.isActive, (v) => set({ isActive: v }), 'f-active')}
      </section>

      <fieldset class="card">
        <legend>{words.needs[L]}</legend>
        {check(words.requiresProvider[L], d.requiresProvider, (v) => set({ requiresProvider: v }), 'f-provider')}
        {check(words.requiresOrderId[L], d.requiresOrderId, (v) => set({ requiresOrderId: v }), 'f-order')}
      </fieldset>

      <fieldset class="card">
        <legend>{words.notify[L]}</legend>
        {(['created', 'workStarted', 'waitingCustomer', 'resolved', 'satisfaction'] as const).map((k) =>
          check(words[k][L], d.notify[k], (v) => set({ notify: { ...d.notify, [k]: v } }), `f-notify-${k}`),
        )}
      </fieldset>

      <fieldset class="card">
        <legend>{words.escalation[L]}</legend>
        {check(words.notifyManagers[L], d.notifyManagers, (v) => set({ notifyManagers: v }), 'f-esc-managers')}
        {check(words.raiseSeverity[L], d.raiseSeverity, (v) => set({ raiseSeverity: v }), 'f-esc-raise')}
        {staff.kind === 'ok' && (
          <>
            <label for="f-esc-reassign">{words.reassignTo[L]}</label>
            <select id="f-esc-reassign" value={d.reassignTo} disabled={ro} onChange={(e) => set({ reassignTo: (e.target as HTMLSelectElement).value })}>
              <option value="">{words.keepOwner[L]}</option>
              {staff.data
                .filter((m) => m.isActive && m.role !== 'ceo' && m.role !== 'accountant')
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.displayName}
                  </option>
                ))}
            </select>
            <FieldError id="e-esc-reassign" text={errors['escalation.reassignTo']} />
          </>
        )}
      </fieldset>

      <PhrasesSection lang={L} value={d} disabled={ro} errors={errors} onChange={set} />

      <section class="card">
        <label for="f-sop">{words.sop[L]}</label>
        <textarea id="f-sop" rows={6} value={d.sop} disabled={ro} aria-describedby="h-sop" onInput={(e) => set({ sop: (e.target as HTMLTextAreaElement).value })} />
        <p class="hint" id="h-sop">
          {words.sopHint[L]}
        </p>
        <FieldError id="e-sop" text={errors.sop} />
      </section>

      <SubmitBar lang={L} busy={busy} readOnly={ro} saved={saved} error={errors._form} />
    </form>
  );
}

/** A new case type: its key and names, then the editor for the rest (the classifier learns it from the next message). */
function AddCaseType(p: { lang: Lang; onAdded: (t: CaseType) => void }) {
  const L = p.lang;
  return (
    <AddEntryForm<CaseType, { key: string; th: string; en: string; first: string; resolution: string }>
      lang={L}
      path="case-types"
      title={words.add[L]}
      initial={{ key: '', th: '', en: '', first: '30', resolution: '240' }}
      keyOf={(v) => keyFrom(v.en, v.th)}
      keyLabel={words.key[L]}
      body={(v) => ({ key: v.key, name: { th: v.th, en: v.en }, firstResponseMinutes: numberOf(v.first), resolutionMinutes: numberOf(v.resolution) })}
      onAdded={p.onAdded}
    >
      {(field) => (
        <>
          <div class="grid2">
            <div>{field('th', words.nameTh[L], 'name.th')}</div>
            <div>{field('en', words.nameEn[L], 'name.en')}</div>
            <div>{field('first', words.firstResponse[L], 'firstResponseMinutes', { type: 'number' })}</div>
            <div>{field('resolution', words.resolution[L], 'resolutionMinutes', { type: 'number' })}</div>
          </div>
        </>
      )}
    </AddEntryForm>
  );
}

import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { staffGroup } from '../../../core/contracts/staff-groups.ts';
import type { caseType } from '../../../core/contracts/taxonomy.ts';
import { CASE_CATEGORIES, SEVERITIES } from '../../../core/vocabulary.ts';
import { when, type Dict, type Lang } from '../kit/i18n.ts';
import { Badge, NotFound } from '../kit/ui.tsx';
import { categoryNames, severityNames } from './case-types.tsx';
import { NavCard } from './nav.tsx';
import { errorsOf, ReadOnlyNote, Screen, type ScreenProps, send, SubmitBar, useLoad } from './shared.tsx';

/**
 * Staff groups and their routing: what each LINE group the bot is in is for, and which cases (by
 * type, category, severity) and booking requests are posted to it (core/staff/routing.ts). The same
 * settings "setup" makes from inside the group; groups appear when the bot is added to one.
 */
type Group = z.infer<typeof staffGroup>;
type CaseType = z.infer<typeof caseType>;

const PURPOSES = ['support', 'managers', 'vip_customer', 'provider', 'sales'] as const;

const words = {
  title: { th: 'กลุ่ม LINE ของทีม', en: 'Staff groups' },
  none: { th: 'บอทยังไม่ได้อยู่ในกลุ่มใด เชิญบอทเข้ากลุ่ม LINE ของทีม แล้วพิมพ์ setup ในกลุ่ม', en: 'The bot is in no group yet: invite it to your team’s LINE group and type "setup" there.' },
  unnamed: { th: 'กลุ่มไม่มีชื่อ', en: 'Unnamed group' },
  left: { th: 'บอทออกจากกลุ่มแล้ว', en: 'The bot has left' },
  purpose: { th: 'ใช้สำหรับ', en: 'What it is for' },
  unassigned: { th: 'ยังไม่ได้ตั้งค่า', en: 'Not set up' },
  support: { th: 'ทีมซัพพอร์ต', en: 'Support team' },
  managers: { th: 'ผู้จัดการ (แจ้งเตือนและสรุปรายวัน)', en: 'Managers (alerts and the daily digest)' },
  vip_customer: { th: 'กลุ่มลูกค้า VIP', en: "A VIP customer's group" },
  provider: { th: 'กลุ่มผู้ให้บริการ', en: "A provider's group" },
  sales: { th: 'ทีมขาย (การจอง)', en: 'Sales (bookings)' },
  language: { th: 'ภาษาของการ์ดในกลุ่ม', en: 'Language of the cards in the group' },
  routing: { th: 'ส่งเคสเข้ากลุ่มนี้เมื่อ (ไม่เลือก = ทั้งหมด)', en: 'Post cases here when (none ticked: all)' },
  caseTypes: { th: 'ประเภทเคส', en: 'Case types' },
  categories: { th: 'หมวด', en: 'Categories' },
  severities: { th: 'ความรุนแรง', en: 'Severities' },
  bookings: { th: 'รับคำขอจองด้วย', en: 'Also takes booking requests' },
  provider_of: { th: 'ผู้ให้บริการ: {{name}}', en: 'Provider: {{name}}' },
  vip_of: { th: 'ลูกค้า VIP: {{name}}', en: 'VIP customer: {{name}}' },
  since: { th: 'เข้ากลุ่มเมื่อ {{at}}', en: 'Joined {{at}}' },
} satisfies Dict;

type Props = ScreenProps;

export function Groups(p: Props) {
  const [state, retry, set] = useLoad<Group[]>('staff-groups');
  return (
    <Screen lang={p.lang} state={state} retry={retry}>
      {(groups) => {
        if (!p.item) return <List lang={p.lang} groups={groups} />;
        const g = groups.find((x) => x.id === p.item);
        if (!g) return <NotFound lang={p.lang} />;
        return <Editor {...p} group={g} onSaved={(n) => set(groups.map((x) => (x.id === n.id ? n : x)))} />;
      }}
    </Screen>
  );
}

function List(p: { lang: Lang; groups: Group[] }) {
  const L = p.lang;
  return (
    <>
      <h1>{words.title[L]}</h1>
      {p.groups.length === 0 && <p class="card">{words.none[L]}</p>}
      <ul class="list">
        {p.groups.map((g) => (
          <NavCard
            key={g.id}
            to={`/staff-groups/${g.id}`}
            title={g.name ?? words.unnamed[L]}
            detail={g.isActive ? words[g.purpose][L] : words.left[L]}
            badge={<Badge tone={!g.isActive ? 'wait' : g.purpose === 'unassigned' ? 'wait' : 'ok'}>{g.language.toUpperCase()}</Badge>}
          />
        ))}
      </ul>
    </>
  );
}

function Editor(p: Props & { group: Group; onSaved: (g: Group) => void }) {
  const L = p.lang;
  const g = p.group;
  const ro = !p.canManage;
  const [types] = useLoad<CaseType[]>('case-types');
  const [purpose, setPurpose] = useState<string>(g.purpose === 'unassigned' ? 'support' : g.purpose);
  const [language, setLanguage] = useState(g.language);
  const [routing, setRouting] = useState(g.routing);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const toggle = <K extends 'caseTypes' | 'categories' | 'severities'>(k: K, v: string, on: boolean) => {
    const list = (routing[k] ?? []) as string[];
    setRouting({ ...routing, [k]: on ? [...list, v] : list.filter((x) => x !== v) });
    setSaved(false);
  };
  const box = (k: 'caseTypes' | 'categories' | 'severities', v: string, label: string) => (
    <label class="choice compact" for={`r-${k}-${v}`} key={v}>
      <input id={`r-${k}-${v}`} type="checkbox" disabled={ro} checked={((routing[k] ?? []) as string[]).includes(v)} onChange={(e) => toggle(k, v, (e.target as HTMLInputElement).checked)} />
      <span>{label}</span>
    </label>
  );

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const a = await send<Group>('PATCH', `staff-groups/${g.id}`, { purpose, language, routing });
    setBusy(false);
    if (a.kind === 'ok') {
      setSaved(true);
      setError(undefined);
      p.onSaved(a.data);
    } else setError(errorsOf(a, L)._form);
  };

  return (
    <form onSubmit={save} noValidate>
      <h1>{g.name ?? words.unnamed[L]}</h1>
      {g.joinedAt && <p class="muted small">{words.since[L].replace('{{at}}', when(L, g.joinedAt))}</p>}
      {g.provider && <p>{words.provider_of[L].replace('{{name}}', g.provider.name)}</p>}
      {g.contact && <p>{words.vip_of[L].replace('{{name}}', g.contact.displayName ?? '')}</p>}
      {ro && <ReadOnlyNote lang={L} me={p.me} who={['admin', 'manager']} />}
      <section class="card">
        <label for="g-purpose">{words.purpose[L]}</label>
        <select id="g-purpose" value={purpose} disabled={ro} onChange={(e) => (setPurpose((e.target as HTMLSelectElement).value), setSaved(false))}>
          {PURPOSES.map((x) => (
            <option key={x} value={x}>
              {words[x][L]}
            </option>
          ))}
        </select>
        <label for="g-language">{words.language[L]}</label>
        <select id="g-language" value={language} disabled={ro} onChange={(e) => (setLanguage((e.target as HTMLSelectElement).value as 'th' | 'en'), setSaved(false))}>
          <option value="th">ไทย</option>
          <option value="en">English</option>
        </select>
      </section>
      <section class="card" aria-labelledby="routing">
        <h2 id="routing">{words.routing[L]}</h2>
        <fieldset>
          <legend>{words.caseTypes[L]}</legend>
          {types.kind === 'ok' && types.data.filter((t) => t.isActive).map((t) => box('caseTypes', t.key, t.name[L]))}
        </fieldset>
        <fieldset>
          <legend>{words.categories[L]}</legend>
          <div class="grid2">{CASE_CATEGORIES.map((c) => box('categories', c, categoryNames[c][L]))}</div>
        </fieldset>
        <fieldset>
          <legend>{words.severities[L]}</legend>
          <div class="grid2">{SEVERITIES.map((s) => box('severities', s, severityNames[s][L]))}</div>
        </fieldset>
        <label class="choice compact" for="r-bookings">
          <input id="r-bookings" type="checkbox" disabled={ro} checked={routing.bookings === true} onChange={(e) => (setRouting({ ...routing, bookings: (e.target as HTMLInputElement).checked }), setSaved(false))} />
          <span>{words.bookings[L]}</span>
        </label>
      </section>
      <SubmitBar lang={L} busy={busy} readOnly={ro} saved={saved} error={error} />
    </form>
  );
}

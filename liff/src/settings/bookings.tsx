import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { assignmentRule, bookingStages } from '../../../core/contracts/bookings.ts';
import type { staffMember } from '../../../core/contracts/staff.ts';
import type { Dict, Lang } from '../kit/i18n.ts';
import { Badge } from '../kit/ui.tsx';
import { keyFrom } from './keys.ts';
import { errorsOf, FieldError, type FieldErrors, KeyNote, ReadOnlyNote, SaveStatus, Screen, type ScreenProps, send, useLoad } from './shared.tsx';

/**
 * The bookings pipeline and who gets new bookings: the stages staff see (names, order, hidden
 * ones, where each may move to), and the assignment rules tried in order (which bookings, to whom,
 * round robin or least loaded). The same core functions as /api/v1/booking-stages and
 * /api/v1/booking-rules; two admins saving the pipeline at once get a 409, not a silent overwrite.
 */
type Pipeline = z.infer<typeof bookingStages>;
type Stage = Pipeline['stages'][number];
type Rule = z.infer<typeof assignmentRule>;
type Member = z.infer<typeof staffMember>;

const words = {
  title: { th: 'การจอง: ขั้นตอนและการมอบหมาย', en: 'Bookings: stages and assignment' },
  stages: { th: 'ขั้นตอนของการจอง', en: 'Pipeline stages' },
  builtIn: { th: 'มาตรฐาน', en: 'Built in' },
  closed: { th: 'ปิดงาน', en: 'Closing' },
  labelTh: { th: 'ชื่อ (ไทย)', en: 'Name (Thai)' },
  labelEn: { th: 'ชื่อ (อังกฤษ)', en: 'Name (English)' },
  hidden: { th: 'ซ่อน (ย้ายเข้ามาไม่ได้)', en: 'Hidden (nothing moves into it)' },
  moves: { th: 'ย้ายต่อไปได้ที่', en: 'May move on to' },
  movesFrom: { th: 'จาก "{{stage}}" ย้ายต่อไปได้ที่', en: 'From "{{stage}}" it may move on to' },
  up: { th: 'เลื่อนขึ้น', en: 'Move up' },
  down: { th: 'เลื่อนลง', en: 'Move down' },
  newKey: { th: 'ชื่อขั้นตอนใหม่', en: 'New stage name' },
  addStage: { th: 'เพิ่มขั้นตอน', en: 'Add the stage' },
  saveStages: { th: 'บันทึกขั้นตอน', en: 'Save the stages' },
  rules: { th: 'การมอบหมายการจองใหม่', en: 'Who gets new bookings' },
  noRules: { th: 'ยังไม่มีกฎ การจองใหม่จะไม่ถูกมอบหมายอัตโนมัติ', en: 'No rules yet: new bookings are not assigned automatically.' },
  round_robin: { th: 'วนตามลำดับ', en: 'Round robin' },
  least_loaded: { th: 'ให้คนที่งานน้อยที่สุด', en: 'Fewest open bookings' },
  off: { th: 'ปิดอยู่', en: 'Off' },
  anyone: { th: 'พนักงานทุกคน', en: 'everyone on staff' },
  addRule: { th: 'เพิ่มกฎ', en: 'Add a rule' },
  ruleName: { th: 'ชื่อกฎ', en: 'Rule name' },
  strategy: { th: 'วิธีมอบหมาย', en: 'How' },
  who: { th: 'มอบหมายให้ (ไม่เลือก = ทุกคน)', en: 'To (none ticked: everyone)' },
  languages: { th: 'ภาษาของการจอง (ไม่เลือก = ทั้งหมด)', en: "The booking's language (none ticked: any)" },
  destinations: { th: 'คำในจุดหมายปลายทาง (คั่นด้วยจุลภาค)', en: 'Words in the destination (comma separated)' },
  turnOn: { th: 'เปิดใช้', en: 'Turn on' },
  turnOff: { th: 'ปิดใช้', en: 'Turn off' },
} satisfies Dict;

type Props = Omit<ScreenProps, 'item'>;

export function Bookings(p: Props) {
  const [state, retry, set] = useLoad<Pipeline>('booking-stages');
  return (
    <Screen lang={p.lang} state={state} retry={retry}>
      {(pipeline) => (
        <>
          <h1>{words.title[p.lang]}</h1>
          {!p.canManage && <ReadOnlyNote lang={p.lang} me={p.me} who={['admin', 'manager']} />}
          <Stages {...p} pipeline={pipeline} onSaved={set} />
          <Rules {...p} />
        </>
      )}
    </Screen>
  );
}

function Stages(p: Props & { pipeline: Pipeline; onSaved: (x: Pipeline) => void }) {
  const L = p.lang;
  const ro = !p.canManage;
  const [stages, setStages] = useState<Stage[]>(p.pipeline.stages);
  const [newKey, setNewKey] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const change = (next: Stage[]) => (setStages(next), setSaved(false));
  const edit = (i: number, patch: Partial<Stage>) => change(stages.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const swap = (i: number, j: number) => {
    const next = [...stages];
    [next[i], next[j]] = [next[j], next[i]];
    change(next);
  };
  const save = async () => {
    const a = await send<Pipeline>('PUT', 'booking-stages', {
      stages: stages.map((s) => ({ key: s.key, label: s.label, hidden: s.hidden, moves: s.moves })),
      expectedVersion: p.pipeline.version,
    });
    if (a.kind === 'ok') {
      setError(undefined);
      setSaved(true);
      setStages(a.data.stages);
      p.onSaved(a.data);
    } else setError(errorsOf(a, L)._form);
  };
  return (
    <section aria-labelledby="stages">
      <h2 id="stages">{words.stages[L]}</h2>
      <ol class="list">
        {stages.map((s, i) => (
          <li class="card" key={s.key} data-stage={s.key}>
            <div class="row">
              <strong>{s.label[L]}</strong>
              <span>
                {s.builtIn && <Badge tone="info">{words.builtIn[L]}</Badge>} {s.closed && <Badge tone="ok">{words.closed[L]}</Badge>}
              </span>
            </div>
            <KeyNote lang={L} entryKey={s.key} />
            {!ro && (
              <details>
                <summary class="small">{`${words.labelTh[L]} · ${words.moves[L]}`}</summary>
                <div class="grid2">
                  <div>
                    <label for={`st-${s.key}-th`}>{words.labelTh[L]}</label>
                    <input id={`st-${s.key}-th`} value={s.label.th} onInput={(e) => edit(i, { label: { ...s.label, th: (e.target as HTMLInputElement).value } })} />
                  </div>
                  <div>
                    <label for={`st-${s.key}-en`}>{words.labelEn[L]}</label>
                    <input id={`st-${s.key}-en`} value={s.label.en} onInput={(e) => edit(i, { label: { ...s.label, en: (e.target as HTMLInputElement).value } })} />
                  </div>
                </div>
                <label class="choice compact" for={`st-${s.key}-hidden`}>
                  <input id={`st-${s.key}-hidden`} type="checkbox" checked={s.hidden} onChange={(e) => edit(i, { hidden: (e.target as HTMLInputElement).checked })} />
                  <span>{words.hidden[L]}</span>
                </label>
                <fieldset>
                  <legend class="small">{words.movesFrom[L].replace('{{stage}}', s.label[L])}</legend>
                  <div class="moves">
                    {stages
                      .filter((t) => t.key !== s.key)
                      .map((t) => (
                        <label class="choice compact" for={`mv-${s.key}-${t.key}`} key={t.key}>
                          <input
                            id={`mv-${s.key}-${t.key}`}
                            type="checkbox"
                            checked={s.moves.includes(t.key)}
                            onChange={(e) => edit(i, { moves: (e.target as HTMLInputElement).checked ? [...s.moves, t.key] : s.moves.filter((m) => m !== t.key) })}
                          />
                          <span>{t.label[L]}</span>
                        </label>
                      ))}
                  </div>
                </fieldset>
                <div class="actions">
                  <button type="button" class="quiet small-button" disabled={i === 0} onClick={() => swap(i, i - 1)} aria-label={`${words.up[L]}: ${s.label[L]}`}>
                    ↑ {words.up[L]}
                  </button>
                  <button type="button" class="quiet small-button" disabled={i === stages.length - 1} onClick={() => swap(i, i + 1)} aria-label={`${words.down[L]}: ${s.label[L]}`}>
                    ↓ {words.down[L]}
                  </button>
                </div>
              </details>
            )}
          </li>
        ))}
      </ol>
      {!ro && (
        <>
          <div class="card">
            <label for="st-new">{words.newKey[L]}</label>
            <div class="period">
              <input id="st-new" value={newKey} onInput={(e) => setNewKey((e.target as HTMLInputElement).value)} />
              <button
                type="button"
                class="quiet small-button"
                onClick={() => {
                  // The name is what staff see; its key is made from it (keys.ts), never typed.
                  const name = newKey.trim();
                  const base = keyFrom(name);
                  if (!base) return;
                  let key = base;
                  for (let n = 2; stages.some((s) => s.key === key); n++) key = `${base}_${n}`;
                  change([...stages, { key, label: { th: name, en: name }, hidden: false, closed: false, builtIn: false, moves: [] }]);
                  setNewKey('');
                }}
              >
                {words.addStage[L]}
              </button>
            </div>
          </div>
          <div class="actions">
            <button type="button" class="primary" onClick={save}>
              {words.saveStages[L]}
            </button>
          </div>
          <SaveStatus lang={L} saved={saved} error={error} />
        </>
      )}
    </section>
  );
}

function Rules(p: Props) {
  const L = p.lang;
  const [state, retry, set] = useLoad<Rule[]>('booking-rules');
  const [staff] = useLoad<Member[]>('staff');
  const people = staff.kind === 'ok' ? staff.data.filter((m) => m.isActive) : [];
  const nameOf = (id: string) => people.find((m) => m.id === id)?.displayName ?? id.slice(0, 8);
  return (
    <section aria-labelledby="rules">
      <h2 id="rules">{words.rules[L]}</h2>
      <Screen lang={L} state={state} retry={retry}>
        {(rules) => (
          <>
            {rules.length === 0 && <p class="muted">{words.noRules[L]}</p>}
            <ol class="list">
              {rules.map((r) => (
                <li class="card" key={r.id} data-rule={r.name}>
                  <div class="row">
                    <strong>{r.name}</strong>
                    {r.isActive ? <Badge tone="ok">{words[r.strategy][L]}</Badge> : <Badge tone="wait">{words.off[L]}</Badge>}
                  </div>
                  <p class="muted small">
                    {r.staffIds.length ? r.staffIds.map(nameOf).join(', ') : words.anyone[L]}
                    {r.languages.length ? ` · ${r.languages.join(', ').toUpperCase()}` : ''}
                    {r.destinations.length ? ` · ${r.destinations.join(', ')}` : ''}
                  </p>
                  {p.canManage && (
                    <button
                      type="button"
                      class="quiet small-button"
                      onClick={async () => {
                        const a = await send<Rule>('PATCH', `booking-rules/${r.id}`, { isActive: !r.isActive });
                        if (a.kind === 'ok') set(rules.map((x) => (x.id === r.id ? a.data : x)));
                      }}
                    >
                      {r.isActive ? words.turnOff[L] : words.turnOn[L]}
                    </button>
                  )}
                </li>
              ))}
            </ol>
            {p.canManage && <AddRule lang={L} people={people} onAdded={(r) => set([...rules, r])} />}
          </>
        )}
      </Screen>
    </section>
  );
}

function AddRule(p: { lang: Lang; people: Member[]; onAdded: (r: Rule) => void }) {
  const L = p.lang;
  const [v, setV] = useState({ name: '', strategy: 'round_robin', staffIds: [] as string[], languages: [] as string[], destinations: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  // From the form as it is now, not as it was drawn: two ticks before the page redraws both count
  // (a rule with two people ticked was saved with one).
  const put = (patch: (cur: typeof v) => Partial<typeof v>) => setV((cur) => ({ ...cur, ...patch(cur) }));
  const tick = (k: 'staffIds' | 'languages', id: string, on: boolean) => put((cur) => ({ [k]: on ? [...cur[k], id] : cur[k].filter((x) => x !== id) }));
  return (
    <form
      class="card"
      noValidate
      aria-labelledby="add-rule"
      onSubmit={async (e) => {
        e.preventDefault();
        const a = await send<Rule>('POST', 'booking-rules', {
          name: v.name,
          strategy: v.strategy,
          staffIds: v.staffIds,
          languages: v.languages,
          destinations: v.destinations.split(',').map((d) => d.trim()).filter(Boolean),
        });
        if (a.kind === 'ok') {
          setErrors({});
          setV({ name: '', strategy: 'round_robin', staffIds: [], languages: [], destinations: '' });
          p.onAdded(a.data);
        } else setErrors(errorsOf(a, L));
      }}
    >
      <h3 id="add-rule">{words.addRule[L]}</h3>
      <label for="r-name">{words.ruleName[L]}</label>
      <input id="r-name" value={v.name} aria-invalid={errors.name ? 'true' : undefined} onInput={(e) => put(() => ({ name: (e.target as HTMLInputElement).value }))} />
      <FieldError id="e-r-name" text={errors.name} />
      <label for="r-strategy">{words.strategy[L]}</label>
      <select id="r-strategy" value={v.strategy} onChange={(e) => put(() => ({ strategy: (e.target as HTMLSelectElement).value }))}>
        <option value="round_robin">{words.round_robin[L]}</option>
        <option value="least_loaded">{words.least_loaded[L]}</option>
      </select>
      <fieldset>
        <legend>{words.who[L]}</legend>
        <div class="grid2">
          {p.people
            .filter((m) => m.role === 'support' || m.role === 'manager' || m.role === 'admin')
            .map((m) => (
              <label class="choice compact" for={`r-who-${m.id}`} key={m.id}>
                <input id={`r-who-${m.id}`} type="checkbox" checked={v.staffIds.includes(m.id)} onChange={(e) => tick('staffIds', m.id, (e.target as HTMLInputElement).checked)} />
                <span>{m.displayName}</span>
              </label>
            ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{words.languages[L]}</legend>
        <div class="grid2">
          {(['th', 'en'] as const).map((l) => (
            <label class="choice compact" for={`r-lang-${l}`} key={l}>
              <input id={`r-lang-${l}`} type="checkbox" checked={v.languages.includes(l)} onChange={(e) => tick('languages', l, (e.target as HTMLInputElement).checked)} />
              <span>{l === 'th' ? 'ไทย' : 'English'}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label for="r-dest">{words.destinations[L]}</label>
      <input id="r-dest" value={v.destinations} onInput={(e) => put(() => ({ destinations: (e.target as HTMLInputElement).value }))} />
      <div class="actions">
        <button type="submit" class="primary">
          {words.addRule[L]}
        </button>
      </div>
      <SaveStatus lang={L} saved={false} error={errors._form} />
    </form>
  );
}

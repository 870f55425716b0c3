import type { LearnedExampleList, LearnedExampleView } from '../../../core/contracts/learned-examples.ts';
import { fill, when, type Dict, type Lang } from '../kit/i18n.ts';
import { Badge } from '../kit/ui.tsx';
import { Screen, send, useLoad } from './shared.tsx';

/**
 * What the bot learned from staff (GET /api/v1/taxonomy/learned): customers' messages staff put in
 * another case type, each with what became of it. An admin or manager removes one that should not
 * teach the bot, or accepts one that waits; an admin turns learning at once on or off. Classes are
 * shown by the names the business gave them, never by key.
 */
type Item = LearnedExampleView;

const words = {
  auto: { th: 'เพิ่มเป็นตัวอย่างทันที (ปิด: รอผู้ดูแลรับ)', en: 'Add to the examples at once (off: wait for an admin)' },
  today: { th: 'วันนี้', en: 'Today' },
  added: { th: 'เพิ่มแล้ว', en: 'Added' },
  suggested: { th: 'รอรับ', en: 'Suggested' },
  conflict: { th: 'ซ้ำกับ {{other}}', en: 'Also in {{other}}' },
  over_limit: { th: 'เกินโควตาวันนี้', en: "Over today's limit" },
  refused: { th: 'ไม่ได้เพิ่ม', en: 'Not added' },
  empty: { th: 'ว่าง', en: 'empty' },
  too_long: { th: 'ยาวเกินไป', en: 'too long' },
  accept: { th: 'รับ', en: 'Accept' },
  remove: { th: 'ลบ', en: 'Remove' },
} satisfies Dict;


const nameOf = (c: Item['class'], lang: Lang) => c.name?.[lang] ?? '';

export function Learned(p: { lang: Lang; title: string; canManage: boolean; canSwitch: boolean }) {
  const L = p.lang;
  const [state, retry, set] = useLoad<LearnedExampleList>('learned');
  // Refused (someone else removed it first, a FAQ entry asked the same): the list as it is now says why.
  const act = async (list: LearnedExampleList, item: Item, how: 'accept' | 'remove') => {
    const a = await send<Item>(how === 'accept' ? 'POST' : 'DELETE', how === 'accept' ? `learned/${item.id}/accept` : `learned/${item.id}`);
    if (a.kind !== 'ok') return retry();
    set({ ...list, items: how === 'accept' ? list.items.map((i) => (i.id === item.id ? a.data : i)) : list.items.filter((i) => i.id !== item.id) });
  };
  return (
    <Screen lang={L} state={state} retry={retry}>
      {(list) => (
        <>
          <h1>{p.title}</h1>
          <label class="choice compact card">
            <input
              type="checkbox"
              checked={list.learnFromStaff}
              disabled={!p.canSwitch}
              onChange={async (e) => {
                const on = (e.target as HTMLInputElement).checked;
                const a = await send<{ learnFromStaff: boolean }>('PUT', 'learn-from-staff', { learnFromStaff: on });
                if (a.kind === 'ok') set({ ...list, learnFromStaff: a.data.learnFromStaff });
                else void retry();
              }}
            />
            <span>{words.auto[L]}</span>
          </label>
          {list.today.map((t) => (
            <p class="hint">
              {`${words.today[L]} ${t.name}: ${t.learned}/${list.dailyLimit}`}
            </p>
          ))}
          <ul class="list">
            {list.items.map((i) => (
              <li class="card" key={i.id}>
                <p>{i.text}</p>
                <div class="row wrap">
                  <strong>{nameOf(i.class, L)}</strong>
                  <Badge tone={i.status === 'added' ? 'ok' : i.status === 'conflict' ? 'bad' : 'wait'}>
                    {i.status === 'conflict' && i.conflictWith ? fill(words.conflict[L], { other: nameOf(i.conflictWith, L) }) : words[i.status][L] + (i.reason && i.reason in words ? `: ${words[i.reason as 'empty'][L]}` : '')}
                  </Badge>
                </div>
                <p class="hint">
                  {i.correctedBy?.name} · {when(L, i.correctedAt)}
                </p>
                {p.canManage && (
                  <div class="actions">
                    {i.status !== 'added' && i.status !== 'refused' && (
                      <button type="button" onClick={() => act(list, i, 'accept')}>
                        {words.accept[L]}
                      </button>
                    )}
                    <button type="button" class="quiet" onClick={() => act(list, i, 'remove')}>
                      {words.remove[L]}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </Screen>
  );
}

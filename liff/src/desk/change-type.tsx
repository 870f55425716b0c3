import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { caseTypeList } from '../../../core/contracts/taxonomy.ts';
import { CORRECTION_REASON_MAX } from '../../../core/vocabulary.ts';
import type { Lang } from '../kit/i18n.ts';
import { staffCall } from '../kit/staff.ts';
import { w } from './words.ts';

type CaseTypes = z.infer<typeof caseTypeList>;

/**
 * "Change type": when the classifier filed the case under the wrong type, the right one and why
 * (`POST .../corrections`, docs/cases.md). Folded away until wanted, and the org's types are read
 * only then. The server decides who may and re-arms the clocks; the screen shows the case after.
 */
export function ChangeType(p: { lang: Lang; busy: boolean; current: string; correct: (caseType: string, reason: string) => Promise<boolean> }) {
  const { lang } = p;
  const [unfolded, setUnfolded] = useState(false);
  const [types, setTypes] = useState<CaseTypes | null>(null);
  const [type, setType] = useState('');
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (!unfolded || types) return;
    void staffCall<CaseTypes>('desk/case-types').then((r) => setTypes(r.kind === 'ok' ? r.data.filter((t) => t.name[lang] !== p.current) : []));
  }, [unfolded]);

  return (
    <details onToggle={(e) => setUnfolded(e.currentTarget.open)}>
      <summary>{w.changeType[lang]}</summary>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (await p.correct(type, reason.trim())) setReason('');
        }}
      >
        <label for="correct-type">{w.rightType[lang]}</label>
        <select id="correct-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
          <option value="">{types ? w.pickType[lang] : w.working[lang]}</option>
          {(types ?? []).map((t) => (
            <option key={t.key} value={t.key}>
              {t.name[lang]}
            </option>
          ))}
        </select>
        <label for="correct-reason">{w.correctionReason[lang]}</label>
        <textarea id="correct-reason" value={reason} maxLength={CORRECTION_REASON_MAX} aria-describedby="correct-hint" onInput={(e) => setReason(e.currentTarget.value)} />
        <p class="hint" id="correct-hint">
          {w.correctionHint[lang]}
        </p>
        <div class="actions">
          <button type="submit" class="quiet" disabled={p.busy || !type || !reason.trim()}>
            {w.changeType[lang]}
          </button>
        </div>
      </form>
    </details>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { caseCreated } from '../../../core/contracts/cases.ts';
import type { caseTypeList } from '../../../core/contracts/taxonomy.ts';
import { SEVERITIES } from '../../../core/vocabulary.ts';
import { fill, type Lang } from '../kit/i18n.ts';
import { staffCall, type StaffMe } from '../kit/staff.ts';
import { cw } from './conversation-words.ts';
import { iw } from './inbox-words.ts';
import { go } from './nav.tsx';
import { severityNames } from './words.ts';

/**
 * A new case from the queue, for a customer who is not in the Inbox (a phone call, a ticket, an
 * e-mail): its source, type, severity and summary, an order id, and the customer by phone, e-mail
 * or LINE user id (POST /api/v1/cases, docs/cases.md). One Idempotency-Key per form opened: a
 * second tap, or a retry after the network dropped, answers the same case.
 */
type CaseTypes = z.infer<typeof caseTypeList>;
const BY = ['phone', 'email', 'lineUserId'] as const;

const nw = {
  newCase: { th: 'เคสใหม่', en: 'New case' },
  source: { th: 'ที่มา', en: 'Source' },
  manual: { th: 'แจ้งกับพนักงาน (โทร, หน้าร้าน)', en: 'Told to staff (a call, in person)' },
  ticket: { th: 'ทิกเก็ต', en: 'A ticket' },
  by: { th: 'ระบุลูกค้าด้วย', en: 'The customer, by' },
  phone: { th: 'เบอร์โทร', en: 'Phone' },
  email: { th: 'อีเมล', en: 'E-mail' },
  lineUserId: { th: 'LINE user id', en: 'LINE user id' },
  who: { th: 'เบอร์โทร อีเมล หรือ LINE user id', en: 'Their phone, e-mail or LINE user id' },
  name: { th: 'ชื่อลูกค้า (ถ้าเป็นลูกค้าใหม่)', en: "The customer's name (for a new customer)" },
  orderId: { th: 'เลขที่คำสั่งซื้อ', en: 'Order id' },
};

export function NewCase(p: { lang: Lang; me: StaffMe }) {
  const { lang } = p;
  const [open, setOpen] = useState(false);
  const [types, setTypes] = useState<CaseTypes | null>(null);
  const [key, setKey] = useState('');
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open && !types) void staffCall<CaseTypes>('desk/case-types').then((a) => setTypes(a.kind === 'ok' ? a.data : []));
  }, [open]);
  if (!p.me.permissions.includes('cases.create')) return null;
  if (!open) {
    return (
      <div class="actions">
        <button type="button" class="quiet" onClick={() => (setOpen(true), setKey(crypto.randomUUID()), setFailed(null))}>
          {nw.newCase[lang]}
        </button>
      </div>
    );
  }

  const send = async (form: HTMLFormElement) => {
    const f = Object.fromEntries([...new FormData(form)].filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Record<string, string>;
    const { by, who, orderId, ...rest } = f;
    const body = { ...rest, [by]: who.trim(), ...(orderId ? { fields: { orderIds: [orderId.trim()] } } : {}) };
    setBusy(true);
    const a = await staffCall<z.infer<typeof caseCreated>>('desk/cases', { method: 'POST', body, headers: { 'Idempotency-Key': key } });
    setBusy(false);
    if (a.kind === 'ok') go(`/case/${encodeURIComponent(a.data.number)}`);
    else setFailed(fill(iw.failed[lang], { why: a.kind === 'refused' ? a.error.message + detailsOf(a.error.details) : '—' }));
  };

  return (
    <form
      class="open-work"
      aria-label={nw.newCase[lang]}
      onSubmit={(e) => {
        e.preventDefault();
        void send(e.currentTarget);
      }}
    >
      {failed && (
        <p class="banner tone-bad" role="alert">
          {failed}
        </p>
      )}
      <label for="nc-source">{nw.source[lang]}</label>
      <select id="nc-source" name="source">
        <option value="manual">{nw.manual[lang]}</option>
        <option value="ticket">{nw.ticket[lang]}</option>
      </select>
      <label for="nc-type">{cw.caseType[lang]}</label>
      <select id="nc-type" name="caseType" required>
        {(types ?? []).map((t) => (
          <option key={t.key} value={t.key}>
            {t.name[lang]}
          </option>
        ))}
      </select>
      <label for="nc-severity">{cw.severity[lang]}</label>
      <select id="nc-severity" name="severity">
        <option value="">{cw.typesSeverity[lang]}</option>
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {severityNames[s][lang]}
          </option>
        ))}
      </select>
      <label for="nc-by">{nw.by[lang]}</label>
      <select id="nc-by" name="by">
        {BY.map((b) => (
          <option key={b} value={b}>
            {nw[b][lang]}
          </option>
        ))}
      </select>
      <label for="nc-who">{nw.who[lang]}</label>
      <input id="nc-who" name="who" required maxLength={254} />
      <label for="nc-name">{nw.name[lang]}</label>
      <input id="nc-name" name="contactName" maxLength={200} />
      <label for="nc-order">{nw.orderId[lang]}</label>
      <input id="nc-order" name="orderId" maxLength={100} />
      <label for="nc-summary">{cw.summary[lang]}</label>
      <textarea id="nc-summary" name="summary" required maxLength={1000} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || !types}>
          {busy ? iw.working[lang] : nw.newCase[lang]}
        </button>
        <button type="button" class="quiet" onClick={() => setOpen(false)}>
          {cw.cancel[lang]}
        </button>
      </div>
    </form>
  );
}

/** The fields a refusal names, after its message: "(phone: ...)". */
function detailsOf(details: unknown): string {
  if (!Array.isArray(details)) return '';
  const named = details.filter((d) => d && typeof d.path === 'string').map((d) => `${d.path}: ${d.message}`);
  return named.length ? ` (${named.join('; ')})` : '';
}

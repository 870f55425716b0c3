import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { corporateClient, corporateSeatUsage } from '../../../core/contracts/corporate-clients.ts';
import { fill, when, type Dict, type Lang } from '../kit/i18n.ts';
import { Badge } from '../kit/ui.tsx';
import { NavCard } from './nav.tsx';
import { errorsOf, type FieldErrors, ReadOnlyNote, Screen, type ScreenProps, send, SubmitBar, TextField, useLoad } from './shared.tsx';

/**
 * Corporate clients (`/liff/settings/corporate/<id>`, loaded when opened; seed 000): the clients
 * with their seats taken of all and the code their people type in the chat; a new client (name,
 * seats, the package each seat carries, until when); one client's seats, who holds each and what
 * they used, and a seat released when a person leaves; the LINE link that carries the code (or why
 * there is none yet) and the company's usage link, each with a copy button, the usage link made
 * anew or revoked here. Through the REST routes of docs/members.md.
 */
type Client = z.infer<typeof corporateClient>;
type Usage = z.infer<typeof corporateSeatUsage>;

const words = {
  title: { th: 'ลูกค้าองค์กร', en: 'Corporate clients' },
  none: { th: 'ยังไม่มีลูกค้าองค์กร', en: 'No corporate clients yet' },
  seats: { th: 'ใช้ที่นั่งแล้ว {{taken}}/{{seats}}', en: '{{taken}}/{{seats}} seats taken' },
  code: { th: 'รหัส {{code}}', en: 'Code {{code}}' },
  suspended: { th: 'ระงับอยู่', en: 'Suspended' },
  ended: { th: 'หมดอายุแล้ว', en: 'Ended' },
  add: { th: 'เพิ่มลูกค้าองค์กร', en: 'Add a corporate client' },
  name: { th: 'ชื่อบริษัท', en: 'Company name' },
  seatCount: { th: 'จำนวนที่นั่ง', en: 'Seats' },
  packageKey: { th: 'รหัสแพ็กเกจที่ให้แต่ละที่นั่ง (ว่างได้)', en: 'Package each seat carries (key, optional)' },
  until: { th: 'เข้าร่วมได้ถึงวันที่', en: 'People may join until' },
  contact: { th: 'ผู้ติดต่อของบริษัท (ว่างได้)', en: "The company's contact (optional)" },
  create: { th: 'เพิ่ม', en: 'Add' },
  noPackage: { th: 'ไม่มีแพ็กเกจที่ใช้รหัสนี้', en: 'No package has this key' },
  howToJoin: { th: 'พนักงานของบริษัทพิมพ์ในแชต LINE:', en: 'Their people type in the LINE chat:' },
  valid: { th: 'เข้าร่วมได้ {{from}} – {{until}}', en: 'Open to join {{from}} – {{until}}' },
  holders: { th: 'ผู้ใช้ที่นั่ง', en: 'Who holds the seats' },
  noSeats: { th: 'ยังไม่มีผู้เข้าร่วม', en: 'No one has joined yet' },
  joined: { th: 'เข้าร่วม {{at}}', en: 'Joined {{at}}' },
  used: { th: 'ใช้ไป {{used}} ครั้ง · เหลือ {{left}} จาก {{credits}}', en: '{{used}} used · {{left}} left of {{credits}}' },
  bookings: { th: 'การจองที่ชำระแล้ว {{n}}', en: '{{n}} bookings paid' },
  released: { th: 'ออกแล้ว {{at}}: {{reason}}', en: 'Left {{at}}: {{reason}}' },
  release: { th: 'ยกเลิกที่นั่ง', en: 'Release seat' },
  reason: { th: 'เหตุผล', en: 'Reason' },
  confirm: { th: 'ยืนยันยกเลิกที่นั่ง', en: 'Confirm release' },
  orLink: { th: 'หรือส่งลิงก์นี้:', en: 'Or send this link:' },
  no_line_channel: { th: 'ยังไม่มีลิงก์: ยังไม่ได้เชื่อมต่อ LINE', en: 'No link yet: connect LINE first' },
  basic_id_unknown: { th: 'ยังไม่มีลิงก์: กด "ตรวจอีกครั้ง" ที่ช่องทาง LINE', en: 'No link yet: press "Check again" on the LINE channel' },
  copy: { th: 'คัดลอก', en: 'Copy' },
  usage: { th: 'ลิงก์ให้บริษัทดูการใช้', en: "The company's usage link" },
  usageIs: { th: 'ใช้ได้ถึง {{until}}', en: 'Works until {{until}}' },
  make: { th: 'สร้างลิงก์', en: 'New link' },
  revoke: { th: 'ยกเลิกลิงก์', en: 'Revoke link' },
} satisfies Dict;

/** A link to hand on, with a button that copies it. */
function CopyLink(p: { lang: Lang; url: string; label: string }) {
  const [done, setDone] = useState(false);
  return (
    <p>
      <span class="muted small">{p.label} </span>
      <a href={p.url} class="link-text">
        {p.url}
      </a>{' '}
      <button type="button" onClick={() => navigator.clipboard.writeText(p.url).then(() => setDone(true))}>
        {words.copy[p.lang]}
        {done && ' ✓'}
      </button>
    </p>
  );
}

/** The usage link of the client's contact person: made, made anew or revoked by those who manage clients. */
function UsageLink(p: { lang: Lang; canManage: boolean; client: Client; onChanged: (c: Client) => void }) {
  const L = p.lang;
  const u = p.client.usageLink;
  const [error, setError] = useState<string>();
  const act = async (method: 'POST' | 'DELETE') => {
    const a = await send<Client>(method, `corporate-clients/${p.client.id}/usage-link`);
    if (a.kind !== 'ok') return setError(errorsOf(a, L)._form);
    setError(undefined);
    p.onChanged(a.data);
  };
  return (
    <section class="card" aria-labelledby="cc-usage">
      <h2 id="cc-usage">{words.usage[L]}</h2>
      {u && <CopyLink lang={L} url={u.url} label={fill(words.usageIs[L], { until: when(L, u.worksUntil, false) })} />}
      {p.canManage && (
        <div class="actions">
          <button type="button" onClick={() => act('POST')}>
            {words.make[L]}
          </button>
          {u && (
            <button type="button" onClick={() => act('DELETE')}>
              {words.revoke[L]}
            </button>
          )}
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}

export default function Corporate(p: ScreenProps) {
  return p.item ? <ClientSeats {...p} clientId={p.item} /> : <Clients {...p} />;
}

const ended = (c: Client) => new Date(c.validUntil).getTime() <= Date.now();

function Clients(p: ScreenProps) {
  const [state, retry, setList] = useLoad<Client[]>('corporate-clients');
  const L = p.lang;
  return (
    <>
      <h1>{words.title[L]}</h1>
      {!p.canManage && <ReadOnlyNote lang={L} me={p.me} who={['admin', 'manager']} />}
      <Screen lang={L} state={state} retry={retry}>
        {(d) => (
          <>
            {d.length ? (
              <ul class="list" data-clients>
                {d.map((c) => (
                  <NavCard
                    key={c.id}
                    to={`/corporate/${c.id}`}
                    title={c.name}
                    detail={`${fill(words.seats[L], { taken: c.seatsTaken, seats: c.seats })} · ${fill(words.code[L], { code: c.code })}`}
                    badge={c.status === 'suspended' ? <Badge tone="wait">{words.suspended[L]}</Badge> : ended(c) ? <Badge tone="info">{words.ended[L]}</Badge> : undefined}
                  />
                ))}
              </ul>
            ) : (
              <p class="muted">{words.none[L]}</p>
            )}
            {p.canManage && <NewClient lang={L} onAdded={(c) => setList([...d, c].sort((a, b) => a.name.localeCompare(b.name)))} />}
          </>
        )}
      </Screen>
    </>
  );
}

const BLANK = { name: '', seats: '10', packageKey: '', until: '', contact: '' };

function NewClient(p: { lang: Lang; onAdded: (c: Client) => void }) {
  const L = p.lang;
  const [f, setF] = useState(BLANK);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    const body = {
      name: f.name,
      seats: Number(f.seats),
      ...(f.packageKey.trim() ? { packageKey: f.packageKey.trim() } : {}),
      ...(f.contact.trim() ? { contactName: f.contact.trim() } : {}),
      validUntil: f.until ? new Date(`${f.until}T23:59:59+07:00`).toISOString() : '',
    };
    const a = await send<Client>('POST', 'corporate-clients', body);
    setBusy(false);
    if (a.kind !== 'ok') {
      const found = errorsOf(a, L);
      if (a.kind === 'refused' && a.status === 404) {
        // The only thing named that can be missing: said on its field, in the reader's words.
        found.packageKey = words.noPackage[L];
        delete found._form;
      }
      return setErrors(found);
    }
    setErrors({});
    setSaved(true);
    setF(BLANK);
    p.onAdded(a.data);
  };
  return (
    <section class="card" aria-labelledby="cc-add">
      <h2 id="cc-add">{words.add[L]}</h2>
      <form onSubmit={submit} noValidate>
        <TextField id="cc-name" errorId="cc-name-e" label={words.name[L]} value={f.name} error={errors.name} onInput={set('name')} />
        <TextField id="cc-seats" errorId="cc-seats-e" label={words.seatCount[L]} type="number" inputMode="numeric" value={f.seats} error={errors.seats} onInput={set('seats')} />
        <TextField id="cc-package" errorId="cc-package-e" label={words.packageKey[L]} value={f.packageKey} error={errors.packageKey} onInput={set('packageKey')} autoCapitalize="none" spellcheck={false} />
        <TextField id="cc-until" errorId="cc-until-e" label={words.until[L]} type="date" value={f.until} error={errors.validUntil} onInput={set('until')} />
        <TextField id="cc-contact" errorId="cc-contact-e" label={words.contact[L]} value={f.contact} error={errors.contactName} onInput={set('contact')} />
        <SubmitBar lang={L} busy={busy} label={words.create[L]} saved={saved} error={errors._form} />
      </form>
    </section>
  );
}

function ClientSeats(p: ScreenProps & { clientId: string }) {
  const [state, retry, set] = useLoad<Usage>(`corporate-clients/${encodeURIComponent(p.clientId)}/seats`);
  const L = p.lang;
  return (
    <Screen lang={L} state={state} retry={retry}>
      {(d) => (
        <>
          <h1>{d.client.name}</h1>
          {!p.canManage && <ReadOnlyNote lang={L} me={p.me} who={['admin', 'manager']} />}
          <section class="card" aria-labelledby="cc-about">
            <h2 id="cc-about">{fill(words.seats[L], { taken: d.client.seatsTaken, seats: d.client.seats })}</h2>
            <p>
              {words.howToJoin[L]} <strong data-join>{d.client.joinText[L]}</strong>
            </p>
            {d.client.joinLink ? (
              <CopyLink lang={L} url={d.client.joinLink[L]} label={words.orLink[L]} />
            ) : (
              <p class="muted small" data-no-link>
                {words[d.client.joinLinkMissing ?? 'basic_id_unknown'][L]}
              </p>
            )}
            <p class="muted small">{fill(words.valid[L], { from: when(L, d.client.validFrom, false), until: when(L, d.client.validUntil, false) })}</p>
            {d.client.status === 'suspended' && <Badge tone="wait">{words.suspended[L]}</Badge>}
          </section>
          {(d.client.usageLink || p.canManage) && <UsageLink lang={L} canManage={p.canManage} client={d.client} onChanged={(client) => set({ ...d, client })} />}
          <section class="card" aria-labelledby="cc-holders">
            <h2 id="cc-holders">{words.holders[L]}</h2>
            {d.seats.length ? (
              <ul class="list" data-seats>
                {d.seats.map((s) => (
                  <SeatRow key={s.id} lang={L} canManage={p.canManage} clientId={d.client.id} seat={s} onReleased={retry} />
                ))}
              </ul>
            ) : (
              <p class="muted">{words.noSeats[L]}</p>
            )}
          </section>
        </>
      )}
    </Screen>
  );
}

function SeatRow(p: { lang: Lang; canManage: boolean; clientId: string; seat: Usage['seats'][number]; onReleased: () => void }) {
  const L = p.lang;
  const s = p.seat;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const release = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const a = await send<{ creditsTakenBack: number }>('POST', `corporate-clients/${p.clientId}/seats/${s.id}/release`, { reason });
    setBusy(false);
    if (a.kind !== 'ok') {
      const e = errorsOf(a, L);
      return setError(e.reason ?? e._form ?? (a.kind === 'refused' ? a.error.message : undefined));
    }
    p.onReleased();
  };
  const id = `seat-${s.id}`;
  return (
    <li class="card" data-seat={s.memberNumber}>
      <strong>{s.name ?? s.memberNumber}</strong> <span class="muted small">{s.memberNumber}</span>
      <p class="small">
        {fill(words.joined[L], { at: when(L, s.takenAt, false) })}
        {s.package && <> · {fill(words.used[L], { used: s.package.creditsUsed, left: s.package.creditsLeft, credits: s.package.credits })}</>}
        {' · '}
        {fill(words.bookings[L], { n: s.bookingsPaid })}
      </p>
      {s.releasedAt && <p class="muted small">{fill(words.released[L], { at: when(L, s.releasedAt, false), reason: s.releasedReason ?? '' })}</p>}
      {p.canManage && !s.releasedAt && !open && (
        <button type="button" onClick={() => setOpen(true)}>
          {words.release[L]}
        </button>
      )}
      {open && !s.releasedAt && (
        <form onSubmit={release} noValidate>
          <TextField id={`${id}-reason`} errorId={`${id}-reason-e`} label={words.reason[L]} value={reason} error={error} onInput={setReason} />
          <SubmitBar lang={L} busy={busy} label={words.confirm[L]} />
        </form>
      )}
    </li>
  );
}

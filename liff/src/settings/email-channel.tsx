import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { channel, channelTestResult } from '../../../core/contracts/channels.ts';
import { when, type Dict, type Lang } from '../kit/i18n.ts';
import { Badge } from '../kit/ui.tsx';
import { ConnectCard, errorsOf, type FieldErrors, send, SubmitBar, TextField } from './shared.tsx';

/**
 * The org's e-mail in Settings (docs/channels.md, "E-mail"): connect the SMTP mailbox, see and
 * change its server, user and addresses, and send a test e-mail. The password is typed, never
 * shown back: the edit form leaves it empty, and an empty password keeps the stored one. The
 * server tries a new server or password before it keeps it, so a typo is said under its field and
 * the channel goes on sending with what it had.
 */
type Channel = z.infer<typeof channel>;
type TestResult = z.infer<typeof channelTestResult>;

const words = {
  heading: { th: 'อีเมล', en: 'E-mail' },
  connect: { th: 'เชื่อมต่ออีเมลของธุรกิจ', en: "Connect the business's e-mail" },
  connectHint: {
    th: 'ใส่เซิร์ฟเวอร์ SMTP และบัญชีอีเมลที่ใช้ส่ง ระบบจะลองเข้าสู่ระบบก่อนบันทึก รหัสผ่านถูกเข้ารหัสและจะไม่แสดงอีก',
    en: 'Enter the SMTP server and the mailbox that sends. It is tried before it is saved; the password is stored encrypted and never shown again.',
  },
  name: { th: 'ชื่อช่องทาง', en: 'Channel name' },
  host: { th: 'เซิร์ฟเวอร์ SMTP', en: 'SMTP server' },
  port: { th: 'พอร์ต', en: 'Port' },
  secure: { th: 'ใช้ TLS ตั้งแต่เริ่มเชื่อมต่อ (ปกติพอร์ต 465)', en: 'TLS from the start (usually port 465)' },
  user: { th: 'ชื่อผู้ใช้', en: 'User name' },
  password: { th: 'รหัสผ่าน', en: 'Password' },
  passwordKept: { th: 'รหัสผ่าน (เว้นว่างไว้เพื่อใช้รหัสเดิม)', en: 'Password (leave empty to keep the stored one)' },
  passwordStored: { th: 'รหัสผ่าน: บันทึกไว้แล้ว (ไม่แสดง)', en: 'Password: stored (not shown)' },
  fromAddress: { th: 'อีเมลผู้ส่ง', en: 'From address' },
  fromName: { th: 'ชื่อผู้ส่ง', en: 'From name' },
  inbound: { th: 'อีเมลรับคำตอบจากลูกค้า', en: "Address customers' replies are forwarded to" },
  add: { th: 'เชื่อมต่ออีเมล', en: 'Connect e-mail' },
  edit: { th: 'แก้ไขการตั้งค่า', en: 'Change settings' },
  save: { th: 'ลองเชื่อมต่อและบันทึก', en: 'Try and save' },
  testTo: { th: 'ส่งอีเมลทดสอบถึง', en: 'Send a test e-mail to' },
  test: { th: 'ส่งอีเมลทดสอบ', en: 'Send a test e-mail' },
  testing: { th: 'กำลังส่ง…', en: 'Sending…' },
  testOk: { th: 'ส่งแล้ว เซิร์ฟเวอร์ตอบรับ ({{status}}) ดูในกล่องจดหมายของ {{to}}', en: 'Sent: the server took it ({{status}}). Look in the mailbox of {{to}}.' },
  testFailed: { th: 'ส่งไม่สำเร็จ: {{message}}', en: 'Not sent: {{message}}' },
  lastTest: { th: 'ทดสอบล่าสุด {{at}}', en: 'Last tested {{at}}' },
  working: { th: 'ใช้งานได้', en: 'Working' },
  failing: { th: 'ส่งไม่ได้', en: 'Not sending' },
  untested: { th: 'ยังไม่ได้ทดสอบ', en: 'Not tested yet' },
  off: { th: 'ปิดอยู่', en: 'Switched off' },
  server: { th: 'เซิร์ฟเวอร์', en: 'Server' },
  sender: { th: 'ผู้ส่ง', en: 'Sender' },
  replies: { th: 'รับคำตอบที่', en: 'Replies to' },
  smtp_host_unknown: { th: 'ไม่พบเซิร์ฟเวอร์ชื่อนี้ ตรวจชื่อเซิร์ฟเวอร์ SMTP อีกครั้ง ยังไม่มีการเปลี่ยนแปลงใด ๆ', en: 'No server is known by this name: check the SMTP server. Nothing was changed.' },
  smtp_unreachable: { th: 'เซิร์ฟเวอร์ไม่ตอบที่ชื่อและพอร์ตนี้ ตรวจเซิร์ฟเวอร์และพอร์ตอีกครั้ง ยังไม่มีการเปลี่ยนแปลงใด ๆ', en: 'No server answered at this name and port: check them. Nothing was changed.' },
  smtp_login_refused: { th: 'เซิร์ฟเวอร์ไม่ยอมรับชื่อผู้ใช้หรือรหัสผ่านนี้ ยังไม่มีการเปลี่ยนแปลงใด ๆ', en: 'The server refused this user name or password. Nothing was changed.' },
} satisfies Dict;

/** The server's SMTP problems (bot/email/smtp-check.ts) in the reader's words, under the field to fix. */
const SMTP_PROBLEMS = ['smtp_host_unknown', 'smtp_unreachable', 'smtp_login_refused'] as const;
function smtpErrors(a: Exclude<Saved, { kind: 'ok' }>, L: Lang): FieldErrors {
  const errs = errorsOf(a, L);
  const details = a.kind === 'refused' && Array.isArray(a.error.details) ? (a.error.details as { path?: string; code?: string }[]) : [];
  for (const d of details) {
    const code = SMTP_PROBLEMS.find((c) => c === d.code);
    if (code && d.path) errs[d.path] = words[code][L];
  }
  return errs;
}

export function EmailChannels(p: { lang: Lang; canManage: boolean; channels: Channel[]; onChange: (c: Channel) => void; onAdded: (c: Channel) => void }) {
  const L = p.lang;
  return (
    <section aria-labelledby="email-heading">
      <h2 id="email-heading">{words.heading[L]}</h2>
      {p.channels.length > 0 && (
        <ul class="list">
          {p.channels.map((c) => (
            <EmailCard key={c.id} lang={L} canManage={p.canManage} channel={c} onChange={p.onChange} />
          ))}
        </ul>
      )}
      {p.canManage && p.channels.length === 0 && <EmailConnect lang={L} onAdded={p.onAdded} />}
    </section>
  );
}

function statusOf(c: Channel): { tone: 'ok' | 'bad' | 'wait'; words: 'working' | 'failing' | 'untested' | 'off' } {
  if (!c.isActive) return { tone: 'wait', words: 'off' };
  if (!c.lastTest) return { tone: 'wait', words: 'untested' };
  return c.lastTest.ok ? { tone: 'ok', words: 'working' } : { tone: 'bad', words: 'failing' };
}

const testText = (L: Lang, r: TestResult, to: string) =>
  r.ok ? words.testOk[L].replace('{{status}}', String(r.status ?? '')).replace('{{to}}', to) : words.testFailed[L].replace('{{message}}', r.message);

function EmailCard(p: { lang: Lang; canManage: boolean; channel: Channel; onChange: (c: Channel) => void }) {
  const L = p.lang;
  const c = p.channel;
  const e = c.email;
  const [editing, setEditing] = useState(false);
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ r: TestResult; to: string } | null>(null);
  const [testError, setTestError] = useState<string | undefined>();
  const s = statusOf(c);
  const test = async () => {
    setBusy(true);
    const a = await send<TestResult>('POST', `channels/${c.id}/test-email`, { to });
    setBusy(false);
    if (a.kind === 'ok') {
      setResult({ r: a.data, to });
      setTestError(undefined);
      p.onChange({ ...c, lastTest: a.data });
    } else setTestError(errorsOf(a, L).to ?? errorsOf(a, L)._form);
  };
  return (
    <li class="card" data-channel={c.name}>
      <div class="row">
        <strong>{c.name}</strong>
        <Badge tone={s.tone}>{words[s.words][L]}</Badge>
      </div>
      {e && (
        <dl class="small">
          <dt>{words.server[L]}</dt>
          <dd data-field="server">{`${e.host}:${e.port}${e.secure ? ' (TLS)' : ''} · ${e.user}`}</dd>
          <dt>{words.sender[L]}</dt>
          <dd>{`${e.fromName} <${e.fromAddress}>`}</dd>
          <dt>{words.replies[L]}</dt>
          <dd>{e.inboundAddress}</dd>
        </dl>
      )}
      <p class="muted small">{words.passwordStored[L]}</p>
      {c.lastTest && !result && <p class="small">{`${words.lastTest[L].replace('{{at}}', when(L, c.lastTest.testedAt))}: ${c.lastTest.ok ? words.working[L] : words.testFailed[L].replace('{{message}}', c.lastTest.message)}`}</p>}
      {result && (
        <p class={`banner ${result.r.ok ? 'tone-ok' : 'tone-bad'}`} role="status" data-test-result={result.r.ok ? 'ok' : 'refused'}>
          {testText(L, result.r, result.to)}
        </p>
      )}
      {p.canManage && c.isActive && (
        <form
          noValidate
          class="stack"
          onSubmit={(ev) => {
            ev.preventDefault();
            void test();
          }}
        >
          <TextField id={`t-${c.id.slice(0, 8)}`} errorId={`t-${c.id.slice(0, 8)}-e`} label={words.testTo[L]} type="email" autoComplete="email" value={to} error={testError} onInput={setTo} />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? words.testing[L] : words.test[L]}
            </button>
            <button type="button" class="quiet" aria-expanded={editing} onClick={() => setEditing(!editing)}>
              {words.edit[L]}
            </button>
          </div>
        </form>
      )}
      {editing && e && (
        <EmailForm
          lang={L}
          idPrefix={`e-${c.id.slice(0, 8)}`}
          initial={{ name: c.name, host: e.host, port: String(e.port), secure: e.secure, user: e.user, password: '', fromAddress: e.fromAddress, fromName: e.fromName, inboundAddress: e.inboundAddress }}
          passwordLabel={words.passwordKept[L]}
          submit={words.save[L]}
          save={async (v) => {
            const a = await send<Channel>('PATCH', `channels/${c.id}`, {
              name: v.name,
              ...payloadOf(v),
              credentials: { user: v.user, ...(v.password ? { password: v.password } : {}) },
            });
            if (a.kind === 'ok') {
              setEditing(false);
              setResult(null);
              p.onChange(a.data);
            }
            return a;
          }}
        />
      )}
    </li>
  );
}

interface FormValues {
  name: string;
  host: string;
  port: string;
  secure: boolean;
  user: string;
  password: string;
  fromAddress: string;
  fromName: string;
  inboundAddress: string;
}

const payloadOf = (v: FormValues) => ({
  smtp: { host: v.host.trim(), port: Number(v.port), secure: v.secure },
  from: { address: v.fromAddress.trim(), name: v.fromName },
  inboundAddress: v.inboundAddress.trim(),
});

type Saved = Awaited<ReturnType<typeof send<Channel>>>;

function EmailForm(p: { lang: Lang; idPrefix: string; initial: FormValues; passwordLabel: string; submit: string; save: (v: FormValues) => Promise<Saved> }) {
  const L = p.lang;
  const [v, setV] = useState(p.initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const field = (k: Exclude<keyof FormValues, 'secure'>, label: string, path: string, type: 'text' | 'email' | 'password' | 'number' = 'text') => (
    <TextField
      id={`${p.idPrefix}-${k}`}
      errorId={`${p.idPrefix}-e-${k}`}
      label={label}
      type={type}
      autoComplete={type === 'password' ? 'new-password' : 'off'}
      spellcheck={false}
      value={v[k]}
      error={errors[path]}
      onInput={(x) => setV({ ...v, [k]: x })}
    />
  );
  return (
    <form
      noValidate
      onSubmit={async (ev) => {
        ev.preventDefault();
        setBusy(true);
        const a = await p.save(v);
        setBusy(false);
        setErrors(a.kind === 'ok' ? {} : smtpErrors(a, L));
        // The password is never kept in the page once sent.
        setV((x) => ({ ...x, password: '' }));
      }}
    >
      {field('name', words.name[L], 'name')}
      {field('host', words.host[L], 'smtp.host')}
      {field('port', words.port[L], 'smtp.port', 'number')}
      <label class="choice compact" for={`${p.idPrefix}-secure`}>
        <input id={`${p.idPrefix}-secure`} type="checkbox" checked={v.secure} onChange={(ev) => setV({ ...v, secure: (ev.target as HTMLInputElement).checked })} />
        <span>{words.secure[L]}</span>
      </label>
      {field('user', words.user[L], 'credentials.user')}
      {field('password', p.passwordLabel, 'credentials.password', 'password')}
      {field('fromAddress', words.fromAddress[L], 'from.address', 'email')}
      {field('fromName', words.fromName[L], 'from.name')}
      {field('inboundAddress', words.inbound[L], 'inboundAddress', 'email')}
      <SubmitBar lang={L} busy={busy} label={p.submit} error={errors._form} />
    </form>
  );
}

function EmailConnect(p: { lang: Lang; onAdded: (c: Channel) => void }) {
  const L = p.lang;
  return (
    <ConnectCard id="connect-email" level={3} title={words.connect[L]} hint={words.connectHint[L]}>
      <EmailForm
        lang={L}
        idPrefix="new-email"
        initial={{ name: '', host: '', port: '587', secure: false, user: '', password: '', fromAddress: '', fromName: '', inboundAddress: '' }}
        passwordLabel={words.password[L]}
        submit={words.add[L]}
        save={async (v) => {
          const a = await send<Channel>('POST', 'channels/email', { name: v.name, ...payloadOf(v), credentials: { user: v.user, password: v.password } });
          if (a.kind === 'ok') p.onAdded(a.data);
          return a;
        }}
      />
    </ConnectCard>
  );
}

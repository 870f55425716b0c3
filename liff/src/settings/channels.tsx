import { useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { channel, channelTestResult, lineConnectionCheck, lineProblem } from '../../../core/contracts/channels.ts';
import { when, type Dict, type Lang } from '../kit/i18n.ts';
import { Badge } from '../kit/ui.tsx';
import { EmailChannels } from './email-channel.tsx';
import { ConnectCard, errorsOf, type FieldErrors, ReadOnlyNote, SaveStatus, Screen, type ScreenProps, send, SubmitBar, TextField, useLoad } from './shared.tsx';

/**
 * LINE channels and the customer notifications (seed 004 sections 4.7.4 and 4.7.5): paste a
 * channel's token and secret and press Connect: the server asks LINE about the token, sets the
 * webhook at LINE and has LINE test it (docs/channels.md), and the card says, step by step, what
 * works and what to do about what does not. Then a test message to yourself, and which
 * notifications go out. A channel is shown as working once LINE passed the check or took a test message.
 */
type Channel = z.infer<typeof channel>;
type TestResult = z.infer<typeof channelTestResult>;
type Check = z.infer<typeof lineConnectionCheck>;
type Problem = z.infer<typeof lineProblem>;

const words = {
  title: { th: 'LINE และการแจ้งเตือน', en: 'LINE and notifications' },
  channels: { th: 'ช่องทาง LINE', en: 'LINE channels' },
  working: { th: 'ใช้งานได้', en: 'Working' },
  refused: { th: 'LINE ปฏิเสธ', en: 'LINE refused it' },
  untested: { th: 'ยังไม่ได้ทดสอบ', en: 'Not tested yet' },
  notReady: { th: 'ยังไม่พร้อม', en: 'Not ready yet' },
  off: { th: 'ปิดอยู่', en: 'Switched off' },
  whatsapp: { th: 'WhatsApp', en: 'WhatsApp' },
  sms: { th: 'SMS', en: 'SMS' },
  test: { th: 'ส่งข้อความทดสอบถึงฉัน', en: 'Send me a test message' },
  testing: { th: 'กำลังส่ง…', en: 'Sending…' },
  testOk: { th: 'ส่งแล้ว ดูข้อความทดสอบในแชท LINE ของคุณ (บัญชี: {{bot}})', en: 'Sent: look for the test message in your LINE chat (account: {{bot}})' },
  testFailed: { th: 'ส่งไม่สำเร็จ LINE ตอบว่า: {{message}} ({{status}})', en: 'Not sent. LINE answered: {{message}} ({{status}})' },
  notSent: { th: 'ส่งไม่สำเร็จ', en: 'Not sent.' },
  no_network: { th: 'เซิร์ฟเวอร์นี้ออกอินเทอร์เน็ตไม่ได้ (ไม่มีเครือข่ายหรือ DNS) จึงยังไม่ได้ถาม LINE', en: 'This server cannot reach the internet (no network or DNS), so LINE was not asked.' },
  line_unreachable: { th: 'ติดต่อ LINE ไม่ได้ (LINE ไม่ตอบ หรือขัดข้อง) ลองใหม่อีกครั้ง', en: 'LINE could not be reached (no answer, or LINE failing). Try again.' },
  line_timeout: { th: 'LINE ไม่ตอบภายใน 4 วินาที ลองใหม่อีกครั้ง', en: 'LINE did not answer within 4 seconds. Try again.' },
  token_refused: { th: 'LINE ไม่รู้จัก Token นี้ (401) คัดลอก Channel access token ใหม่', en: 'LINE does not know this token (401): copy the channel access token again.' },
  line_refused: { th: 'LINE ปฏิเสธ:', en: 'LINE refused:' },
  tokenOk: { th: 'Token ถูกต้อง บัญชี LINE: {{bot}}', en: 'Token accepted: LINE account {{bot}}' },
  hookOk: { th: 'ตั้ง Webhook ที่ LINE แล้ว และ LINE ส่ง Webhook ทดสอบมาถึง', en: "Webhook set at LINE, and LINE's test webhook arrived." },
  hookLocal: {
    th: 'LINE ส่งได้เฉพาะที่อยู่ https สาธารณะ แต่ที่อยู่นี้คือ {{url}} ตั้ง PUBLIC_BASE_URL เป็นที่อยู่ https สาธารณะ (เครื่องพัฒนา: ใช้ tunnel ดู README) แล้วกดตรวจอีกครั้ง',
    en: 'LINE only calls a public https address; this desk is at {{url}}. Set PUBLIC_BASE_URL to a public https address (a development machine: a tunnel, see the README), then press Check again.',
  },
  hookFailed: { th: 'LINE ส่ง Webhook ทดสอบมาไม่ถึง:', en: "LINE's test webhook did not arrive:" },
  hookNotSet: { th: 'ยังตั้ง Webhook ที่ LINE ไม่ได้', en: 'The webhook is not set at LINE yet.' },
  secretOk: { th: 'Channel secret ถูกต้อง', en: 'Channel secret matches.' },
  secretBad: { th: 'Channel secret ไม่ใช่ของช่องทางนี้ (Webhook ทดสอบถูกปฏิเสธ 401) คัดลอกจาก Basic settings ใหม่', en: "The channel secret is not this channel's (LINE's test webhook was refused: 401). Copy it again from Basic settings." },
  secretLater: { th: 'Channel secret จะถูกตรวจเมื่อ Webhook ทดสอบของ LINE มาถึง', en: "The channel secret is checked when LINE's test webhook arrives." },
  check: { th: 'ตรวจอีกครั้ง', en: 'Check again' },
  checking: { th: 'กำลังตรวจ…', en: 'Checking…' },
  lastTest: { th: 'ทดสอบล่าสุด {{at}}', en: 'Last tested {{at}}' },
  newToken: { th: 'วาง Token และ Secret ใหม่', en: 'Paste a new token and secret' },
  connect: { th: 'เชื่อมต่อ LINE ช่องทางใหม่', en: 'Connect a LINE channel' },
  connectHint: {
    th: 'คัดลอกจาก LINE Developers Console (Basic settings และ Messaging API) เมื่อกดเชื่อมต่อ ระบบจะตรวจกับ LINE และตั้ง Webhook ให้ทันที',
    en: 'Copy them from the LINE Developers Console (Basic settings and Messaging API). Connect checks them with LINE and sets the webhook at once.',
  },
  name: { th: 'ชื่อช่องทาง', en: 'Channel name' },
  secret: { th: 'Channel secret', en: 'Channel secret' },
  token: { th: 'Channel access token', en: 'Channel access token' },
  add: { th: 'เชื่อมต่อ', en: 'Connect' },
  replace: { th: 'บันทึก Token ใหม่', en: 'Save the new token' },
  webhook: { th: 'Webhook URL', en: 'Webhook URL' },
  notices: { th: 'แจ้งลูกค้าทาง LINE เมื่อ', en: 'Tell customers on LINE when' },
  noticesHint: {
    th: 'ใช้กับทุกประเภทเคส ประเภทเคสแต่ละแบบปิดเพิ่มเองได้ ข้อความตอบรับเมื่อเปิดเคสส่งเสมอ เพราะเป็นการตอบข้อความของลูกค้า',
    en: "For every case type (each type can also switch its own off). The acknowledgement of a new case always goes: it answers the customer's own message.",
  },
  workStarted: { th: 'เริ่มดำเนินการ หรือเปิดเคสใหม่อีกครั้ง', en: 'work starts, or the case is reopened' },
  waitingCustomer: { th: 'รอข้อมูลจากลูกค้า', en: 'we wait for their answer' },
  resolved: { th: 'แก้ไขเรียบร้อย', en: 'the case is resolved' },
  satisfaction: { th: 'ขอคะแนนความพึงพอใจ (ถ้าประเภทเคสเปิดไว้)', en: 'ask for a rating (where the case type asks)' },
  alerts: { th: 'แจ้งเตือนทีมงานใน LINE เมื่อ', en: 'Alert staff in LINE when' },
  alertsHint: { th: 'การ์ดเคสใหม่ในกลุ่มส่งเสมอ', en: 'New case cards in the groups always go.' },
  reachGroups: { th: 'การแจ้งเตือนถึงผู้จัดการส่งไปที่กลุ่ม: ', en: "Alerts for the managers go to their group: " },
  reachPeople: { th: 'ยังไม่มีกลุ่มผู้จัดการ การแจ้งเตือนถึงผู้จัดการจึงส่งทางแชทส่วนตัวถึง: ', en: "There is no managers' group, so alerts for the managers go to their own LINE chats: " },
  reachNowhere: {
    th: 'การแจ้งเตือนถึงผู้จัดการ (เคสถูกยกระดับ ส่งข้อความไม่สำเร็จ) จะไม่ถึงใครเลย: ยังไม่มีกลุ่มผู้จัดการ และไม่มีผู้จัดการหรือแอดมินที่ลงทะเบียนใน LINE ตั้งกลุ่มผู้จัดการ หรือให้ผู้จัดการลงทะเบียนก่อนนะคะ',
    en: "Alerts for the managers (escalations, sends that failed) reach nobody: there is no managers' group and no manager or admin enrolled in LINE. Set up a managers' group, or have a manager enrol.",
  },
  slaWarning: { th: 'เคสใกล้เกิน SLA (แจ้งผู้รับผิดชอบ หรือกลุ่มถ้ายังไม่มีคนรับ)', en: 'a case is about to miss its SLA (its owner, or its groups while nobody owns it)' },
  escalated: { th: 'เคสเกิน SLA และถูกยกระดับ (กลุ่มผู้จัดการ)', en: "a missed SLA escalates a case (the managers' groups)" },
  paymentAlert: { th: 'การชำระเงิน/เติมเงินมีปัญหา เช่น จ่ายแล้วเครดิตไม่เข้า', en: 'a payment or top-up goes wrong, e.g. paid but not credited' },
  providerOverdue: { th: 'ผู้ให้บริการไม่ตอบภายในเวลาที่กำหนด', en: "a provider has not answered within its time to answer" },
} satisfies Dict;

type Props = Omit<ScreenProps, 'item'> & { canManageNotices: boolean };

export function Channels(p: Props) {
  const [state, retry, set] = useLoad<Channel[]>('channels');
  return (
    <Screen lang={p.lang} state={state} retry={retry}>
      {(list) => (
        <>
          <h1>{words.title[p.lang]}</h1>
          {!p.canManage && <ReadOnlyNote lang={p.lang} me={p.me} who={['admin']} />}
          <h2>{words.channels[p.lang]}</h2>
          <ul class="list">
            {list
              .filter((c) => c.kind !== 'email')
              .map((c) => (
                <ChannelCard key={c.id} {...p} channel={c} onChange={(n) => set(list.map((x) => (x.id === n.id ? n : x)))} />
              ))}
          </ul>
          {p.canManage && <Connect lang={p.lang} onAdded={(c) => set([...list, c])} />}
          <EmailChannels
            lang={p.lang}
            canManage={p.canManage}
            channels={list.filter((c) => c.kind === 'email')}
            onChange={(n) => set(list.map((x) => (x.id === n.id ? n : x)))}
            onAdded={(c) => set([...list, c])}
          />
          <Notices {...p} />
        </>
      )}
    </Screen>
  );
}

function status(c: Channel): { tone: 'ok' | 'bad' | 'wait' | 'info'; words: keyof typeof words } {
  if (!c.isActive) return { tone: 'wait', words: 'off' };
  if (c.kind === 'whatsapp') return { tone: 'info', words: 'whatsapp' };
  if (c.kind === 'sms') return { tone: 'info', words: 'sms' };
  const { lastTest: t, connection: k } = c;
  if (t?.ok || k?.ok) return { tone: 'ok', words: 'working' };
  // LINE saying no is "refused"; LINE out of reach, or a webhook still to set up, is "not ready".
  if (k?.token === 'refused' || k?.secret === 'refused' || (t && !t.problem)) return { tone: 'bad', words: 'refused' };
  return t || k ? { tone: 'wait', words: 'notReady' } : { tone: 'wait', words: 'untested' };
}

/** LINE out of reach is said as that, never as LINE's refusal; LINE's own words follow. */
function problemText(lang: Lang, p: Problem | undefined, message: string, status: number | null): string {
  if (!p || p === 'line_refused') return `${words.line_refused[lang]} ${message} (${status ?? '-'})`;
  return p === 'line_unreachable' || p === 'no_network' ? `${words[p][lang]} (${message})` : words[p][lang];
}

function testText(lang: Lang, r: TestResult): string {
  if (r.ok) return words.testOk[lang].replace('{{bot}}', r.botName ?? '');
  if (r.problem) return `${words.notSent[lang]} ${problemText(lang, r.problem, r.message, r.status)}`;
  return words.testFailed[lang].replace('{{message}}', r.message).replace('{{status}}', r.status === null ? '-' : String(r.status));
}

/** The connection check, a line per step: token, webhook, secret; what failed says what to do. */
function CheckSteps(p: { lang: Lang; check: Check }) {
  const L = p.lang;
  const c = p.check;
  const step = (ok: boolean | null, text: string, key: string) => (
    <li key={key} data-step={key} class={ok === null ? 'muted' : ok ? 'tone-ok' : 'error'}>
      {ok === null ? '… ' : ok ? '✓ ' : '✗ '}
      {text}
    </li>
  );
  const hook =
    c.webhook === 'working' || c.webhook === 'set'
      ? step(true, words.hookOk[L], 'webhook')
      : c.webhook === 'not_public'
        ? step(false, words.hookLocal[L].replace('{{url}}', c.webhookUrl), 'webhook')
        : c.webhook === 'test_failed'
          ? step(false, `${words.hookFailed[L]} ${c.problem ? problemText(L, c.problem, c.message, c.status) : c.message}`, 'webhook')
          : step(c.token === 'accepted' ? false : null, c.token === 'accepted' ? problemText(L, c.problem, c.message, c.status) : words.hookNotSet[L], 'webhook');
  return (
    <div role="status" data-check={c.ok ? 'ok' : 'failed'}>
      <ul class="steps">
        {c.token === 'accepted' ? step(true, words.tokenOk[L].replace('{{bot}}', c.botName ?? ''), 'token') : step(false, problemText(L, c.problem, c.message, c.status), 'token')}
        {hook}
        {c.secret === 'accepted' ? step(true, words.secretOk[L], 'secret') : c.secret === 'refused' ? step(false, words.secretBad[L], 'secret') : step(null, words.secretLater[L], 'secret')}
      </ul>
    </div>
  );
}

function ChannelCard(p: Props & { channel: Channel; onChange: (c: Channel) => void }) {
  const c = p.channel;
  const L = p.lang;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TestResult | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [checking, setChecking] = useState(false);
  const s = status(c);
  const check = async () => {
    setChecking(true);
    const a = await send<Check>('POST', `channels/${c.id}/check`);
    setChecking(false);
    if (a.kind === 'ok') p.onChange({ ...c, connection: a.data });
  };
  const test = async () => {
    setBusy(true);
    const a = await send<TestResult>('POST', `channels/${c.id}/test-message`, {});
    setBusy(false);
    if (a.kind === 'ok') {
      setResult(a.data);
      p.onChange({ ...c, lastTest: a.data });
    } else setResult({ ok: false, status: a.kind === 'refused' ? a.status : null, message: errorsOf(a, L)._form ?? '', botName: null, testedAt: new Date().toISOString() });
  };
  return (
    <li class="card" data-channel={c.name}>
      <div class="row">
        <strong>{c.name}</strong>
        <Badge tone={s.tone}>{words[s.words][L]}</Badge>
      </div>
      <p class="muted small">
        {c.kind.toUpperCase()} · {words.webhook[L]}: <span style="word-break:break-all">{c.webhookUrl}</span>
      </p>
      {c.connection && <CheckSteps lang={L} check={c.connection} />}
      {c.lastTest && !result && <p class="small">{`${words.lastTest[L].replace('{{at}}', when(L, c.lastTest.testedAt))}: ${testText(L, c.lastTest)}`}</p>}
      {result && (
        <p class={`banner ${result.ok ? 'tone-ok' : 'tone-bad'}`} role="status" data-test-result={result.ok ? 'ok' : 'refused'}>
          {testText(L, result)}
        </p>
      )}
      {p.canManage && c.kind === 'line' && c.isActive && (
        <div class="actions stack">
          <button type="button" class="primary" disabled={busy} onClick={test}>
            {busy ? words.testing[L] : words.test[L]}
          </button>
          <button type="button" disabled={checking} onClick={check}>
            {checking ? words.checking[L] : words.check[L]}
          </button>
          <button type="button" class="quiet" aria-expanded={replacing} onClick={() => setReplacing(!replacing)}>
            {words.newToken[L]}
          </button>
        </div>
      )}
      {replacing && (
        <Credentials
          lang={L}
          idPrefix={`r-${c.id.slice(0, 8)}`}
          submit={words.replace[L]}
          save={async (v) => {
            const a = await send<Channel>('PATCH', `channels/${c.id}`, { credentials: { channelSecret: v.secret, channelAccessToken: v.token } });
            if (a.kind === 'ok') {
              setReplacing(false);
              setResult(null);
              p.onChange(a.data);
              // New credentials: checked with LINE at once, as a new channel is.
              const k = await send<Check>('POST', `channels/${c.id}/check`);
              if (k.kind === 'ok') p.onChange({ ...a.data, connection: k.data });
            }
            return a;
          }}
        />
      )}
    </li>
  );
}

/** Token and secret (and, for a new channel, its name), checked by the server's contract. */
function Credentials(p: {
  lang: Lang;
  idPrefix: string;
  withName?: boolean;
  submit: string;
  save: (v: { name: string; secret: string; token: string }) => Promise<{ kind: string } & ({ kind: 'ok' } | Exclude<Parameters<typeof errorsOf>[0], { kind: 'ok' }>)>;
}) {
  const L = p.lang;
  const [v, setV] = useState({ name: '', secret: '', token: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const field = (k: 'name' | 'secret' | 'token', label: string, path: string, type: 'text' | 'password' = 'text') => (
    <TextField id={`${p.idPrefix}-${k}`} errorId={`${p.idPrefix}-e-${k}`} label={label} type={type} autoComplete="off" spellcheck={false} value={v[k]} error={errors[path]} onInput={(x) => setV({ ...v, [k]: x })} />
  );
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const a = await p.save(v);
        setBusy(false);
        if (a.kind === 'ok') setV({ name: '', secret: '', token: '' });
        const refused = a as Exclude<Parameters<typeof errorsOf>[0], { kind: 'ok' }>;
        const errs: FieldErrors = a.kind === 'ok' ? {} : errorsOf(refused, L);
        // LINE's refusal of the token, in the reader's words (LINE's own follow in its language).
        const t = 'credentials.channelAccessToken';
        if (refused.kind === 'refused' && (refused.error.details as { code?: string }[] | undefined)?.some?.((d) => d.code === 'token_refused')) errs[t] = words.token_refused[L];
        setErrors(errs);
      }}
    >
      {p.withName && field('name', words.name[L], 'name')}
      {field('secret', words.secret[L], 'credentials.channelSecret', 'password')}
      {field('token', words.token[L], 'credentials.channelAccessToken', 'password')}
      <SubmitBar lang={L} busy={busy} label={p.submit} error={errors._form} />
    </form>
  );
}

function Connect(p: { lang: Lang; onAdded: (c: Channel) => void }) {
  const L = p.lang;
  return (
    <ConnectCard id="connect" title={words.connect[L]} hint={words.connectHint[L]}>
      <Credentials
        lang={L}
        idPrefix="new"
        withName
        submit={words.add[L]}
        save={async (v) => {
          const a = await send<Channel>('POST', 'channels', { name: v.name, credentials: { channelSecret: v.secret, channelAccessToken: v.token } });
          if (a.kind === 'ok') p.onAdded(a.data);
          return a;
        }}
      />
    </ConnectCard>
  );
}

type Switches = Record<string, boolean>;

/** A set of the org's on/off switches, each saved as it is flipped (shown at once, put back if refused). */
type Reach = { via: 'groups' | 'people' | 'nowhere'; groups: string[]; people: string[] };
type SwitchboardData = Record<string, Switches> & { managersReach?: Reach };

function Switchboard(p: Props & { path: 'customer-notices' | 'staff-alerts'; field: 'customerNotices' | 'staffAlerts'; title: string; hint: string; labels: Record<string, string> }) {
  const L = p.lang;
  const [state, retry, set] = useLoad<SwitchboardData>(p.path);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();
  // The last switch flipped: an answer to an earlier flip, arriving after it, is not shown (it put the
  // switch back as it was before the later flip; the browser test caught it under load).
  const flips = useRef(0);
  const ro = !p.canManageNotices;
  return (
    <Screen lang={L} state={state} retry={retry}>
      {(data) => {
        const n = data[p.field];
        return (
          <fieldset class="card" data-switches={p.path}>
            <legend>{p.title}</legend>
            <p class="hint">{p.hint}</p>
            {data.managersReach && <ManagersReach lang={L} reach={data.managersReach} />}
            {Object.keys(p.labels).map((k) => (
              <label class="choice compact" for={`${p.path}-${k}`} key={k}>
                <input
                  id={`${p.path}-${k}`}
                  type="checkbox"
                  // A switch the org never set is on.
                  checked={n[k] !== false}
                  disabled={ro}
                  onChange={async (e) => {
                    const next = { ...Object.fromEntries(Object.keys(p.labels).map((x) => [x, n[x] !== false])), [k]: (e.target as HTMLInputElement).checked };
                    // Shown switched at once; put back if the server refuses.
                    set({ ...data, [p.field]: next });
                    setSaved(false);
                    const flip = ++flips.current;
                    const a = await send<SwitchboardData>('PUT', p.path, { [p.field]: next });
                    if (flip !== flips.current) return;
                    if (a.kind === 'ok') {
                      set(a.data);
                      setSaved(true);
                      setError(undefined);
                    } else {
                      set({ ...data, [p.field]: n });
                      setError(errorsOf(a, L)._form);
                    }
                  }}
                />
                <span>{p.labels[k]}</span>
              </label>
            ))}
            <SaveStatus lang={L} saved={saved} error={error} />
          </fieldset>
        );
      }}
    </Screen>
  );
}

/** Where the managers' alerts go: a warning when they would reach nobody (an escalation once went to nobody, silently). */
function ManagersReach({ lang: L, reach }: { lang: Lang; reach: Reach }) {
  if (reach.via === 'nowhere') return <p class="error" role="alert" data-reach="nowhere">{words.reachNowhere[L]}</p>;
  const names = (reach.via === 'groups' ? reach.groups : reach.people).join(', ');
  return <p class="hint" data-reach={reach.via}>{(reach.via === 'groups' ? words.reachGroups : words.reachPeople)[L] + names}</p>;
}

function Notices(p: Props) {
  const L = p.lang;
  return (
    <>
      <Switchboard
        {...p}
        path="customer-notices"
        field="customerNotices"
        title={words.notices[L]}
        hint={words.noticesHint[L]}
        labels={{ workStarted: words.workStarted[L], waitingCustomer: words.waitingCustomer[L], resolved: words.resolved[L], satisfaction: words.satisfaction[L] }}
      />
      <Switchboard
        {...p}
        path="staff-alerts"
        field="staffAlerts"
        title={words.alerts[L]}
        hint={words.alertsHint[L]}
        labels={{ slaWarning: words.slaWarning[L], escalated: words.escalated[L], paymentAlert: words.paymentAlert[L], providerOverdue: words.providerOverdue[L] }}
      />
    </>
  );
}

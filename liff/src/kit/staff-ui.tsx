import type { ComponentChildren } from 'preact';
import type { Lang } from './i18n.ts';
import { chooseOrg, refusalText, refusalWords, type Refusal, type StaffState } from './staff.ts';
import { common, Loading } from './ui.tsx';

/** The one "you can't open this, because …" screen of every staff app, in Thai or English. */
export function CantOpen(p: { lang: Lang; refusal: Refusal; retry?: () => void }) {
  const again = p.refusal.reason === 'offline' || p.refusal.reason === 'failed';
  return (
    <section class="card" role="alert" aria-labelledby="cant-open" data-refusal={p.refusal.code ?? p.refusal.reason}>
      <h2 id="cant-open">{refusalWords.title[p.lang]}</h2>
      <p>{refusalText(p.lang, p.refusal)}</p>
      {p.refusal.reason === 'choose_org' &&
        p.retry &&
        (p.refusal.orgs ?? []).map((o) => (
          <button
            key={o.slug}
            type="button"
            class="primary"
            onClick={() => {
              chooseOrg(o.slug);
              p.retry!();
            }}
          >
            {o.name}
          </button>
        ))}
      {again && p.retry && (
        <button type="button" class="primary" onClick={p.retry}>
          {common.retry[p.lang]}
        </button>
      )}
    </section>
  );
}

/** Shows the app once the staff member is known; until then loading, or why not. */
export function StaffGate(p: { lang: Lang; state: StaffState; retry: () => void; children: () => ComponentChildren }) {
  if (p.state.kind === 'loading') return <Loading lang={p.lang} />;
  if (p.state.kind === 'refused') return <CantOpen lang={p.lang} refusal={p.state.refusal} retry={p.retry} />;
  return <>{p.children()}</>;
}

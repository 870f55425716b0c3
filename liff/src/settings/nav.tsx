import type { ComponentChildren } from 'preact';

/** Where the app is served; its screens are paths under it (api/liff/liff-pages.ts answers every one with the page). */
export const BASE = '/liff/settings';

/** Moves within the app without a reload (the sign-in is kept). */
export function go(path: string): void {
  history.pushState(null, '', `${BASE}${path}${location.search}`);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function Link(p: { to: string; children: ComponentChildren; class?: string }) {
  return (
    <a
      href={`${BASE}${p.to}${location.search}`}
      class={p.class}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        go(p.to);
      }}
    >
      {p.children}
    </a>
  );
}

/** One entry of a list screen: a card that opens it, with its title, a line about it and a badge. */
export function NavCard(p: { to: string; title: ComponentChildren; detail?: ComponentChildren; badge?: ComponentChildren }) {
  return (
    <li>
      <Link to={p.to} class="card nav-item">
        <span>
          <strong>{p.title}</strong>
          {p.detail !== undefined && <span class="muted small block">{p.detail}</span>}
        </span>
        {p.badge}
      </Link>
    </li>
  );
}

import type { ComponentChildren } from 'preact';

/** Where the desk is served; a case is `/liff/desk/case/<number>` (api/liff/liff-pages.ts answers every path with the page). */
export const BASE = '/liff/desk';

/** Moves within the app without a reload (the sign-in is kept). */
export function go(path: string): void {
  history.pushState(null, '', `${BASE}${path}${location.search}`);
  dispatchEvent(new PopStateEvent('popstate'));
  scrollTo(0, 0);
}

export function Link(p: { to: string; children: ComponentChildren; class?: string; current?: boolean }) {
  return (
    <a
      href={`${BASE}${p.to}${location.search}`}
      class={p.class}
      aria-current={p.current ? 'page' : undefined}
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

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');
let axeSource: string | undefined;

/**
 * axe-core in the page as it is shown: WCAG 2.0/2.1 A and AA, zero violations. The page's
 * animations are brought to their end first: a card still fading in (theme.css, `rise`) has text at
 * part opacity, which axe would measure as too little contrast although nobody ever reads it like
 * that. Ended, not awaited: an animation inside a closed `<details>` is not rendered, so it never
 * ticks and its `finished` never comes (a test hung on it when a busy machine closed a details
 * before its card's 120 ms fade ended).
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(() => {
    for (const a of document.getAnimations()) {
      try {
        a.finish();
      } catch {
        // An endless animation cannot be ended; it has no end state to measure either.
      }
    }
  });
  // Evaluated by the browser's devtools protocol, not added as a <script>: the pages' policy allows
  // scripts from the server alone (api/liff/liff-pages.ts), and a test must not weaken it.
  await page.evaluate((source) => (0, eval)(source), (axeSource ??= readFileSync(AXE, 'utf8')));
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, what).toEqual([]);
}

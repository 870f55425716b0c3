import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible } from './accessibility.ts';
import { screenshotDir } from './browser.ts';

/**
 * What sticks out: every shown element that runs past the viewport's edges, or past the card it
 * sits in (a card's content running off it is how a phone shows a form too wide for it).
 * Elements inside a scrolling box are that box's business, and visually hidden ones (clipped to
 * 1 px for screen readers) take no room. An empty list: the page fits.
 */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}`;
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      let scrolled = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) scrolled = true;
      }
      if (scrolled) continue;
      const text = (el.textContent ?? '').trim().slice(0, 40);
      if (r.right > vw + 0.5 || r.left < -0.5) out.push(`${name(el)} "${text}" spans ${Math.round(r.left)}..${Math.round(r.right)} of a ${vw} px viewport`);
      const card = el.parentElement?.closest('.card');
      if (card) {
        const c = card.getBoundingClientRect();
        if (r.right > c.right + 0.5 || r.left < c.left - 0.5) out.push(`${name(el)} "${text}" spans ${Math.round(r.left)}..${Math.round(r.right)}, off its card (${Math.round(c.left)}..${Math.round(c.right)})`);
      }
    }
    return out;
  });
}

/**
 * A screen as a person sees it: nothing runs off the page or its cards, axe-core finds nothing
 * (WCAG 2.1 AA), and it is photographed as `shot`.png in the screenshots directory (docs/liff/ with
 * SCREENSHOTS=docs, test/support/browser.ts).
 */
export async function checkScreen(page: Page, shot: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  expect(await overflowing(page)).toEqual([]);
  await expectAccessible(page, shot);
  await page.screenshot({ path: `${screenshotDir()}/${shot}.png`, fullPage: true });
}


// How the pages look and behave beyond their content: no horizontal scrolling on a phone, the
// sidebar on a wide screen, a dark theme that follows the system, the skip link first in the tab
// order; and screenshots (reports/screenshots/) for a human to look at.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeProblems, launchChromium, newGuardedPage } from '../support/browser.js';
import { load } from '../support/crawl.js';
import { SCREENSHOTS_DIR, SITE_DIR, requireDir } from '../support/paths.js';
import { htmlPages } from '../support/site.js';
import { startStaticServer, type StaticServer } from '../support/static-server.js';

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  requireDir(SITE_DIR);
  browser = await launchChromium();
  server = await startStaticServer(SITE_DIR);
  rmSync(SCREENSHOTS_DIR, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const OPERATION = 'operations/GetInstance.html';

describe('on a phone (375x800)', () => {
  test('no page scrolls sideways: document.documentElement.scrollWidth <= 375', { timeout: 240_000 }, async () => {
    const guarded = await newGuardedPage(browser, server.origin, { viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
    try {
      const pages = htmlPages();
      expect(pages).toEqual(expect.arrayContaining(['index.html', OPERATION]));
      const failures: string[] = [];
      for (const path of pages) {
        await load(guarded, server.url(path));
        const { scrollWidth, widest } = await guarded.page.evaluate(() => {
          const scrollWidth = document.documentElement.scrollWidth;
          if (scrollWidth <= 375) return { scrollWidth, widest: '' };
          // Say what overflows: the elements past the viewport or overflowing their own box, that no
          // scrolling box clips.
          const width = document.documentElement.clientWidth;
          const clipped = (element: Element): boolean => {
            for (let a = element.parentElement; a && a !== document.body; a = a.parentElement) {
              if (getComputedStyle(a).overflowX !== 'visible') return true;
            }
            return false;
          };
          const culprits = Array.from(document.body.querySelectorAll('*'))
            .filter((e) => !clipped(e))
            .filter((e) => e.getBoundingClientRect().right > width + 0.5 || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible'))
            .slice(-3)
            .map((e) => {
              const classes = typeof e.className === 'string' && e.className.trim() ? `.${e.className.trim().split(/\s+/).join('.')}` : '';
              return `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${classes} (right edge ${Math.round(e.getBoundingClientRect().right)}px)`;
            });
          return { scrollWidth, widest: culprits.join(', ') };
        });
        if (scrollWidth > 375) failures.push(`${path}: scrollWidth ${scrollWidth} > 375; overflowing: ${widest}`);
      }
      const problems = guarded.take();
      await load(guarded, server.url(OPERATION));
      await guarded.page.screenshot({ path: join(SCREENSHOTS_DIR, 'operation-GetInstance-phone.png') });
      expect(describeProblems(problems)).toEqual([]);
      expect(failures).toEqual([]);
    } finally {
      await guarded.context.close();
    }
  });
});

describe('on a wide screen (1440x900)', () => {
  test('the sidebar is visible beside the content, its operation links in view', async () => {
    const guarded = await newGuardedPage(browser, server.origin, { viewport: { width: 1440, height: 900 } });
    try {
      for (const path of ['index.html', OPERATION]) {
        await load(guarded, server.url(path));
        const page = guarded.page;
        const sidebar = page.locator('nav.sidebar');
        expect(await sidebar.isVisible(), `${path}: nav.sidebar visible`).toBe(true);
        const box = await sidebar.boundingBox();
        const main = await page.locator('main#main').boundingBox();
        expect(box && main, path).toBeTruthy();
        // On screen, and beside <main> rather than above or below it.
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(1440);
        expect(box!.width).toBeGreaterThan(100);
        expect(box!.x + box!.width <= main!.x + 1 || main!.x + main!.width <= box!.x + 1, `${path}: sidebar ${JSON.stringify(box)} beside main ${JSON.stringify(main)}`).toBe(true);
        expect(await page.locator('nav.sidebar a[href$="operations/GetInstance.html"]').isVisible()).toBe(true);
      }
      expect(describeProblems(guarded.take())).toEqual([]);
    } finally {
      await guarded.context.close();
    }
  });
});

describe('themes', () => {
  test('the dark colour scheme changes the computed body background, and text stays readable', async () => {
    const guarded = await newGuardedPage(browser, server.origin);
    try {
      const colours = async (scheme: 'light' | 'dark') => {
        await guarded.page.emulateMedia({ colorScheme: scheme });
        await load(guarded, server.url(OPERATION));
        return guarded.page.evaluate(() => {
          const style = getComputedStyle(document.body);
          return { background: style.backgroundColor, color: style.color };
        });
      };
      const light = await colours('light');
      const dark = await colours('dark');
      await guarded.page.screenshot({ path: join(SCREENSHOTS_DIR, 'operation-GetInstance-dark.png') });
      expect(dark.background).not.toBe(light.background);
      expect(light.color).not.toBe(light.background);
      expect(dark.color).not.toBe(dark.background);
      // Dark means a darker background than light (relative luminance).
      expect(luminance(dark.background)).toBeLessThan(luminance(light.background));
      expect(describeProblems(guarded.take())).toEqual([]);
    } finally {
      await guarded.context.close();
    }
  });
});

describe('keyboard', () => {
  test('the first Tab focuses the skip link, which moves focus to <main>', async () => {
    const guarded = await newGuardedPage(browser, server.origin);
    try {
      for (const path of ['index.html', OPERATION]) {
        await load(guarded, server.url(path));
        const page = guarded.page;
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const a = document.activeElement;
          return { skip: !!a?.matches('a.skip-link'), href: a?.getAttribute('href'), visible: !!a && a.getBoundingClientRect().width > 1 };
        });
        expect(focused, path).toEqual({ skip: true, href: '#main', visible: true });
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.activeElement?.id === 'main');
      }
      expect(describeProblems(guarded.take())).toEqual([]);
    } finally {
      await guarded.context.close();
    }
  });
});

describe('screenshots (reports/screenshots/)', () => {
  test('home.png and operation-GetInstance.png, light, 1280 wide', async () => {
    const guarded = await newGuardedPage(browser, server.origin, { viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    try {
      for (const [path, name] of [
        ['index.html', 'home.png'],
        [OPERATION, 'operation-GetInstance.png'],
      ] as const) {
        await load(guarded, server.url(path));
        const file = join(SCREENSHOTS_DIR, name);
        await guarded.page.screenshot({ path: file, fullPage: true });
        const png = readFileSync(file);
        expect(png.subarray(1, 4).toString('latin1'), name).toBe('PNG');
        expect(png.readUInt32BE(16), `${name} width`).toBe(1280);
      }
      expect(describeProblems(guarded.take())).toEqual([]);
    } finally {
      await guarded.context.close();
    }
  });
});

/** Relative luminance of a CSS rgb()/rgba() colour. */
function luminance(colour: string): number {
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  if (r === undefined || g === undefined || b === undefined) throw new Error(`not an rgb colour: ${colour}`);
  const channel = (v: number): number => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

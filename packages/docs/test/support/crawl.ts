// Loads every page of the site in the browser and collects what the tests check: the problems
// while loading, the ids, every reference (a[href], link[href], script[src], ...) and the sidebar.
import type { Page } from 'playwright-core';
import type { GuardedPage, Problems } from './browser.js';

export interface Reference {
  /** `a`, `link`, `script`, `img`, ... */
  readonly tag: string;
  readonly attribute: string;
  /** The attribute as written. */
  readonly raw: string;
  /** Resolved against the page's URL. */
  readonly resolved: string;
  readonly text: string;
}

export interface SidebarGroup {
  readonly name: string;
  readonly href: string | null;
  readonly operations: readonly { name: string; href: string; current: string | null }[];
}

export interface Skeleton {
  readonly doctype: string | null;
  readonly lang: string | null;
  readonly dataRoot: string | null;
  readonly charset: string;
  readonly viewport: string | null;
  readonly colorScheme: string | null;
  readonly title: string;
  readonly stylesheets: readonly string[];
  /** The first element child of body: its tag, `.skip-link` if it has that class, and its href. */
  readonly firstBodyElement: string;
  readonly searchInput: {
    role: string | null;
    controls: string | null;
    expanded: string | null;
    label: boolean;
  } | null;
  readonly searchResults: { role: string | null; hidden: boolean } | null;
  readonly sidebarLabel: string | null;
  readonly main: { id: string; tabindex: string | null } | null;
  readonly footer: boolean;
  readonly scripts: readonly string[];
}

export interface CodeBlock {
  readonly id: string;
  readonly lang: string | null;
  readonly hasCode: boolean;
  /** The data-copy-target of the button.copy right before the pre, if there is one. */
  readonly copyBefore: string | null;
}

export interface PageFacts {
  /** Relative to the site root, `/`-separated (`operations/GetInstance.html`). */
  readonly path: string;
  readonly url: string;
  readonly problems: Problems;
  readonly h1: readonly string[];
  readonly ids: readonly string[];
  readonly duplicateIds: readonly string[];
  readonly references: readonly Reference[];
  readonly sidebarGroups: readonly SidebarGroup[];
  readonly sidebarLinks: readonly string[];
  /** The resolved href of every a inside <main>. */
  readonly mainLinks: readonly string[];
  readonly skeleton: Skeleton;
  readonly mainText: string;
  /** The text of p.lead, if any. */
  readonly lead: string | null;
  readonly codeBlocks: readonly CodeBlock[];
  /** The data-copy-target of every button.copy. */
  readonly copyButtons: readonly string[];
  /** Each table.params: its header cells and the text of each row's td.name code. */
  readonly paramsTables: readonly { headers: string[]; names: string[] }[];
  /** The class of each body row of every table.fields, and the text of its td.name code. */
  readonly fieldRows: readonly { className: string; name: string }[];
  /** Every class name used inside <main>. */
  readonly mainClasses: readonly string[];
}

/** Loads `url` in the guarded page and waits until it has loaded. */
export async function load(guarded: GuardedPage, url: string): Promise<void> {
  const response = await guarded.page.goto(url, { waitUntil: 'load' });
  if (response && response.status() >= 400) throw new Error(`${url} answered HTTP ${response.status()}`);
}

export async function collectFacts(page: Page): Promise<Omit<PageFacts, 'path' | 'url' | 'problems'>> {
  return page.evaluate(() => {
    const attr = (e: Element | null, name: string): string | null => (e ? e.getAttribute(name) : null);
    const selectors: [string, string][] = [
      ['a[href]', 'href'],
      ['area[href]', 'href'],
      ['link[href]', 'href'],
      ['script[src]', 'src'],
      ['img[src]', 'src'],
      ['source[src]', 'src'],
      ['iframe[src]', 'src'],
      ['video[src]', 'src'],
      ['audio[src]', 'src'],
      ['object[data]', 'data'],
      ['use[href]', 'href'],
    ];
    const references = selectors.flatMap(([selector, attribute]) =>
      Array.from(document.querySelectorAll(selector)).map((e) => {
        const raw = e.getAttribute(attribute) ?? '';
        let resolved = '';
        try {
          resolved = new URL(raw, document.baseURI).href;
        } catch {
          resolved = '';
        }
        return { tag: e.tagName.toLowerCase(), attribute, raw, resolved, text: (e.textContent ?? '').trim() };
      }),
    );
    const ids = Array.from(document.querySelectorAll('[id]')).map((e) => e.id);
    const seen = new Set<string>();
    const duplicateIds = [...new Set(ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false))))];
    const sidebar = document.querySelector('nav.sidebar');
    const sidebarGroups = Array.from(sidebar?.querySelectorAll('section.nav-group') ?? []).map((section) => {
      const heading = section.querySelector('h2 a') as HTMLAnchorElement | null;
      return {
        name: (section.querySelector('h2')?.textContent ?? '').trim(),
        href: heading ? heading.href : null,
        operations: Array.from(section.querySelectorAll('li a[href]')).map((a) => ({
          name: (a.textContent ?? '').trim(),
          href: (a as HTMLAnchorElement).href,
          current: a.getAttribute('aria-current'),
        })),
      };
    });
    const sidebarLinks = Array.from(sidebar?.querySelectorAll('a[href]') ?? []).map((a) => (a as HTMLAnchorElement).href);
    const mainLinks = Array.from(document.querySelectorAll('main a[href]')).map((a) => (a as HTMLAnchorElement).href);
    const first = document.body.firstElementChild;
    const input = document.getElementById('search-input');
    const results = document.getElementById('search-results');
    const main = document.querySelector('main');
    const skeleton = {
      doctype: document.doctype ? document.doctype.name : null,
      lang: document.documentElement.getAttribute('lang'),
      dataRoot: document.documentElement.getAttribute('data-root'),
      charset: document.characterSet,
      viewport: attr(document.querySelector('meta[name="viewport"]'), 'content'),
      colorScheme: attr(document.querySelector('meta[name="color-scheme"]'), 'content'),
      title: document.title,
      stylesheets: Array.from(document.querySelectorAll('link[rel~="stylesheet"]')).map((l) => l.getAttribute('href') ?? ''),
      firstBodyElement: first
        ? `${first.tagName.toLowerCase()}${first.classList.contains('skip-link') ? '.skip-link' : ''} ${first.getAttribute('href') ?? ''}`.trim()
        : '',
      searchInput: input
        ? {
            role: input.getAttribute('role'),
            controls: input.getAttribute('aria-controls'),
            expanded: input.getAttribute('aria-expanded'),
            label: !!document.querySelector('label[for="search-input"]'),
          }
        : null,
      searchResults: results ? { role: results.getAttribute('role'), hidden: results.hidden } : null,
      sidebarLabel: attr(sidebar, 'aria-label'),
      main: main ? { id: main.id, tabindex: main.getAttribute('tabindex') } : null,
      footer: !!document.querySelector('footer.site-footer'),
      scripts: Array.from(document.querySelectorAll('script')).map((s) => s.getAttribute('src') ?? '(inline)'),
    };
    return {
      h1: Array.from(document.querySelectorAll('h1')).map((h) => (h.textContent ?? '').trim()),
      ids,
      duplicateIds,
      references,
      sidebarGroups,
      sidebarLinks,
      mainLinks,
      skeleton,
      mainText: (main?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      lead: document.querySelector('main p.lead')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
      codeBlocks: Array.from(document.querySelectorAll('pre.code')).map((pre) => {
        const before = pre.previousElementSibling;
        return {
          id: pre.id,
          lang: pre.getAttribute('data-lang'),
          hasCode: !!pre.querySelector(':scope > code'),
          copyBefore: before && before.matches('button.copy') ? before.getAttribute('data-copy-target') : null,
        };
      }),
      copyButtons: Array.from(document.querySelectorAll('button.copy')).map((b) => b.getAttribute('data-copy-target') ?? ''),
      paramsTables: Array.from(document.querySelectorAll('table.params')).map((table) => ({
        headers: Array.from(table.querySelectorAll('thead th, tr:first-child th')).map((th) => (th.textContent ?? '').trim()),
        names: Array.from(table.querySelectorAll('td.name code')).map((c) => (c.textContent ?? '').trim()),
      })),
      mainClasses: [...new Set(Array.from(document.querySelectorAll('main [class]')).flatMap((e) => Array.from(e.classList)))],
      fieldRows: Array.from(document.querySelectorAll('table.fields tbody tr')).map((tr) => ({
        className: tr.className,
        name: (tr.querySelector('td.name code')?.textContent ?? '').trim(),
      })),
    };
  });
}

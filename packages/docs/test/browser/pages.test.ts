// Every generated page, loaded in Debian's chromium from a loopback HTTP server (and the home page
// and an operation page from file://): no console error, no page error, no failed request, no
// request leaving the machine; the contract's skeleton; every internal link resolves; every
// operation of the spec has its page, linked from its group page and from the sidebar; and no page
// breaks a rule of the axe-core accessibility audit.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { flattenProperties } from '@acr-ee/generator';
import { auditAccessibility, describeViolation, type Violation } from '../support/axe.js';
import { describeProblems, launchChromium, newGuardedPage, problemCount, type Problems } from '../support/browser.js';
import { collectFacts, load, type PageFacts } from '../support/crawl.js';
import { model, operations } from '../support/model.js';
import { SITE_DIR } from '../support/paths.js';
import { htmlPages, isSiteFile, rootPrefix, sitePath } from '../support/site.js';
import { startStaticServer, type StaticServer } from '../support/static-server.js';

let browser: Browser;
let server: StaticServer;
const facts = new Map<string, PageFacts>();
const violations = new Map<string, Violation[]>();

beforeAll(async () => {
  const pages = htmlPages();
  browser = await launchChromium();
  server = await startStaticServer(SITE_DIR);
  const guarded = await newGuardedPage(browser, server.origin);
  for (const path of pages) {
    const url = server.url(path);
    guarded.take();
    await load(guarded, url);
    const collected = await collectFacts(guarded.page);
    facts.set(path, { path, url, ...collected, problems: guarded.take() });
    violations.set(path, await auditAccessibility(guarded.page));
  }
  await guarded.context.close();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function page(path: string): PageFacts {
  const found = facts.get(path);
  if (!found) throw new Error(`the site has no page ${path}`);
  return found;
}

const GROUP_PAGE = /^groups\/[^/]+\.html$/;

describe('the generated site over HTTP', () => {
  test('has the pages and assets of the contract, one page per operation and per group', () => {
    const paths = [...facts.keys()];
    for (const top of ['index.html', 'common-parameters.html', 'signature.html', 'errors.html', 'ram.html']) {
      expect(paths, top).toContain(top);
    }
    for (const asset of ['assets/site.css', 'assets/site.js', 'assets/search-index.js']) {
      expect(isSiteFile(asset), asset).toBe(true);
    }
    const operationPages = paths.filter((p) => p.startsWith('operations/')).sort();
    expect(operationPages).toEqual(operations.map((op) => `operations/${op.name}.html`).sort());
    expect(paths.filter((p) => GROUP_PAGE.test(p))).toHaveLength(model.groups.length);
    // The 13 chapters of the reference and the groups of the vendor's metadata that have no chapter.
    expect(model.groups.length).toBeGreaterThanOrEqual(13);
  });

  test('the test server answers with the right content types, and 404 for a missing file', async () => {
    const types = await Promise.all(
      ['index.html', 'assets/site.css', 'assets/site.js'].map(async (path) => (await fetch(server.url(path))).headers.get('content-type')),
    );
    expect(types).toEqual(['text/html; charset=utf-8', 'text/css; charset=utf-8', 'text/javascript; charset=utf-8']);
    expect((await fetch(server.url('no-such-page.html'))).status).toBe(404);
    expect((await fetch(`${server.origin}/../../etc/passwd`)).status).toBe(404);
  });

  test('every page loads with no console error, page error, failed request or external request', () => {
    const failures = [...facts.values()].flatMap((f) => describeProblems(f.problems).map((p) => `${f.path}: ${p}`));
    expect(failures).toEqual([]);
    // The crawl did load things: every page requested its stylesheet and both scripts.
    for (const f of facts.values()) {
      const requested = f.problems.requests.map((r) => sitePath(r, server.origin));
      expect(requested, f.path).toEqual(expect.arrayContaining(['assets/site.css', 'assets/search-index.js', 'assets/site.js']));
    }
  });

  test('every page follows the HTML skeleton of the contract', () => {
    const failures: string[] = [];
    for (const f of facts.values()) {
      const s = f.skeleton;
      const root = rootPrefix(f.path);
      const check = (ok: boolean, what: string): void => {
        if (!ok) failures.push(`${f.path}: ${what}`);
      };
      check(s.doctype === 'html', `<!doctype html> missing (${s.doctype})`);
      check(s.lang === 'en', `<html lang> is ${JSON.stringify(s.lang)}, not "en"`);
      check(s.dataRoot === root, `<html data-root> is ${JSON.stringify(s.dataRoot)}, not ${JSON.stringify(root)}`);
      check(s.charset === 'UTF-8', `charset is ${s.charset}`);
      check(/width=device-width/.test(s.viewport ?? ''), `meta viewport is ${JSON.stringify(s.viewport)}`);
      check(/light/.test(s.colorScheme ?? '') && /dark/.test(s.colorScheme ?? ''), `meta color-scheme is ${JSON.stringify(s.colorScheme)}`);
      check(s.title.includes(model.title), `<title> ${JSON.stringify(s.title)} does not name the API`);
      check(s.stylesheets.includes(`${root}assets/site.css`), `no <link rel="stylesheet" href="${root}assets/site.css"> (${s.stylesheets.join(', ')})`);
      check(s.firstBodyElement === 'a.skip-link #main', `the body's first element is ${JSON.stringify(s.firstBodyElement)}, not the skip link to #main`);
      check(
        !!s.searchInput && s.searchInput.role === 'combobox' && s.searchInput.controls === 'search-results' && s.searchInput.label,
        `#search-input is not a labelled combobox controlling #search-results (${JSON.stringify(s.searchInput)})`,
      );
      check(s.searchInput?.expanded === 'false', `#search-input aria-expanded is ${JSON.stringify(s.searchInput?.expanded)} before any search`);
      check(!!s.searchResults && s.searchResults.role === 'listbox' && s.searchResults.hidden, `#search-results is not a hidden listbox (${JSON.stringify(s.searchResults)})`);
      check(!!s.sidebarLabel, 'nav.sidebar has no aria-label');
      check(s.main?.id === 'main' && s.main.tabindex === '-1', `<main> is ${JSON.stringify(s.main)}, not id="main" tabindex="-1"`);
      check(s.footer, 'no footer.site-footer');
      const scripts = s.scripts.filter((src) => src !== '(inline)');
      check(
        JSON.stringify(scripts.slice(-2)) === JSON.stringify([`${root}assets/search-index.js`, `${root}assets/site.js`]),
        `the scripts are ${JSON.stringify(s.scripts)}, not ${root}assets/search-index.js then ${root}assets/site.js`,
      );
      check(f.h1.length === 1, `${f.h1.length} h1 elements`);
      check(f.duplicateIds.length === 0, `duplicate ids: ${f.duplicateIds.join(', ')}`);
    }
    expect(failures).toEqual([]);
  });

  test('every internal link resolves: the file exists and a #fragment is an id of the target', () => {
    const failures: string[] = [];
    let checked = 0;
    let fragments = 0;
    for (const f of facts.values()) {
      for (const ref of f.references) {
        const where = `${f.path}: <${ref.tag} ${ref.attribute}="${ref.raw}">`;
        if (/^(mailto|tel):/i.test(ref.raw)) continue;
        if (ref.raw === '' || /^javascript:/i.test(ref.raw)) {
          failures.push(`${where}: empty or javascript: link`);
          continue;
        }
        const path = ref.resolved ? sitePath(ref.resolved, server.origin) : null;
        if (path === null) {
          // A hyperlink to another site is not a resource; anything the page loads must be local.
          if (ref.tag !== 'a' && ref.tag !== 'area') failures.push(`${where}: external resource`);
          continue;
        }
        if (/^(\/|[a-z][a-z0-9+.-]*:)/i.test(ref.raw)) {
          failures.push(`${where}: not a relative link (the site must work from file:// and any folder)`);
          continue;
        }
        checked += 1;
        if (!isSiteFile(path)) {
          failures.push(`${where}: ${path} does not exist`);
          continue;
        }
        const hash = new URL(ref.resolved).hash;
        if (hash.length > 1) {
          fragments += 1;
          const id = decodeURIComponent(hash.slice(1));
          const target = facts.get(path);
          if (!target) failures.push(`${where}: #${id} points into ${path}, which is not an HTML page`);
          else if (!target.ids.includes(id)) failures.push(`${where}: ${path} has no element with id "${id}"`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Every page has at least the skip link, the sidebar's 60 operations and its assets.
    expect(checked).toBeGreaterThan(facts.size * operations.length);
    expect(fragments).toBeGreaterThanOrEqual(facts.size);
  });

  test('every operation of the spec has operations/<Action>.html whose h1 contains its name', () => {
    expect(operations.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const op of operations) {
      const f = facts.get(`operations/${op.name}.html`);
      if (!f) failures.push(`operations/${op.name}.html is missing`);
      else if (!f.h1.some((h) => h.includes(op.name))) failures.push(`operations/${op.name}.html: h1 ${JSON.stringify(f.h1)} lacks ${op.name}`);
    }
    expect(failures).toEqual([]);
  });

  test('every operation is linked from its group page, which the sidebar links under the group name', () => {
    const home = page('index.html');
    expect(home.sidebarGroups.map((g) => g.name)).toEqual(model.groups.map((g) => g.name));
    const failures: string[] = [];
    for (const group of model.groups) {
      const entry = home.sidebarGroups.find((g) => g.name === group.name);
      const groupPath = entry?.href ? sitePath(entry.href, server.origin) : null;
      if (!groupPath || !GROUP_PAGE.test(groupPath) || !facts.has(groupPath)) {
        failures.push(`group ${group.name}: the sidebar's heading link (${entry?.href}) is not a group page`);
        continue;
      }
      const groupPage = page(groupPath);
      if (!groupPage.h1.some((h) => h.includes(group.name))) failures.push(`${groupPath}: h1 ${JSON.stringify(groupPage.h1)} lacks ${group.name}`);
      const mainLinks = new Set(groupPage.mainLinks.map((href) => sitePath(href, server.origin)));
      for (const name of group.operations) {
        if (!mainLinks.has(`operations/${name}.html`)) failures.push(`${groupPath}: no link to operations/${name}.html in <main>`);
        if (!groupPage.mainText.includes(model.operations.find((o) => o.name === name)!.summary)) {
          failures.push(`${groupPath}: the summary of ${name} is not in <main>`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  test("every page's sidebar lists every operation under its group, and marks the current operation", () => {
    const failures: string[] = [];
    for (const f of facts.values()) {
      const listed = f.sidebarGroups.map((g) => ({
        name: g.name,
        operations: g.operations.map((o) => `${o.name} -> ${sitePath(o.href, server.origin)}`),
      }));
      const expected = model.groups.map((g) => ({
        name: g.name,
        operations: g.operations.map((name) => `${name} -> operations/${name}.html`),
      }));
      if (JSON.stringify(listed) !== JSON.stringify(expected)) {
        failures.push(`${f.path}: the sidebar's groups and operations differ from the model's`);
        continue;
      }
      const current = f.sidebarGroups.flatMap((g) => g.operations).filter((o) => o.current === 'page').map((o) => o.name);
      const own = /^operations\/(.+)\.html$/.exec(f.path)?.[1];
      const wanted = own ? [own] : [];
      if (JSON.stringify(current) !== JSON.stringify(wanted)) {
        failures.push(`${f.path}: aria-current="page" on ${JSON.stringify(current)}, expected ${JSON.stringify(wanted)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('page content (the classes of the contract)', () => {
  const squash = (text: string): string => text.replace(/`/g, '').replace(/\s+/g, ' ').trim();

  test('code blocks: pre.code > code with a known data-lang, each pre with an id preceded by its button.copy', () => {
    const failures: string[] = [];
    for (const f of facts.values()) {
      const ids = new Set(f.codeBlocks.map((b) => b.id).filter(Boolean));
      for (const block of f.codeBlocks) {
        const name = `${f.path}: pre.code${block.id ? `#${block.id}` : ''}`;
        if (!block.hasCode) failures.push(`${name} has no <code> child`);
        if (!['json', 'xml', 'ts', 'http', 'text'].includes(block.lang ?? '')) failures.push(`${name} has data-lang=${JSON.stringify(block.lang)}`);
        if (block.id && block.copyBefore !== block.id) failures.push(`${name} is not preceded by button.copy[data-copy-target="${block.id}"] (${JSON.stringify(block.copyBefore)})`);
      }
      for (const target of f.copyButtons) if (!ids.has(target)) failures.push(`${f.path}: button.copy targets ${JSON.stringify(target)}, no pre.code has that id`);
    }
    expect(failures).toEqual([]);
  });

  test('operation pages: summary as p.lead, a params table naming every parameter, the RAM action, the response fields by depth', () => {
    const failures: string[] = [];
    for (const op of operations) {
      const path = `operations/${op.name}.html`;
      const f = facts.get(path);
      if (!f) {
        failures.push(`${path} is missing`);
        continue;
      }
      if (squash(f.lead ?? '') !== squash(op.summary)) failures.push(`${path}: p.lead is ${JSON.stringify(f.lead)}, not the summary ${JSON.stringify(op.summary)}`);
      const table = f.paramsTables.find((t) => t.headers.join('|') === 'Name|Type|Required|Description');
      if (!table) failures.push(`${path}: no table.params with the columns Name, Type, Required, Description (${JSON.stringify(f.paramsTables.map((t) => t.headers))})`);
      const named = new Set(f.paramsTables.flatMap((t) => t.names));
      const missing = op.parameters.map((p) => p.name).filter((n) => !named.has(n));
      if (missing.length) failures.push(`${path}: table.params lacks ${missing.join(', ')}`);
      if (!f.mainText.includes(op.ram.action)) failures.push(`${path}: the RAM action ${op.ram.action} is not on the page`);
      const badDepth = f.fieldRows.filter((r) => !/(^|\s)depth-[0-6](\s|$)/.test(r.className));
      if (badDepth.length) failures.push(`${path}: table.fields rows without a depth-0..6 class: ${badDepth.map((r) => r.name || '(no name)').join(', ')}`);
      const topLevel = new Set(f.fieldRows.filter((r) => /(^|\s)depth-0(\s|$)/.test(r.className)).map((r) => r.name));
      const absent = flattenProperties(model, op.response.type).map((p) => p.name).filter((n) => !topLevel.has(n));
      if (absent.length) failures.push(`${path}: table.fields has no depth-0 row for ${absent.join(', ')}`);
    }
    expect(failures).toEqual([]);
  });

  test('clicking every copy button of an operation page raises no error (with or without a clipboard)', async () => {
    const guarded = await newGuardedPage(browser, server.origin);
    try {
      await load(guarded, server.url('operations/GetInstance.html'));
      const buttons = guarded.page.locator('button.copy');
      const count = await buttons.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i += 1) await buttons.nth(i).click();
      await guarded.page.evaluate(() => new Promise((done) => setTimeout(done, 100)));
      expect(describeProblems(guarded.take())).toEqual([]);
    } finally {
      await guarded.context.close();
    }
  });

  test('the home page links every group; common-parameters, signature and ram pages carry what they are for', () => {
    const home = page('index.html');
    const homeLinks = new Set(home.mainLinks.map((href) => sitePath(href, server.origin)));
    const groupPages = [...facts.keys()].filter((p) => GROUP_PAGE.test(p));
    expect(groupPages.filter((p) => !homeLinks.has(p))).toEqual([]);
    const common = new Set(page('common-parameters.html').paramsTables.flatMap((t) => t.names));
    expect(model.commonParameters.map((p) => p.name).filter((n) => !common.has(n))).toEqual([]);
    expect(page('signature.html').mainClasses).toContain('steps');
    const ram = page('ram.html');
    expect(ram.mainClasses).toContain('ram');
    const ramLinks = new Set(ram.mainLinks.map((href) => sitePath(href, server.origin)));
    const ramMissing = operations
      .filter((op) => !ram.mainText.includes(op.ram.action) || !ram.mainText.includes(op.ram.resource) || !ramLinks.has(`operations/${op.name}.html`))
      .map((op) => op.name);
    expect(ramMissing).toEqual([]);
  });
});

describe('the generated site from file://', () => {
  const fromFile = async (path: string, searchFor: string) => {
    const guarded = await newGuardedPage(browser, undefined);
    try {
      const url = pathToFileURL(join(SITE_DIR, path)).href;
      await load(guarded, url);
      const loadProblems: Problems = guarded.take();
      const styled = await guarded.page.evaluate(() => {
        const link = document.querySelector('link[rel~="stylesheet"]') as HTMLLinkElement | null;
        const label = document.querySelector('label.visually-hidden');
        const rect = label?.getBoundingClientRect();
        const style = label ? getComputedStyle(label) : null;
        return {
          sheetLoaded: !!link?.sheet,
          labelHidden: !!rect && !!style && (rect.width * rect.height <= 4 || style.clip !== 'auto' || style.clipPath !== 'none'),
          indexed: (window as unknown as { ACR_DOCS_INDEX?: { operations?: unknown[] } }).ACR_DOCS_INDEX?.operations?.length ?? 0,
        };
      });
      await guarded.page.locator('#search-input').fill(searchFor);
      const first = guarded.page.locator('#search-results li[role="option"] a').first();
      await first.waitFor({ state: 'visible' });
      const href = await first.evaluate((a) => (a as HTMLAnchorElement).href);
      const searchProblems = guarded.take();
      return { loadProblems, styled, href, searchProblems };
    } finally {
      await guarded.context.close();
    }
  };

  for (const path of ['index.html', 'operations/GetInstance.html']) {
    test(`${path} loads with no error, its stylesheet applies and its search works`, async () => {
      const { loadProblems, styled, href, searchProblems } = await fromFile(path, 'GetRepoTagManifest');
      expect(describeProblems(loadProblems)).toEqual([]);
      expect(problemCount(searchProblems)).toBe(0);
      expect(loadProblems.requests.some((r) => r.startsWith('file:') && r.endsWith('/assets/site.css'))).toBe(true);
      expect(styled).toEqual({ sheetLoaded: true, labelHidden: true, indexed: operations.length });
      expect(href).toBe(pathToFileURL(join(SITE_DIR, 'operations', 'GetRepoTagManifest.html')).href);
      expect(searchProblems.requests).toEqual([]);
    });
  }
});

describe('accessibility (axe-core)', () => {
  test('no page breaks a rule of the audit: every default rule in the light scheme, colour contrast in the dark one', () => {
    expect(violations.size).toBe(facts.size);
    const found = [...violations].flatMap(([path, list]) => list.map((v) => describeViolation(path, v)));
    expect(found).toEqual([]);
  });

  test('the audit finds what it is for: a scrollable block the keyboard cannot reach, an image without a name, text too faint in the dark scheme', async () => {
    const context = await browser.newContext({ viewport: { width: 400, height: 400 } });
    try {
      const page = await context.newPage();
      await page.setContent(`<!doctype html><html lang="en"><head><title>Control</title>
        <style>p { color: #000; background: #fff } @media (prefers-color-scheme: dark) { p { color: #333; background: #111 } }</style></head>
        <body><main><h1>Control</h1><p>Readable in light only.</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <pre style="width: 100px; overflow-x: auto">${'x'.repeat(400)}</pre></main></body></html>`);
      const found = await auditAccessibility(page);
      expect(found.map((v) => `${v.scheme} ${v.rule}`).sort()).toEqual(['dark color-contrast', 'light image-alt', 'light scrollable-region-focusable']);
    } finally {
      await context.close();
    }
  });
});

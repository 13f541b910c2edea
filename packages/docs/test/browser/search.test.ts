// The search, in a real browser: typing into #search-input finds an operation by its name, by one
// of its parameters and by a word of its description (the queries are picked from the model),
// says why each result matched, works from the keyboard, and never touches the network.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeProblems, launchChromium, newGuardedPage, type GuardedPage } from '../support/browser.js';
import { load } from '../support/crawl.js';
import { operations, responseFieldNames, wordsOf } from '../support/model.js';
import { SITE_DIR, requireDir } from '../support/paths.js';
import { sitePath } from '../support/site.js';
import { startStaticServer, type StaticServer } from '../support/static-server.js';

let browser: Browser;
let server: StaticServer;
let guarded: GuardedPage;

beforeAll(async () => {
  requireDir(SITE_DIR);
  browser = await launchChromium();
  server = await startStaticServer(SITE_DIR);
  guarded = await newGuardedPage(browser, server.origin);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Result {
  /** Site-relative path of the result's link. */
  path: string | null;
  /** The option's whole text: the name and why it matched. */
  text: string;
}

/** Opens a page (fresh load), fills the search box and returns the results shown. */
async function search(pagePath: string, query: string): Promise<Result[]> {
  await load(guarded, server.url(pagePath));
  expect(describeProblems(guarded.take()), `loading ${pagePath}`).toEqual([]);
  const input = guarded.page.locator('#search-input');
  await input.fill(query);
  const list = guarded.page.locator('#search-results');
  await list.locator('li[role="option"]').first().waitFor({ state: 'visible' });
  const results = await list.locator('li[role="option"]').evaluateAll((items) =>
    items.map((li) => ({
      href: (li.querySelector('a[href]') as HTMLAnchorElement | null)?.href ?? '',
      text: (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
    })),
  );
  // Searching made no request at all, and nothing went wrong.
  const problems = guarded.take();
  expect(problems.requests, `requests while searching ${JSON.stringify(query)}`).toEqual([]);
  expect(describeProblems(problems)).toEqual([]);
  expect(await input.getAttribute('aria-expanded')).toBe('true');
  return results.map((r) => ({ path: r.href ? sitePath(r.href, server.origin) : null, text: r.text }));
}

const opPath = (name: string): string => `operations/${name}.html`;

/** A parameter few operations have, whose name is in no operation's name, and those operations. */
function rareParameter(): { name: string; owners: string[] } {
  const owners = new Map<string, string[]>();
  for (const op of operations) for (const p of op.parameters) owners.set(p.name, [...(owners.get(p.name) ?? []), op.name]);
  const candidates = [...owners]
    .filter(([name, ops]) => ops.length <= 3 && name.length >= 6)
    .filter(([name]) => !operations.some((op) => op.name.toLowerCase().includes(name.toLowerCase())))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const chosen = candidates.find(([name]) => name === 'TriggerUrl') ?? candidates[0];
  if (!chosen) throw new Error('the model has no parameter that only a few operations take');
  return { name: chosen[0], owners: chosen[1] };
}

/**
 * A word of one operation's description that appears nowhere else in the model's text of any
 * operation (names, parameters, fields, summaries, descriptions) nor in its own summary: searching
 * it can only find that operation, by its description.
 */
function distinctiveDescriptionWord(): { word: string; operation: string } {
  const haystacks = operations.map((op) => ({
    op,
    others: [op.name, op.summary, ...op.parameters.map((p) => p.name), ...responseFieldNames(op)].join(' ').toLowerCase(),
    description: op.description.toLowerCase(),
  }));
  for (const { op, description } of haystacks) {
    for (const word of wordsOf(op.description)) {
      if (word.length < 7) continue;
      const elsewhere = haystacks.some((h) => h.others.includes(word) || (h.op !== op && h.description.includes(word)));
      if (!elsewhere && description.includes(word)) return { word, operation: op.name };
    }
  }
  throw new Error('no operation has a description word of its own');
}

describe('search', () => {
  test('finds an operation by its exact name: the first result', async () => {
    const results = await search('index.html', 'GetRepoTagManifest');
    expect(results[0]?.path).toBe(opPath('GetRepoTagManifest'));
    expect(results[0]?.text).toContain('GetRepoTagManifest');
  });

  test('is case-insensitive', async () => {
    const results = await search('index.html', 'getrepotagmanifest');
    expect(results[0]?.path).toBe(opPath('GetRepoTagManifest'));
  });

  test('finds the operations taking a parameter, and says it matched on that parameter', async () => {
    const { name, owners } = rareParameter();
    const results = await search('index.html', name);
    for (const owner of owners) {
      const hit = results.find((r) => r.path === opPath(owner));
      expect(hit, `${owner} (takes ${name}) among ${JSON.stringify(results)}`).toBeDefined();
      expect(hit!.text.toLowerCase()).toContain('parameter');
      expect(hit!.text).toContain(name);
    }
  });

  test('finds an operation by a word of its description, and says so', async () => {
    const { word, operation } = distinctiveDescriptionWord();
    const results = await search(`groups/${firstGroupPage()}`, word);
    const hit = results.find((r) => r.path === opPath(operation));
    expect(hit, `${operation} (description word "${word}") among ${JSON.stringify(results)}`).toBeDefined();
    expect(hit!.text.toLowerCase()).toContain('description');
    // The word is nowhere else in the operations' text: no other operation matches.
    expect(results.filter((r) => r.path?.startsWith('operations/')).map((r) => r.path)).toEqual([opPath(operation)]);
  });

  test('needs every word to match, and shows at most 20 results', async () => {
    const broad = await search('index.html', 'e');
    expect(broad.length).toBeGreaterThan(0);
    expect(broad.length).toBeLessThanOrEqual(20);
    const words = ['create', 'trigger'];
    const results = await search('index.html', words.join(' '));
    expect(results.map((r) => r.path)).toContain(opPath('CreateRepoTrigger'));
    for (const result of results.filter((r) => r.path?.startsWith('operations/'))) {
      const op = operations.find((o) => result.path === opPath(o.name));
      expect(op, result.path!).toBeDefined();
      const text = [op!.name, op!.summary, op!.description, ...op!.parameters.map((p) => p.name), ...responseFieldNames(op!)].join(' ').toLowerCase();
      for (const word of words) expect(text, `${op!.name} matched ${JSON.stringify(words.join(' '))}`).toContain(word);
    }
  });

  test('links results relative to the page: from an operation page one level down', async () => {
    const results = await search('operations/GetInstance.html', 'GetRepoTagManifest');
    expect(results[0]?.path).toBe(opPath('GetRepoTagManifest'));
  });

  test('the search index has every operation with its page, group, summary, parameters and response fields', async () => {
    await load(guarded, server.url('index.html'));
    guarded.take();
    type Entry = { name: string; url: string; group: string; summary: string; description: string; parameters: string[]; fields: string[] };
    const index = await guarded.page.evaluate(
      () => (window as unknown as { ACR_DOCS_INDEX: { operations: Entry[]; pages: { title: string; url: string }[] } }).ACR_DOCS_INDEX,
    );
    expect(index.operations.map((o) => ({ name: o.name, url: o.url, group: o.group, summary: o.summary, parameters: o.parameters }))).toEqual(
      operations.map((op) => ({ name: op.name, url: opPath(op.name), group: op.group, summary: op.summary, parameters: op.parameters.map((p) => p.name) })),
    );
    for (const op of operations) {
      const entry = index.operations.find((o) => o.name === op.name)!;
      expect(new Set(entry.fields), `${op.name} fields`).toEqual(responseFieldNames(op));
      expect(entry.description.length, `${op.name} description`).toBeGreaterThan(0);
    }
    for (const p of index.pages) expect(existsSync(join(SITE_DIR, p.url)), `pages: ${p.url}`).toBe(true);
  });

  test('ranks exact name, then name prefix, before other matches', async () => {
    const results = (await search('index.html', 'GetInstance')).filter((r) => r.path?.startsWith('operations/'));
    const names = results.map((r) => r.path!.replace(/^operations\/(.+)\.html$/, '$1'));
    expect(names[0]).toBe('GetInstance');
    const prefixed = operations.filter((op) => op.name !== 'GetInstance' && op.name.toLowerCase().startsWith('getinstance')).map((op) => op.name);
    expect(prefixed.length).toBeGreaterThan(0);
    expect(new Set(names.slice(1, 1 + prefixed.length))).toEqual(new Set(prefixed));
  });
});

describe('search from the keyboard', () => {
  test('"/" focuses the search; ArrowDown selects the first result; Enter opens it', async () => {
    const page = guarded.page;
    await load(guarded, server.url('operations/GetInstance.html'));
    expect(describeProblems(guarded.take())).toEqual([]);
    await page.locator('main h1').click();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    expect(await page.locator('#search-input').inputValue()).toBe('');
    await page.keyboard.type('GetRepoTagManifest');
    const options = page.locator('#search-results li[role="option"]');
    await options.first().waitFor({ state: 'visible' });
    await page.keyboard.press('ArrowDown');
    const first = options.first();
    expect(await first.getAttribute('aria-selected')).toBe('true');
    const firstId = await first.getAttribute('id');
    expect(firstId).toBeTruthy();
    expect(await page.locator('#search-input').getAttribute('aria-activedescendant')).toBe(firstId);
    const searching = guarded.take();
    expect(searching.requests).toEqual([]);
    expect(describeProblems(searching)).toEqual([]);
    await Promise.all([page.waitForURL(server.url(opPath('GetRepoTagManifest'))), page.keyboard.press('Enter')]);
    await page.waitForLoadState('load');
    expect(await page.locator('h1').first().textContent()).toContain('GetRepoTagManifest');
    expect(describeProblems(guarded.take())).toEqual([]);
  });

  test('ArrowUp moves back; Escape clears the box and closes the results', async () => {
    const page = guarded.page;
    await load(guarded, server.url('index.html'));
    guarded.take();
    await page.locator('#search-input').focus();
    await page.keyboard.type('Repo');
    const options = page.locator('#search-results li[role="option"]');
    await options.nth(1).waitFor({ state: 'visible' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowUp');
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    expect(await options.nth(1).getAttribute('aria-selected')).not.toBe('true');
    await page.keyboard.press('Escape');
    expect(await page.locator('#search-input').inputValue()).toBe('');
    expect(await page.locator('#search-results').isVisible()).toBe(false);
    expect(await page.locator('#search-input').getAttribute('aria-expanded')).toBe('false');
    const problems = guarded.take();
    expect(problems.requests).toEqual([]);
    expect(describeProblems(problems)).toEqual([]);
  });
});

/** The file name of the first group page (the description search runs from a page one level down). */
function firstGroupPage(): string {
  const dir = join(SITE_DIR, 'groups');
  const pages = readdirSync(requireDir(dir)).filter((f) => f.endsWith('.html')).sort();
  if (pages.length === 0) throw new Error(`${dir} holds no page`);
  return pages[0]!;
}

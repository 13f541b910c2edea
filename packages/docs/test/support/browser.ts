// Debian's chromium driven by playwright-core, with every page fenced in: a request to anything
// but the loopback server under test (or a file:// URL) is aborted and recorded, and console
// errors, page errors and failed requests are recorded too.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: the docs' browser tests need Debian's chromium. Install it with \`apt-get install -y chromium\` (as root).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      // Belt and braces next to the request routing: no host name resolves, so nothing can leave
      // the machine even if a request slipped past the route (the server is an IP literal).
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

export interface Problems {
  consoleErrors: string[];
  pageErrors: string[];
  /** Requests that failed (requestfailed) or answered with a status >= 400. */
  failedRequests: string[];
  /** Requests to anything other than the allowed origin or file:// (each was aborted), as `url [resource type]`. */
  externalRequests: string[];
  /** Every request the page made (allowed or not). */
  requests: string[];
}

function emptyProblems(): Problems {
  return { consoleErrors: [], pageErrors: [], failedRequests: [], externalRequests: [], requests: [] };
}

export function problemCount(p: Problems): number {
  return p.consoleErrors.length + p.pageErrors.length + p.failedRequests.length + p.externalRequests.length;
}

export function describeProblems(p: Problems): string[] {
  return [
    ...p.consoleErrors.map((m) => `console error: ${m}`),
    ...p.pageErrors.map((m) => `page error: ${m}`),
    ...p.failedRequests.map((m) => `failed request: ${m}`),
    ...p.externalRequests.map((m) => `external request (aborted): ${m}`),
  ];
}

/** True for URLs that never leave the machine: the allowed origin, file://, data: and blob:. */
export function isLocalUrl(url: string, allowedOrigin: string | undefined): boolean {
  if (/^(file|data|blob|about):/i.test(url)) return true;
  if (!allowedOrigin) return false;
  try {
    return new URL(url).origin === allowedOrigin;
  } catch {
    return false;
  }
}

export interface GuardedPage {
  readonly page: Page;
  /** The problems recorded since the last take(), which starts a new record. */
  take(): Problems;
  /** The problems recorded since the last take(), without resetting. */
  peek(): Problems;
}

/**
 * Routes every request of `page` through `page.route('**\/*')`: anything other than
 * `allowedOrigin` (the loopback server; omit it for file:// only) or file:// is aborted and
 * recorded as a failure.
 */
export async function guardPage(page: Page, allowedOrigin?: string): Promise<GuardedPage> {
  let current = emptyProblems();
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLocalUrl(url, allowedOrigin)) return route.continue();
    current.externalRequests.push(`${url} [${route.request().resourceType()}]`);
    return route.abort('blockedbyclient');
  });
  page.on('request', (request) => current.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location();
    current.consoleErrors.push(`${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => current.pageErrors.push(error.stack ?? error.message));
  page.on('requestfailed', (request) => {
    current.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) current.failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  return {
    page,
    take: () => {
      const taken = current;
      current = emptyProblems();
      return taken;
    },
    peek: () => current,
  };
}

/** A new context and a guarded page in it. */
export async function newGuardedPage(
  browser: Browser,
  allowedOrigin: string | undefined,
  options: BrowserContextOptions = {},
): Promise<GuardedPage & { context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const guarded = await guardPage(page, allowedOrigin);
  return { ...guarded, context };
}

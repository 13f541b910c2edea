// Size report (npm run size -w @acr-ee/docs): the generated site's size next to what
// `redocly build-docs` makes of the same spec, and whether each works offline.
//
// - ours: total bytes and gzip bytes (each file gzipped on its own, as a server would), file
//   count, the largest page, and one page view (a page with its stylesheet and scripts);
// - Redoc: `redocly build-docs spec/openapi.yaml` as is (scripts from the Redocly CDN) and with
//   --inlineBundle (scripts inlined);
// - offline: each is loaded in Debian's chromium from a loopback HTTP server with every other
//   request aborted (nothing leaves the machine), and the report lists the external URLs each
//   page tried to fetch and whether its content rendered.
//
// A report, not a test: it asserts nothing about sizes. Exit code 1 only if it could not run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { describeProblems, launchChromium, newGuardedPage } from '../test/support/browser.js';
import { REPO_ROOT, SITE_DIR, listFiles } from '../test/support/paths.js';
import { startStaticServer } from '../test/support/static-server.js';

interface Sizes {
  bytes: number;
  gzip: number;
  files: number;
}

interface OfflineResult {
  /** Unique requests outside the loopback server the page tried (all aborted): `url [resource type]`. */
  external: string[];
  /** How many of those were scripts (the page's code could not run). */
  blockedScripts: number;
  /** The operation names looked for that the DOM's text contains after the wait. */
  inDom: string[];
  /** ... and that are rendered text (innerText: not hidden, not collapsed). */
  visible: string[];
  names: readonly string[];
  /** Console errors, page errors and failed requests other than the aborted external ones. */
  errors: string[];
}

const gzipSize = (file: string): number => gzipSync(readFileSync(file), { level: 9 }).length;

function sizesOf(files: readonly string[]): Sizes {
  return {
    bytes: files.reduce((sum, f) => sum + statSync(f).size, 0),
    gzip: files.reduce((sum, f) => sum + gzipSize(f), 0),
    files: files.length,
  };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

function buildRedoc(dir: string, inline: boolean): string | null {
  const output = join(dir, inline ? 'redoc-inline.html' : 'redoc.html');
  const args = ['build-docs', 'spec/openapi.yaml', '-o', output, ...(inline ? ['--inlineBundle'] : [])];
  try {
    execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'redocly'), args, {
      cwd: REPO_ROOT,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 180_000,
    });
    return output;
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    console.error(`redocly ${args.join(' ')} failed: ${e.stderr?.toString().trim() || e.message}`);
    return null;
  }
}

/**
 * Loads `page` of `root` from a loopback server, every other request aborted, waits up to `waitMs`
 * for client-side rendering, and looks for the operation `names` in the DOM.
 */
async function offline(browser: Browser, root: string, page: string, names: readonly string[], waitMs: number): Promise<OfflineResult> {
  const server = await startStaticServer(root);
  const guarded = await newGuardedPage(browser, server.origin, { viewport: { width: 1440, height: 900 } });
  try {
    await guarded.page.goto(server.url(page), { waitUntil: 'load', timeout: 60_000 });
    const look = async (): Promise<{ inDom: string[]; visible: string[] }> =>
      guarded.page.evaluate((wanted) => {
        const dom = document.body ? (document.body.textContent ?? '') : '';
        const text = document.body ? document.body.innerText : '';
        return { inDom: wanted.filter((n) => dom.includes(n)), visible: wanted.filter((n) => text.includes(n)) };
      }, names as string[]);
    const deadline = Date.now() + waitMs;
    let found = await look();
    while (found.visible.length < names.length && Date.now() < deadline) {
      await guarded.page.waitForTimeout(250);
      found = await look();
    }
    const problems = guarded.take();
    const external = [...new Set(problems.externalRequests)];
    const aborted = (line: string): boolean => external.some((e) => line.includes(e.replace(/ \[[^\]]*\]$/, '')));
    return {
      external,
      blockedScripts: external.filter((e) => e.endsWith('[script]')).length,
      ...found,
      names,
      errors: describeProblems(problems).filter((line) => !line.startsWith('external request') && !aborted(line)),
    };
  } finally {
    await guarded.context.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  const siteFiles = listFiles(SITE_DIR, '');
  if (siteFiles.length === 0) throw new Error(`${SITE_DIR} is empty: run \`npx acr-generate docs\` first`);
  const absolute = siteFiles.map((f) => join(SITE_DIR, f));
  const ours = sizesOf(absolute);
  const pages = siteFiles.filter((f) => f.endsWith('.html'));
  const largest = pages.map((f) => ({ name: f, bytes: statSync(join(SITE_DIR, f)).size })).sort((a, b) => b.bytes - a.bytes)[0]!;
  const assets = ['assets/site.css', 'assets/site.js', 'assets/search-index.js'].map((f) => join(SITE_DIR, f));
  const pageView = sizesOf([join(SITE_DIR, 'operations', 'GetInstance.html'), ...assets]);
  const byKind = (suffix: string) => sizesOf(absolute.filter((f) => f.endsWith(suffix)));

  const tmp = mkdtempSync(join(tmpdir(), 'acr-docs-size-'));
  try {
    const redocFile = buildRedoc(tmp, false);
    const inlineFile = buildRedoc(tmp, true);
    const redoc = redocFile ? sizesOf([redocFile]) : null;
    const inline = inlineFile ? sizesOf([inlineFile]) : null;

    const browser = await launchChromium();
    let offlineOurs: OfflineResult;
    let offlineOp: OfflineResult;
    let offlineRedoc: OfflineResult | null = null;
    let offlineInline: OfflineResult | null = null;
    try {
      offlineOurs = await offline(browser, SITE_DIR, 'index.html', ['GetInstance', 'ListRepository', 'GetAuthorizationToken'], 0);
      offlineOp = await offline(browser, SITE_DIR, 'operations/GetInstance.html', ['GetInstance', 'InstanceId'], 0);
      if (redocFile) offlineRedoc = await offline(browser, tmp, basename(redocFile), ['GetInstance', 'ListRepository', 'GetAuthorizationToken'], 5000);
      if (inlineFile) offlineInline = await offline(browser, tmp, basename(inlineFile), ['GetInstance', 'ListRepository', 'GetAuthorizationToken'], 5000);
    } finally {
      await browser.close();
    }

    const lines: string[] = [];
    const out = (line = ''): void => {
      lines.push(line);
    };
    out('Generated site (packages/docs/src/generated/site)');
    out(`  total: ${ours.bytes} bytes (${kb(ours.bytes)}), gzip ${ours.gzip} bytes (${kb(ours.gzip)}), ${ours.files} files`);
    for (const [label, suffix] of [['HTML', '.html'], ['CSS', '.css'], ['JS', '.js']] as const) {
      const s = byKind(suffix);
      out(`    ${label}: ${s.files} files, ${kb(s.bytes)} (gzip ${kb(s.gzip)})`);
    }
    out(`  largest page: ${largest.name}, ${largest.bytes} bytes (${kb(largest.bytes)})`);
    out(`  one page view (operations/GetInstance.html + site.css + site.js + search-index.js): ${kb(pageView.bytes)} (gzip ${kb(pageView.gzip)})`);
    out();
    const redocLine = (label: string, s: Sizes | null): void => {
      out(s ? `${label}: ${s.bytes} bytes (${kb(s.bytes)}), gzip ${s.gzip} bytes (${kb(s.gzip)})` : `${label}: not built (see the error above)`);
    };
    redocLine('redocly build-docs (default: scripts from the Redocly CDN)', redoc);
    redocLine('redocly build-docs --inlineBundle (scripts inlined)', inline);
    out();
    out('Ratios (ours / Redoc)');
    for (const [label, s] of [['default', redoc], ['--inlineBundle', inline]] as const) {
      if (!s) continue;
      out(`  vs ${label}: whole site ${ratio(ours.bytes, s.bytes)} bytes, ${ratio(ours.gzip, s.gzip)} gzip; one page view ${ratio(pageView.bytes, s.bytes)} bytes, ${ratio(pageView.gzip, s.gzip)} gzip`);
    }
    out();
    out('Offline (chromium, loopback server, every other request aborted)');
    const offlineLine = (label: string, r: OfflineResult | null): void => {
      if (!r) return;
      out(`  ${label}:`);
      out(`    operation names in the DOM: ${r.inDom.length}/${r.names.length}; rendered as text: ${r.visible.length}/${r.names.length} (${r.names.join(', ')})`);
      out(`    external requests tried (aborted): ${r.external.length === 0 ? 'none' : `${r.external.length}${r.blockedScripts ? `, ${r.blockedScripts} of them scripts` : ''}`}`);
      for (const url of r.external) out(`      ${url}`);
      out(`    other errors: ${r.errors.length === 0 ? 'none' : ''}`);
      for (const error of r.errors) out(`      ${error}`);
    };
    offlineLine('ours, index.html', offlineOurs);
    offlineLine('ours, operations/GetInstance.html', offlineOp);
    offlineLine('Redoc (default)', offlineRedoc);
    offlineLine('Redoc --inlineBundle', offlineInline);
    out();
    out('Markdown table:');
    out();
    const offlineCell = (r: OfflineResult | null): string => {
      if (!r) return 'n/a';
      const content = `${r.inDom.includes('GetInstance') ? '' : 'no '}GetInstance in the DOM`;
      if (r.external.length === 0 && r.errors.length === 0) return `yes: no external request; ${content}`;
      const hosts = [...new Set(r.external.map((e) => new URL(e.split(' ')[0]!).host))].join(', ');
      const what = r.blockedScripts > 0 ? `no: its script${r.blockedScripts > 1 ? 's' : ''} (${hosts}) blocked` : `partly: ${r.external.length} external request${r.external.length > 1 ? 's' : ''} (${hosts}) blocked`;
      return `${what}; ${content}`;
    };
    out('| Output | Files | Size | Gzip | Works offline |');
    out('|---|---:|---:|---:|---|');
    out(`| This site (all ${ours.files} files) | ${ours.files} | ${kb(ours.bytes)} | ${kb(ours.gzip)} | ${offlineCell(offlineOurs)} |`);
    out(`| This site, one page view (page + CSS + JS + search index) | 4 | ${kb(pageView.bytes)} | ${kb(pageView.gzip)} | ${offlineCell(offlineOp)} |`);
    if (redoc) out(`| \`redocly build-docs\` | 1 (+ CDN script) | ${kb(redoc.bytes)} | ${kb(redoc.gzip)} | ${offlineCell(offlineRedoc)} |`);
    if (inline) out(`| \`redocly build-docs --inlineBundle\` | 1 | ${kb(inline.bytes)} | ${kb(inline.gzip)} | ${offlineCell(offlineInline)} |`);
    console.log(lines.join('\n'));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

// The accessibility audit of a loaded page: axe-core (Deque's engine, the one browsers' and CI's
// accessibility tools run) evaluated in the page, with every rule it runs by default (WCAG 2.0 to
// 2.2 A and AA, and best practices), in the light colour scheme and, for contrast, the dark one
// too (the site follows the reader's preference).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe's own build, read once; evaluated through the DevTools protocol, so no request and no CSP in the way. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One rule a page breaks, with where (CSS selectors of up to three of its elements). */
export interface Violation {
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  readonly scheme: 'light' | 'dark';
  readonly targets: readonly string[];
}

interface AxeResult {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

async function run(page: Page, scheme: Violation['scheme'], rules?: readonly string[]): Promise<Violation[]> {
  await page.emulateMedia({ colorScheme: scheme });
  // The site eases colours in (transitions of .12s): audit the colours the scheme ends at.
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
  const result = await page.evaluate(async (only) => {
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe;
    return axe.run(document, only ? { runOnly: { type: 'rule', values: only }, resultTypes: ['violations'] } : { resultTypes: ['violations'] });
  }, rules ? [...rules] : null);
  return result.violations.map((v) => ({
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    scheme,
    targets: v.nodes.slice(0, 3).map((n) => n.target.map(String).join(' ')),
  }));
}

/** Every violation axe finds on the page as loaded: all default rules in light, colour contrast in dark. */
export async function auditAccessibility(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  try {
    return [...(await run(page, 'light')), ...(await run(page, 'dark', ['color-contrast']))];
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
  }
}

export function describeViolation(path: string, v: Violation): string {
  return `${path} [${v.scheme}]: ${v.rule} (${v.impact}) ${v.help}: ${v.targets.join(', ')}`;
}

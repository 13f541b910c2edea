// The generated site on disk: its pages, and how a URL of the test server maps back to a file.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SITE_DIR, listFiles } from './paths.js';

/** Every HTML page of the site, relative to its root. */
export function htmlPages(): string[] {
  const pages = listFiles(SITE_DIR, '.html');
  if (pages.length === 0) throw new Error(`${SITE_DIR} holds no HTML page`);
  return pages;
}

/** The site-relative path a URL of `origin` names (`operations/GetInstance.html`), or null when it is elsewhere. */
export function sitePath(url: string, origin: string): string | null {
  const parsed = new URL(url);
  if (parsed.origin !== origin) return null;
  return decodeURIComponent(parsed.pathname).replace(/^\//, '');
}

export function isSiteFile(relativePath: string): boolean {
  const file = join(SITE_DIR, relativePath);
  return existsSync(file) && statSync(file).isFile();
}

/** `../` once per folder level of a page (`""` for top-level pages): the contract's data-root. */
export function rootPrefix(relativePath: string): string {
  return '../'.repeat(relativePath.split('/').length - 1);
}

// What `npm pack` would publish: the whole site and the Markdown, nothing of the tests or scripts.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DOCS_DIR, MARKDOWN_DIR, SITE_DIR, listFiles } from './support/paths.js';

describe('the published package', () => {
  const [report] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: DOCS_DIR, encoding: 'utf8' })) as { files: { path: string }[] }[];
  const packed = new Set(report.files.map((f) => f.path));

  it('holds every file of the site and every Markdown page', () => {
    const wanted = [
      ...listFiles(SITE_DIR, '').map((f) => `src/generated/site/${f}`),
      ...listFiles(MARKDOWN_DIR, '').map((f) => `src/generated/markdown/${f}`),
      'README.md',
      'package.json',
    ];
    expect(wanted.filter((f) => !packed.has(f))).toEqual([]);
  });

  it('holds nothing else but its README and CHANGELOG (no tests, scripts or examples)', () => {
    const other = [...packed].filter((f) => !f.startsWith('src/generated/site/') && !f.startsWith('src/generated/markdown/') && f !== 'README.md' && f !== 'CHANGELOG.md' && f !== 'package.json');
    expect(other).toEqual([]);
  });
});

// The docs emitter: model in, the files of packages/docs/src/generated out: the static site
// (site/), Markdown for npm and repository browsers (markdown/), and each operation's TypeScript
// example as a file of its own (examples/), which the docs package's tests type-check.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiModel } from '../../model/index.js';
import type { EmittedFile } from '../files.js';
import { generatedHeader } from '../header.js';
import { TEMPLATE_DIR, loadTemplates } from './render.js';
import { buildSiteView, searchIndex, type SiteView } from './view.js';

interface PageSpec {
  readonly url: string;
  readonly template: string;
  readonly title: string;
  readonly data?: Record<string, unknown>;
}

export function emitDocsFiles(model: ApiModel): EmittedFile[] {
  const view = buildSiteView(model);
  const templates = loadTemplates();
  const files: EmittedFile[] = [];

  for (const page of pages(view)) {
    const depth = page.url.split('/').length - 1;
    const context = { site: view, page: { ...page, root: '../'.repeat(depth) }, ...page.data };
    files.push({ path: `site/${page.url}`, content: templates.page(page.template, context) });
  }
  files.push({ path: 'site/assets/search-index.js', content: searchIndex(view) });
  for (const asset of readdirSync(join(TEMPLATE_DIR, 'assets')).sort()) {
    files.push({ path: `site/assets/${asset}`, content: readFileSync(join(TEMPLATE_DIR, 'assets', asset), 'utf8') });
  }

  files.push({ path: 'markdown/README.md', content: templates.markdown('readme', { site: view }) });
  for (const op of view.operations) {
    files.push({ path: `markdown/${op.name}.md`, content: templates.markdown('operation', { site: view, op }) });
    files.push({ path: `examples/${op.name}.ts`, content: `${generatedHeader('docs emitter')}\n${op.examples.typescript}` });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function pages(view: SiteView): PageSpec[] {
  return [
    ...view.referencePages.map(({ url, template, title }) => ({ url, template, title })),
    ...view.groups.map((group) => ({ url: group.url, template: 'group', title: group.name, data: { group } })),
    ...view.operations.map((op) => ({ url: op.url, template: 'operation', title: op.name, data: { op } })),
  ];
}

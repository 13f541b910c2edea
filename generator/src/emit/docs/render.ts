// Renders the view with the handlebars templates of generator/templates/docs: `*.html.hbs` pages
// inside `layout.html.hbs`, `*.md.hbs` Markdown, `partials/*.hbs`. HTML templates escape every
// value; Markdown ones escape table cells only.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

export const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../templates/docs');

export interface Templates {
  /** Renders page template `name` (e.g. `operation`) inside the layout. */
  page(name: string, context: Record<string, unknown>): string;
  /** Renders Markdown template `name` (e.g. `operation`). */
  markdown(name: string, context: Record<string, unknown>): string;
}

export function loadTemplates(dir = TEMPLATE_DIR): Templates {
  const html = Handlebars.create();
  const md = Handlebars.create();
  for (const instance of [html, md]) registerHelpers(instance);
  md.registerHelper('cell', (value: unknown) => String(value ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|'));

  for (const file of readdirSync(join(dir, 'partials')).sort()) {
    if (file.endsWith('.html.hbs')) html.registerPartial(file.slice(0, -'.html.hbs'.length), read(dir, `partials/${file}`));
    if (file.endsWith('.md.hbs')) md.registerPartial(file.slice(0, -'.md.hbs'.length), read(dir, `partials/${file}`));
  }
  const layout = html.compile(read(dir, 'layout.html.hbs'), { strict: true, preventIndent: true });
  const cache = new Map<string, HandlebarsTemplateDelegate>();
  const compiled = (instance: typeof Handlebars, file: string, options: CompileOptions) => {
    if (!cache.has(file)) cache.set(file, instance.compile(read(dir, file), options));
    return cache.get(file)!;
  };
  return {
    page(name, context) {
      // preventIndent: a partial on an indented line must not indent the lines of a <pre>.
      const body = compiled(html, `${name}.html.hbs`, { strict: true, preventIndent: true })(context);
      return layout({ ...context, body });
    },
    markdown(name, context) {
      return compiled(md, `${name}.md.hbs`, { strict: true, noEscape: true })(context);
    },
  };
}

function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

function registerHelpers(instance: typeof Handlebars): void {
  instance.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // Whether a list has items (`{{#if list}}` is true for an empty array too).
  instance.registerHelper('nonEmpty', (list: unknown) => Array.isArray(list) && list.length > 0);
}

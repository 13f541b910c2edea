// Text the docs show in more than one place: descriptions as HTML (Markdown rendered, raw HTML
// escaped), as plain text (search), and values as they are written in a query string.
import MarkdownIt from 'markdown-it';

// No raw HTML from the spec, no typographic rewriting: what the spec says, rendered.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** A block of Markdown (paragraphs, lists, headings shifted under the page's h1 and h2). */
export function blockHtml(text: string, headingShift = 2): string {
  const html = markdown.render(text ?? '');
  const shifted = html.replace(/<(\/?)h([1-6])>/g, (_m, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + headingShift)}>`);
  return shifted.trim();
}

/** One line of Markdown (code spans, emphasis) without the paragraph around it. */
export function inlineHtml(text: string): string {
  return markdown.renderInline(text ?? '');
}

/** Markdown reduced to words (code spans, links, emphasis and block markers dropped): for search. */
export function plainText(text: string): string {
  return (text ?? '')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s*(?:#+|>|[-*]|\d+\.)\s+/gm, '')
    .replace(/\*\*?([^*]+)\*\*?/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A value as it goes on the wire (strings as they are, the rest as JSON writes them). */
export function wireValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

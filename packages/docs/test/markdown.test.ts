// The Markdown pages: markdown/<Action>.md for every operation of the spec with its summary, a
// parameters table naming every parameter and the same TypeScript example as examples/<Action>.ts;
// markdown/README.md links every operation file; every relative link of every file resolves.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { exampleCode, tsBlocksOfMarkdown } from './support/examples.js';
import { operations } from './support/model.js';
import { MARKDOWN_DIR, listFiles } from './support/paths.js';

let files: string[];

beforeAll(() => {
  files = listFiles(MARKDOWN_DIR, '.md');
});

const read = (name: string): string => readFileSync(join(MARKDOWN_DIR, name), 'utf8').replace(/\r\n?/g, '\n');
const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The first cell of each body row of every table whose header's first cell is "Name". */
function parameterTableNames(markdown: string): string[] | null {
  const lines = markdown.split('\n');
  let names: string[] | null = null;
  for (let i = 0; i + 1 < lines.length; i += 1) {
    const header = cells(lines[i]!);
    if (!header || !/^name$/i.test(header[0] ?? '') || !/^\|?\s*:?-{3,}/.test(lines[i + 1]!.trim())) continue;
    names ??= [];
    for (let j = i + 2; j < lines.length && cells(lines[j]!); j += 1) {
      names.push(cells(lines[j]!)![0]!.replace(/[`*\\]/g, '').trim());
    }
  }
  return names;
}

function cells(line: string): string[] | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|')) return null;
  return trimmed
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** The targets of the inline links of a Markdown text (`[text](target)`), images included. */
function linkTargets(markdown: string): string[] {
  const withoutCode = markdown.replace(/^(`{3,}|~{3,})[\s\S]*?^\1[ \t]*$/gm, '').replace(/`[^`\n]*`/g, '');
  return [...withoutCode.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
}

describe('Markdown', () => {
  test('there is markdown/<Action>.md for every operation, and README.md', () => {
    expect(operations.length).toBeGreaterThan(0);
    expect(files).toEqual(expect.arrayContaining(['README.md', ...operations.map((op) => `${op.name}.md`)]));
    const unexpected = files.filter((f) => f !== 'README.md' && !operations.some((op) => f === `${op.name}.md`));
    expect(unexpected).toEqual([]);
  });

  test("each operation's file has its name, its summary, a parameters table naming every parameter and its example", () => {
    const failures: string[] = [];
    for (const op of operations) {
      const file = `${op.name}.md`;
      if (!files.includes(file)) {
        failures.push(`${file} is missing`);
        continue;
      }
      const text = read(file);
      if (!/^#\s.*$/m.test(text) || !text.match(/^#\s.*$/m)![0].includes(op.name)) failures.push(`${file}: the first heading does not name ${op.name}`);
      if (!squash(text).includes(squash(op.summary))) failures.push(`${file}: the summary "${op.summary}" is missing`);
      const names = parameterTableNames(text);
      if (!names) failures.push(`${file}: no parameters table (a table whose first column is "Name")`);
      else {
        const missing = op.parameters.map((p) => p.name).filter((n) => !names.includes(n));
        if (missing.length > 0) failures.push(`${file}: the parameters table lacks ${missing.join(', ')}`);
      }
      if (!tsBlocksOfMarkdown(text).includes(exampleCode(op.name))) failures.push(`${file}: no \`\`\`ts block holds examples/${op.name}.ts`);
    }
    expect(failures).toEqual([]);
  });

  test('README.md links every operation file', () => {
    const targets = linkTargets(read('README.md')).map((t) => resolve(MARKDOWN_DIR, t.split('#')[0]!));
    const missing = operations.filter((op) => !targets.includes(join(MARKDOWN_DIR, `${op.name}.md`))).map((op) => op.name);
    expect(missing).toEqual([]);
  });

  test('every relative link of every Markdown file resolves to a file', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const file of files) {
      for (const target of linkTargets(read(file))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
        checked += 1;
        const path = resolve(MARKDOWN_DIR, decodeURIComponent(target.split('#')[0]!));
        if (!existsSync(path) || !statSync(path).isFile()) failures.push(`${file}: (${target}) does not exist`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(operations.length);
  });
});

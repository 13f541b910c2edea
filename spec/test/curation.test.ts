// CURATION.md is the record of every departure from the source document; these checks keep it
// well-formed enough to be read and referenced: unique IDs, each entry saying what the document
// says and what the spec says, and sections that exist in the document.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInventory } from '../src/inventory.js';
import { SPEC_DIR } from '../src/load.js';

const curation = readFileSync(join(SPEC_DIR, 'CURATION.md'), 'utf8');
const inventory = readInventory();
const ENTRY = /^- \*\*([A-Z]\d*-\d+)\*\* ([\s\S]*?)(?=^- \*\*|^#|(?![\s\S]))/gm;
const entries = [...curation.matchAll(ENTRY)].map((m) => ({ id: m[1], text: m[2] }));

describe('CURATION.md', () => {
  it('has entries with unique IDs', () => {
    expect(entries.length).toBeGreaterThan(100);
    const ids = entries.map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('says in every entry what the document says and what the spec says', () => {
    const incomplete = entries
      .filter((e) => !/\bDocument\b[^:]*:/.test(e.text) || !/\bSpec\b[^:]*:/.test(e.text))
      .map((e) => e.id);
    expect(incomplete).toEqual([]);
  });

  it('cites only sections of operations that the document has', () => {
    const sections = new Set(inventory.operations.map((o) => `§${o.section}`));
    const cited = entries.flatMap((e) => [...e.text.matchAll(/§(\d+\.\d+)/g)].map((m) => [e.id, `§${m[1]}`]));
    const unknown = cited.filter(([, s]) => Number(s.slice(1).split('.')[0]) >= 7 && !sections.has(s));
    expect(unknown).toEqual([]);
  });
});

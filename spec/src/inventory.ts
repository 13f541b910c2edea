// Parses the PDF-to-text dump of the vendor's API reference into an inventory of names per
// operation. The dump's quirks this copes with: tables split across pages (a repeated header row
// starts each part), `[DO NOT TRANSLATE]` rows, JSON examples split over several code blocks, and
// values wrapped onto the next line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPEC_DIR } from './load.js';

export interface InventoryOperation {
  /** Section number as printed, e.g. "9.4". */
  section: string;
  name: string;
  /** First column of every request-table row, as printed. */
  requestTable: string[];
  /** Parameter names of the sample request (`&Name=value` lines). */
  sampleRequest: string[];
  /** First column of every response-table row, as printed. */
  responseTable: string[];
  /** Every object key of the JSON example, at any depth, as printed. */
  jsonExampleKeys: string[];
  /** Request-table names whose description lists valid values ("Valid value(s): ..."). */
  requestWithValidValues: string[];
  /** Response-table names whose description lists valid values. */
  responseWithValidValues: string[];
}

/** The source document: `ACR_SEED`, or the seed folder beside the repository (as CI lays it out). */
export const SEED_FILE =
  process.env.ACR_SEED ?? join(SPEC_DIR, '..', '..', 'shared', 'seed', '000_89ec2507fda48628.txt');
/** The committed inventory that the fidelity test compares with the spec. */
export const INVENTORY_FILE = join(SPEC_DIR, 'inventory', 'seed-inventory.json');

export function readInventory(): Inventory {
  return JSON.parse(readFileSync(INVENTORY_FILE, 'utf8')) as Inventory;
}

export interface Inventory {
  source: string;
  operations: InventoryOperation[];
}

const SECTION = /^(\d+)\.(\d+) ([A-Za-z]+)$/;
const HIDDEN_ROW = '[DO NOT TRANSLATE]';
const FIRST_OPERATION_CHAPTER = 7;

function uniqueSorted(names: string[]): string[] {
  return [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const VALID_VALUES = /Valid values?\s*:/i;

/**
 * The first-column names of the table rows among `lines` (rows have at least `columns - 1`
 * tab-separated cells); with `onlyValidValues`, just the rows whose description lists valid values.
 */
function tableNames(lines: string[], columns: number, onlyValidValues = false): string[] {
  const names: string[] = [];
  for (const line of lines) {
    const cells = line.split('\t');
    if (cells.length < columns - 1) continue;
    const name = cells[0].trim();
    if (!name || name === 'Parameter' || name === HIDDEN_ROW) continue;
    if (onlyValidValues && !VALID_VALUES.test(cells.slice(1).join(' '))) continue;
    names.push(name);
  }
  return names;
}

/**
 * Whether `line` is the heading `title`. The dump sometimes runs two headings together on one
 * line with bold markers (`Sample success responses**JSON format**`).
 */
function isHeading(line: string, title: string): boolean {
  return line.split('**').some((part) => part.trim() === title);
}

/** The lines after the heading `from` up to (not including) the first of the headings `to`. */
function between(lines: string[], from: string, to: string[]): string[] {
  const start = lines.findIndex((l) => isHeading(l, from));
  if (start < 0) return [];
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => to.some((t) => isHeading(l, t)));
  return end < 0 ? rest : rest.slice(0, end);
}

/** The text inside the ``` code blocks of `lines`, joined. */
function codeBlocks(lines: string[]): string {
  const inside: string[] = [];
  let open = false;
  for (const line of lines) {
    if (line.trim().startsWith('```')) open = !open;
    else if (open) inside.push(line);
  }
  return inside.join('\n');
}

function parseOperation(section: string, name: string, body: string[]): InventoryOperation {
  const request = between(body, 'Request parameters', ['Response parameters']);
  const response = between(body, 'Response parameters', ['Examples']);
  const sample = codeBlocks(between(body, 'Sample requests', ['Sample success responses']));
  const json = codeBlocks(between(body, 'JSON format', ['XML format', 'Error codes']));
  return {
    section,
    name,
    requestTable: uniqueSorted(tableNames(request, 5)),
    sampleRequest: uniqueSorted(
      [...sample.matchAll(/^\s*&\s*([A-Za-z][A-Za-z0-9.]*)\s*=/gm)].map((m) => m[1]),
    ),
    responseTable: uniqueSorted(tableNames(response, 4)),
    jsonExampleKeys: uniqueSorted([...json.matchAll(/"([^"\n]+)"\s*:/g)].map((m) => m[1].trim())),
    requestWithValidValues: uniqueSorted(tableNames(request, 5, true)),
    responseWithValidValues: uniqueSorted(tableNames(response, 4, true)),
  };
}

export function extractInventory(text: string, source = '000_89ec2507fda48628.txt'): Inventory {
  const lines = text.split(/\r?\n/);
  const starts: { at: number; section: string; name: string }[] = [];
  lines.forEach((line, at) => {
    const m = SECTION.exec(line.trim());
    // The table of contents repeats every heading with dots and a page number; bodies have none.
    if (m && Number(m[1]) >= FIRST_OPERATION_CHAPTER) starts.push({ at, section: `${m[1]}.${m[2]}`, name: m[3] });
  });
  const operations = starts.map((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].at : lines.length;
    return parseOperation(s.section, s.name, lines.slice(s.at + 1, end));
  });
  return { source, operations };
}

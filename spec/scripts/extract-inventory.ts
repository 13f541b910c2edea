// Extracts an inventory of the source document: every operation section of chapters 7-19 with the
// names printed in its request table, its sample request, its response table and the keys of its
// JSON example. The fidelity test compares this inventory with the spec, so that a dropped
// operation, parameter or field fails unless CURATION.md explains it.
// Names are kept exactly as printed (PDF spaces and typos included): explaining them is the
// curation's job, not this script's.
// Usage: npx tsx spec/scripts/extract-inventory.ts [seed.txt] [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPEC_DIR } from '../src/load.js';
import { extractInventory } from '../src/inventory.js';

const args = process.argv.slice(2);
const check = args.includes('--check');
const seedPath = args.find((a) => !a.startsWith('--')) ?? join(SPEC_DIR, '..', '..', 'shared', 'seed', '000_89ec2507fda48628.txt');
const out = join(SPEC_DIR, 'inventory', 'seed-inventory.json');

const json = `${JSON.stringify(extractInventory(readFileSync(seedPath, 'utf8')), null, 2)}\n`;
if (check) {
  if (readFileSync(out, 'utf8') !== json) {
    console.error(`${out} is stale: run npm run inventory -w spec`);
    process.exit(1);
  }
  console.log('inventory is up to date');
} else {
  writeFileSync(out, json);
  console.log(`wrote ${out}`);
}

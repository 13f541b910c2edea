// Extracts an inventory of the source document: every operation section of chapters 7-19 with the
// names printed in its request table, its sample request, its response table and the keys of its
// JSON example. The fidelity test compares this inventory with the spec, so that a dropped
// operation, parameter or field fails unless CURATION.md explains it.
// Names are kept exactly as printed (PDF spaces and typos included): explaining them is the
// curation's job, not this script's.
// Usage: npx tsx spec/scripts/extract-inventory.ts [seed.txt] [--check]   (default seed: $ACR_SEED,
// else ../shared/seed/ beside the repository)
import { readFileSync, writeFileSync } from 'node:fs';
import { extractInventory, INVENTORY_FILE, SEED_FILE } from '../src/inventory.js';

const args = process.argv.slice(2);
const check = args.includes('--check');
const seedPath = args.find((a) => !a.startsWith('--')) ?? SEED_FILE;
const out = INVENTORY_FILE;

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

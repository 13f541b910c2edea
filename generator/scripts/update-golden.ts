// Regenerates the golden files of the emitter tests from the small fixture spec, one folder per
// target. Run it after an intended change to an emitter, and review the diff: it is the emitter's
// change as users see it.
import { join } from 'node:path';
import { buildModel } from '../src/model/index.js';
import { writeFiles } from '../src/emit/files.js';
import { TARGETS } from '../src/targets.js';
import { GOLDEN_DIR, MINI_SPEC, isCopiedDocsAsset } from '../test/fixtures.js';

const model = buildModel(MINI_SPEC);
for (const [name, target] of Object.entries(TARGETS)) {
  const files = target.emit(model).filter((f) => name !== 'docs' || !isCopiedDocsAsset(f.path));
  const report = writeFiles(join(GOLDEN_DIR, name), files, false);
  console.log(`golden ${name} files: ${report.changed.length} changed, ${report.removed.length} removed`);
}

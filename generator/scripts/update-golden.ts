// Regenerates the golden files of the emitter tests from the small fixture spec. Run it after an
// intended change to an emitter, and review the diff: it is the emitter's change as users see it.
import { buildModel } from '../src/model/index.js';
import { emitClientFiles } from '../src/emit/client/index.js';
import { writeFiles } from '../src/emit/files.js';
import { GOLDEN_CLIENT_DIR, MINI_SPEC } from '../test/fixtures.js';

const report = writeFiles(GOLDEN_CLIENT_DIR, emitClientFiles(buildModel(MINI_SPEC)), false);
console.log(`golden client files: ${report.changed.length} changed, ${report.removed.length} removed`);

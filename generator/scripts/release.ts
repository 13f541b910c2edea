// `npm run release`: see src/release/release-command.ts.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { release } from '../src/release/release-command.js';

process.exitCode = await release(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), process.argv.slice(2), (line) => console.log(line));

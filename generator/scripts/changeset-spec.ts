// `npm run changeset:spec`: see src/release/changeset-spec-command.ts.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { changesetSpec } from '../src/release/changeset-spec-command.js';

const { code, output } = changesetSpec(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), process.argv.slice(2));
(code === 0 ? process.stdout : process.stderr).write(`${output}\n`);
process.exitCode = code;

// Entry point of the acr-generate command.
import { run } from './cli.js';

const { code, output } = run(process.argv.slice(2));
(code === 0 ? process.stdout : process.stderr).write(`${output}\n`);
process.exitCode = code;

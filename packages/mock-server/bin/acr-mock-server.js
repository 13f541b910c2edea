#!/usr/bin/env node
// Launcher of the `acr-mock-server` command: runs the built CLI (src/cli.ts -> dist/).
import('../dist/cli.js').then(
  (cli) => cli.main(process.argv.slice(2)),
  (error) => {
    process.stderr.write(`acr-mock-server: cannot load dist/cli.js (${error.message}); build the package first: npm run build -w @acr-ee/mock-server\n`);
    process.exit(1);
  },
);

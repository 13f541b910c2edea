// Node built-ins that only some processes need, loaded when first needed instead of at import:
// node:https and node:tls load TLS, about as much start-up as node:http itself, and a process
// talking plain http (a mock server, tests) never needs them; node:os, node:fs and node:fs/promises
// serve only the credentials providers that read files (an import of node:fs also loads its streams). process.getBuiltinModule (Node 20.16 and later;
// the package needs 20.19) hands out the built-in without the module loader that createRequire
// would bring. The cold-start benchmark (bench/cold-start) measures what a static import costs.
import type * as fs from 'node:fs';
import type * as fsPromises from 'node:fs/promises';
import type * as https from 'node:https';
import type * as os from 'node:os';
import type * as tls from 'node:tls';

export function httpsLoaded(): typeof https {
  return process.getBuiltinModule('node:https');
}

export function tlsLoaded(): typeof tls {
  return process.getBuiltinModule('node:tls');
}

export function osLoaded(): typeof os {
  return process.getBuiltinModule('node:os');
}

export function fsPromisesLoaded(): typeof fsPromises {
  return process.getBuiltinModule('node:fs/promises');
}

export function fsLoaded(): typeof fs {
  return process.getBuiltinModule('node:fs');
}

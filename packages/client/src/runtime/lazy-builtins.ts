// node:https and node:tls load TLS, about as much start-up as node:http itself: they are loaded
// when a process first needs them (an https: origin, a CONNECT tunnel), so a process talking plain
// http (a mock server, tests) never pays for them. The cold-start benchmark (bench/cold-start)
// measures what a static import would cost.
import type * as https from 'node:https';
import { createRequire } from 'node:module';
import type * as tls from 'node:tls';

const requireBuiltin = createRequire(import.meta.url);
let httpsModule: typeof https | undefined;
let tlsModule: typeof tls | undefined;

export function httpsLoaded(): typeof https {
  return (httpsModule ??= requireBuiltin('node:https') as typeof https);
}

export function tlsLoaded(): typeof tls {
  return (tlsModule ??= requireBuiltin('node:tls') as typeof tls);
}

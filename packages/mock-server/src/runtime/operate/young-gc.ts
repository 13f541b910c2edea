// Young-generation collections asked for while a request body streams to disk. Node's HTTP parser
// copies every chunk of a body into a fresh buffer (node:http offers no way to read into a reused
// one), so a 1 GiB upload leaves 1 GiB of dead buffers behind it, 64 KiB at a time. V8 frees them
// when it collects: on Node 20 and 22 a scavenge of the young generation ran after about 35 MB of
// such buffers ("external memory pressure" in --trace-gc), Node 24's V8 waits for about 64 MB and
// then runs a full, incremental collection, so the server's resident memory rose by some 70 MB
// during a 1 GiB upload there instead of 35. A scavenge every 16 MiB of body bounds the dead
// buffers at about that on every line, for about half a millisecond each.
//
// Collections can only be asked for when V8's `gc` function is available: a process started with
// --expose-gc has it (globalThis.gc), and the acr-mock-server command exposes it for its own
// process (exposeGc()). A library user's process is left as its owner started it: there the
// buffers go at V8's own pace.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { readonly type: 'minor' }) => void;

/** Body bytes between two asked-for collections. */
export const YOUNG_GC_EVERY_BYTES = 16 * 1024 * 1024;

let collect: Collect | undefined = typeof globalThis.gc === 'function' ? (globalThis.gc as unknown as Collect) : undefined;
let since = 0;

/**
 * Makes V8's `gc` function available to this module: the command calls it once, at start, in its
 * own process. The flag only adds `gc` to contexts made after it; this module's new context is the
 * only one that reads it.
 */
export function exposeGc(): void {
  if (collect !== undefined) return;
  setFlagsFromString('--expose-gc');
  collect = runInNewContext('gc') as Collect;
}

/** Counts body bytes streamed through; every YOUNG_GC_EVERY_BYTES, a scavenge (when available). */
export function bodyBytesPassed(bytes: number): void {
  if (collect === undefined) return;
  since += bytes;
  if (since < YOUNG_GC_EVERY_BYTES) return;
  since = 0;
  collect({ type: 'minor' });
}

// Sends a byte range of a file to a writable (a blob to an HTTP response; an upload's bytes to its
// hash after a restart, uploads.ts) through a few buffers allocated once per request and reused,
// instead of a read stream's fresh buffer for every 64 KiB.
// A dead buffer is memory the process holds until V8 collects it, and V8 collects buffers by the
// amount of them allocated since its last collection: Node 24's V8 waits for about 64 MB of them
// (a full collection; Node 20's scavenged after about 32 MB), so a 1 GiB pull through a read stream
// held some 70 MB of dead buffers there. Reused buffers make the pull's share a constant.
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';

const BUFFER_BYTES = 64 * 1024;
/** Buffers in flight: one being read while the others are written. */
const BUFFERS = 4;

/**
 * Writes bytes `start`..`end` (inclusive) of the file at `path` to `out`, then ends it. A buffer is
 * read into again only once `out` has written its previous contents (and no longer holds it).
 * Rejects when the file cannot be read or `out` fails or closes first.
 */
export async function sendFile(path: string, out: Writable, range: { readonly start: number; readonly end: number }): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const buffers = Array.from({ length: BUFFERS }, () => Buffer.allocUnsafeSlow(BUFFER_BYTES));
    // Each buffer's last write, settled with its error or undefined (never rejected: no unhandled rejections).
    const written = new Array<Promise<Error | undefined>>(BUFFERS).fill(Promise.resolve(undefined));
    let position = range.start;
    for (let turn = 0; position <= range.end; turn = (turn + 1) % BUFFERS) {
      const failed = await written[turn];
      if (failed !== undefined) throw failed;
      const { bytesRead } = await handle.read(buffers[turn], 0, Math.min(BUFFER_BYTES, range.end - position + 1), position);
      if (bytesRead === 0) throw new Error(`${path} ended at byte ${position}, before ${range.end + 1}`);
      position += bytesRead;
      written[turn] = settled(out, (done) => out.write(buffers[turn].subarray(0, bytesRead), (error) => done(error ?? undefined)));
      // Backpressure: no further read while the writer asks to wait.
      if (out.writableNeedDrain) {
        const gone = await settled(out, (done) => out.once('drain', () => done(undefined)));
        if (gone !== undefined) throw gone;
      }
    }
    for (const failed of await Promise.all(written)) if (failed !== undefined) throw failed;
    out.end();
  } finally {
    await handle.close();
  }
}

/**
 * Settles when `start`'s callback is called (with its error or undefined), or with an error when
 * `out` closes first: an HTTP response whose connection went drops later writes without calling
 * back. The close listener goes once settled, so waits do not pile up on `out`.
 */
function settled(out: Writable, start: (done: (error: Error | undefined) => void) => void): Promise<Error | undefined> {
  if (out.destroyed) return Promise.resolve(new Error('the writer was destroyed'));
  return new Promise((resolve) => {
    const onClose = (): void => resolve(new Error('the writer closed before the end'));
    out.once('close', onClose);
    start((error) => {
      out.off('close', onClose);
      resolve(error);
    });
  });
}

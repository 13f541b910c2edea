// sendFile: a file's byte range through reused buffers to a writable, with the writer's
// backpressure; a writer that goes away ends it with an error rather than a wait that never ends.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import { sendFile } from '../../../src/services/registry/send-file.js';

const dir = mkdtempSync(join(tmpdir(), 'send-file-'));
const path = join(dir, 'blob');
// More than the four 64 KiB buffers hold, and not a multiple of one.
const bytes = randomBytes(1_000_003);
writeFileSync(path, bytes);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A slow writer (each chunk written on a later turn, small highWaterMark) that keeps copies of what it got. */
function collector(): { readonly out: Writable; readonly received: () => Buffer; readonly ended: Promise<void> } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      setImmediate(callback);
    },
  });
  const ended = new Promise<void>((resolve) => out.on('finish', resolve));
  return { out, received: () => Buffer.concat(chunks), ended };
}

it('sends the whole file and ranges of it, then ends the writer', async () => {
  for (const [start, end] of [[0, bytes.length - 1], [100, 199], [65_535, 65_536 * 5], [bytes.length - 1, bytes.length - 1], [0, -1]]) {
    const { out, received, ended } = collector();
    await sendFile(path, out, { start, end });
    await ended;
    expect(received().equals(bytes.subarray(start, end + 1))).toBe(true);
  }
});

it('rejects when the file is shorter than the range', async () => {
  const { out } = collector();
  await expect(sendFile(path, out, { start: 0, end: bytes.length })).rejects.toThrow(/ended at byte 1000003/);
});

it('rejects when the writer is destroyed half-way instead of waiting for it', async () => {
  let seen = 0;
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      // Gone after the first chunk: later writes are never called back.
      if (seen > 64 * 1024) out.destroy();
      else callback();
    },
  });
  await expect(sendFile(path, out, { start: 0, end: bytes.length - 1 })).rejects.toThrow(/closed|destroyed/);
});

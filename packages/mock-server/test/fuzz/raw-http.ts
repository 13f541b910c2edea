// A raw HTTP/1.1 exchange over a TCP socket: write exactly the given bytes (malformed or not), then
// read whatever comes back until the server closes the connection or a complete response has
// arrived. No client library in between, so nothing gets "fixed" on the way out.
import { connect } from 'node:net';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface RawOutcome {
  /** The parsed response, or null when the server closed (or reset) without answering. */
  readonly response: RawResponse | null;
  /** Bytes that came back but do not parse as an HTTP response (should stay empty). */
  readonly garbage: string | null;
  /** The connection never settled: neither an answer nor a close within the hang limit. */
  readonly hung: boolean;
}

export interface RawRequest {
  /** Written in order; a pause between chunks lets the server see them separately. */
  readonly chunks: readonly Buffer[];
  /** After writing: `end` half-closes (EOF to the server, which may still answer); `destroy`
   *  closes both ways at once (nothing can be answered). */
  readonly then: 'end' | 'destroy';
  /** The request is HEAD: the response has no body, whatever its headers say. */
  readonly head?: boolean;
}

/** The response in `data`, once it is complete; undefined while more is needed; null if not HTTP. */
function parse(data: Buffer, head: boolean): RawResponse | undefined | null {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return data.length > 65_536 || (data.length >= 5 && !data.subarray(0, 5).equals(Buffer.from('HTTP/'))) ? null : undefined;
  const lines = data.subarray(0, end).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
  if (!status) return null;
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = data.subarray(end + 4);
  const code = Number(status[1]);
  if (head || code === 204 || code === 304) return { status: code, headers, body: Buffer.alloc(0) };
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    return rest.length >= length ? { status: code, headers, body: rest.subarray(0, length) } : undefined;
  }
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const body: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n', at);
      if (lineEnd < 0) return undefined;
      const size = parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
      if (!Number.isFinite(size)) return null;
      if (size === 0) return { status: code, headers, body: Buffer.concat(body) };
      if (rest.length < lineEnd + 2 + size + 2) return undefined;
      body.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }
  return undefined; // body delimited by the close
}

export function exchange(port: number, request: RawRequest, hangMs = 15_000): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const received: Buffer[] = [];
    let settled = false;
    const finish = (outcome: RawOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const settleFrom = (closed: boolean): void => {
      const data = Buffer.concat(received);
      const head = request.head === true;
      const parsed = data.length === 0 ? undefined : parse(data, head);
      if (parsed === null) finish({ response: null, garbage: data.toString('latin1').slice(0, 200), hung: false });
      else if (parsed) finish({ response: parsed, garbage: null, hung: false });
      else if (closed) {
        // Closed mid-response: a close-delimited body, or nothing at all.
        const end = data.indexOf('\r\n\r\n');
        if (data.length === 0) finish({ response: null, garbage: null, hung: false });
        else if (end >= 0) {
          const fallback = parse(Buffer.concat([data.subarray(0, end), Buffer.from('\r\ncontent-length: 0\r\n\r\n')]), true);
          finish({ response: fallback ? { ...fallback, body: data.subarray(end + 4) } : null, garbage: fallback ? null : data.toString('latin1').slice(0, 200), hung: false });
        } else finish({ response: null, garbage: data.toString('latin1').slice(0, 200), hung: false });
      }
    };
    const timer = setTimeout(() => finish({ response: null, garbage: null, hung: true }), hangMs);
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      settleFrom(false);
    });
    socket.on('end', () => settleFrom(true));
    socket.on('close', () => settleFrom(true));
    socket.on('error', () => settleFrom(true));
    socket.on('connect', async () => {
      for (let i = 0; i < request.chunks.length; i += 1) {
        if (i > 0) await new Promise((r) => setTimeout(r, 2));
        if (socket.destroyed) return;
        socket.write(request.chunks[i]);
      }
      if (socket.destroyed) return;
      if (request.then === 'end') socket.end();
      else finish({ response: null, garbage: null, hung: false });
    });
  });
}

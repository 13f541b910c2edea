// The load generator's HTTP/1.1 client: N keep-alive connections over raw sockets, one request in
// flight on each, responses parsed just enough to check them (status line, Content-Length or
// chunked body). A general-purpose client (node:http) costs its process several times more CPU
// per request than the bare server it measures, and on a machine with few cores the load
// generator's CPU is taken from the servers; this one keeps the ceiling a server's ceiling.
import { connect, type Socket } from 'node:net';

/** Checks one response; throws to fail the run. */
export type Check = (status: number, body: Buffer) => void;

const HEADER_END = Buffer.from('\r\n\r\n');

interface Parsed {
  readonly status: number;
  readonly body: Buffer;
  /** Bytes after the response (a server that answers more than asked). */
  readonly rest: Buffer;
  readonly close: boolean;
}

function dechunk(data: Buffer, from: number): { body: Buffer; end: number } | undefined {
  const parts: Buffer[] = [];
  let at = from;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.toString('latin1', at, lineEnd), 16);
    if (!Number.isFinite(size)) throw new Error('malformed chunked body');
    if (size === 0) {
      const end = data.indexOf(HEADER_END, lineEnd);
      return end < 0 ? undefined : { body: Buffer.concat(parts), end: end + 4 };
    }
    if (data.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/** One complete response at the start of `data`, or undefined while more bytes are needed. */
function parse(data: Buffer): Parsed | undefined {
  const headerEnd = data.indexOf(HEADER_END);
  if (headerEnd < 0) return undefined;
  const head = data.toString('latin1', 0, headerEnd).toLowerCase();
  const status = Number(head.slice(9, 12));
  const close = /\r\nconnection:\s*close/.test(head);
  const length = /\r\ncontent-length:\s*(\d+)/.exec(head);
  if (length) {
    const end = headerEnd + 4 + Number(length[1]);
    if (data.length < end) return undefined;
    return { status, body: data.subarray(headerEnd + 4, end), rest: data.subarray(end), close };
  }
  if (/\r\ntransfer-encoding:[^\r]*chunked/.test(head)) {
    const chunked = dechunk(data, headerEnd + 4);
    return chunked && { status, body: chunked.body, rest: data.subarray(chunked.end), close };
  }
  throw new Error(`a response without Content-Length or chunked encoding: ${head.slice(0, 200)}`);
}

/**
 * Sends `requests` (complete request bytes) over `connections` keep-alive connections, one in
 * flight on each, until they run out or `deadline` (performance.now() ms) passes; resolves to the
 * number sent and answered. Every response goes through `check`.
 */
export function send(port: number, requests: readonly Buffer[], connections: number, check: Check, deadline = Infinity): Promise<number> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    let open = 0;
    let failed = false;
    const sockets = new Set<Socket>();
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      for (const s of sockets) s.destroy();
      reject(error);
    };
    const finishOne = (): void => {
      open -= 1;
      if (open === 0 && !failed) resolve(done);
    };
    const start = (): void => {
      const socket = connect({ host: '127.0.0.1', port, noDelay: true });
      sockets.add(socket);
      open += 1;
      let buffered: Buffer | null = null;
      let waiting = false;
      let retiring = false;
      const issue = (): void => {
        if (failed) return;
        if (next >= requests.length || performance.now() >= deadline) {
          retiring = true;
          socket.end();
          return;
        }
        waiting = true;
        socket.write(requests[next]);
        next += 1;
      };
      socket.on('connect', issue);
      socket.on('data', (chunk: Buffer) => {
        buffered = buffered ? Buffer.concat([buffered, chunk]) : chunk;
        let parsed: Parsed | undefined;
        try {
          parsed = parse(buffered);
          if (!parsed) return;
          if (parsed.rest.length > 0) throw new Error('the server sent bytes after the response');
          check(parsed.status, parsed.body);
        } catch (error) {
          fail(error as Error);
          return;
        }
        buffered = null;
        waiting = false;
        done += 1;
        if (parsed.close) {
          // The server closes this connection: open another in its place.
          retiring = true;
          socket.end();
          start();
        } else issue();
      });
      socket.on('error', (error) => fail(error));
      socket.on('close', () => {
        sockets.delete(socket);
        if (failed) return;
        if (waiting) {
          fail(new Error('the server closed a connection with a request in flight'));
          return;
        }
        // Closed while idle by the server: carry on on a new connection.
        if (!retiring) start();
        finishOne();
      });
    };
    for (let i = 0; i < connections; i += 1) start();
  });
}

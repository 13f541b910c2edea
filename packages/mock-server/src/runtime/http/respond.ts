// Writing answers: the error body from a MockError (or anything else thrown: 500 InternalError),
// the RequestId, the content type of the format.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { CONTENT_TYPE, errorJson, errorXml, type ErrorBody, type Format } from './serialize.js';
import { MockError } from './wire-errors.js';

// RequestIds: upper-case UUIDs (version 4 layout, as the vendor's look), unique per server process:
// 68 random bits chosen once per process and a 48-bit counter, so an id costs no randomness.
const ID_PREFIX = randomUUID().toUpperCase().slice(0, 24);
let idCounter = 0;

/** A RequestId as the vendor writes them: an upper-case UUID. */
export function newRequestId(): string {
  idCounter = (idCounter + 1) % 0x1000000000000;
  const hex = idCounter.toString(16).toUpperCase();
  return ID_PREFIX + '000000000000'.slice(hex.length) + hex;
}

/** The MockError a thrown value stands for, or undefined when it is not one (a bug). */
export function asMockError(error: unknown): MockError | undefined {
  if (error instanceof MockError) return validStatus(error.status) ? error : undefined;
  // The same class loaded twice (source and dist in one process) still counts.
  if (error instanceof Error && error.name === 'MockError') {
    const { status, code, headers } = error as Partial<MockError>;
    if (typeof status === 'number' && validStatus(status) && typeof code === 'string') return new MockError(status, code, error.message, headers ?? {});
  }
  return undefined;
}

function validStatus(status: number): boolean {
  return Number.isInteger(status) && status >= 400 && status <= 599;
}

const recommends = new Map<string, string>();

function recommendOf(code: string): string {
  let url = recommends.get(code);
  if (url === undefined) {
    url = `https://error-center.aliyun.com/status/search?Keyword=${encodeURIComponent(code)}&source=PopGw`;
    if (recommends.size < 1024) recommends.set(code, url);
  }
  return url;
}

const HOST = /^[A-Za-z0-9.:[\]-]{1,255}$/;

/** HostId: the host the client addressed (its Host header), as the vendor names its endpoint. */
export function hostIdOf(host: string | undefined): string {
  return host !== undefined && HOST.test(host) ? host : 'localhost';
}

export function errorBodyOf(error: MockError, requestId: string, hostId: string): ErrorBody {
  return { RequestId: requestId, HostId: hostId, Code: error.code, Message: error.message, Recommend: recommendOf(error.code) };
}

export function renderError(error: MockError, format: Format, requestId: string, hostId: string): string {
  const body = errorBodyOf(error, requestId, hostId);
  return format === 'XML' ? errorXml(body) : errorJson(body);
}

export function send(res: ServerResponse, status: number, format: Format, body: string, requestId: string, close = false, extraHeaders?: Readonly<Record<string, string>>): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = {
    ...extraHeaders,
    'content-type': CONTENT_TYPE[format],
    'content-length': Buffer.byteLength(body),
    'x-acs-request-id': requestId,
  };
  if (close) {
    // Answers that close the connection go out at once: the caller may destroy the socket soon
    // after (an oversized body), and they are rare.
    headers.connection = 'close';
    write({ res, status, headers, body });
    return;
  }
  queued.push({ res, status, headers, body });
  if (queued.length === 1) setImmediate(flush);
}

interface Answer {
  readonly res: ServerResponse;
  readonly status: number;
  readonly headers: Record<string, string | number>;
  readonly body: string;
}

// Answers are written together once the event loop has handled every request that arrived in
// this turn (setImmediate runs after the poll phase), rather than each between the next ones'
// parsing: a client waiting on many connections is then woken for a batch rather than per answer.
// The socket writes were about half of the server's CPU per request, mostly that wake-up work,
// which the kernel charges to the writer; batched, bench/mock-server measured 46 -> 33 us of
// server CPU per signed GetInstance. The delay is at most one loop turn; the bytes are the same.
let queued: Answer[] = [];

function flush(): void {
  const answers = queued;
  queued = [];
  for (const answer of answers) write(answer);
}

function write({ res, status, headers, body }: Answer): void {
  // The client may have gone, or (queued twice) the first answer won.
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, headers);
  res.end(body);
}

/** Answers with the error's status and body. */
export function sendError(res: ServerResponse, error: MockError, format: Format, requestId: string, hostId: string, close = false): void {
  send(res, error.status, format, renderError(error, format, requestId, hostId), requestId, close, error.headers);
}

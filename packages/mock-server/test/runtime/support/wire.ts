// Requests as clients send them: signature v1 with @acr-ee/client's signer, GET or POST, over real
// loopback HTTP; and raw bytes over a socket for what no HTTP client would send.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { formatTimestamp, percentEncode, signatureOf } from '@acr-ee/client';

export const KEY = { accessKeyId: 'test-key-id', accessKeySecret: 'test-secret-never-printed' } as const;

export interface SignOptions {
  readonly method?: 'GET' | 'POST';
  readonly accessKeyId?: string;
  readonly secret?: string;
  /** Milliseconds since the epoch. Default: now. */
  readonly timestamp?: number;
  readonly nonce?: string;
  /** Omit Format to get the default (XML). */
  readonly format?: 'JSON' | 'XML' | string | null;
  readonly version?: string;
}

/** The parameters plus every common parameter and a valid Signature. */
export function signed(params: Record<string, string>, options: SignOptions = {}): Record<string, string> {
  const all: Record<string, string> = {
    Version: options.version ?? '2018-12-01',
    AccessKeyId: options.accessKeyId ?? KEY.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: options.nonce ?? randomUUID(),
    Timestamp: formatTimestamp(options.timestamp ?? Date.now()),
    ...params,
  };
  const format = options.format === undefined ? 'JSON' : options.format;
  if (format !== null) all.Format = format;
  all.Signature = signatureOf(options.method ?? 'GET', all, options.secret ?? KEY.accessKeySecret);
  return all;
}

export function encodeParams(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
}

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

export function json(reply: Reply): Record<string, unknown> {
  return JSON.parse(reply.text) as Record<string, unknown>;
}

/** One HTTP request; `path` is sent as is. */
export function http(url: string, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A signed call: GET with the parameters in the query, or POST with them as a form body. */
export function call(url: string, params: Record<string, string>, options: SignOptions = {}): Promise<Reply> {
  const method = options.method ?? 'GET';
  const query = encodeParams(signed(params, options));
  return method === 'GET'
    ? http(url, 'GET', `/?${query}`)
    : http(url, 'POST', '/', query, { 'content-type': 'application/x-www-form-urlencoded' });
}

/** Raw bytes over a socket; resolves with everything the server sends until it closes (or `waitMs`). */
export function raw(url: string, bytes: string | Buffer, waitMs = 2000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.write(bytes);
  });
}

/** The JSON body of a raw HTTP response. */
export function rawJson(response: string): Record<string, unknown> {
  return JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
}

export const UUID_UPPER = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

// A request to `/` as the RPC services read it (the CR API, STS): method, query, body and the
// header block, without building more of node's IncomingMessage than a request needs.
import type { IncomingHttpHeaders } from 'node:http';

/** What an RPC service reads of a request's message: node's IncomingMessage has both. */
export interface RequestHead {
  readonly headers: IncomingHttpHeaders;
  /** Names and values alternating, as received. */
  readonly rawHeaders: readonly string[];
}

/** The parts of a request an RPC service reads. */
export class RpcRequest {
  constructor(
    readonly method: 'GET' | 'POST',
    /** The query string, without `?` (may be empty). */
    readonly query: string,
    /** The body of a POST (undefined for GET). */
    readonly body: Buffer | undefined,
    readonly head: RequestHead,
  ) {}

  /** Node builds the header object on first use: the usual GET never needs it. */
  get headers(): IncomingHttpHeaders {
    return this.head.headers;
  }

  /** Whether it is signed with ACS3 (an `Authorization: ACS3-...` header), from the raw headers. */
  get v3(): boolean {
    const raw = this.head.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i];
      if (name.length === 13 && (name === 'Authorization' || name.toLowerCase() === 'authorization')) return raw[i + 1].startsWith('ACS3-');
    }
    return false;
  }
}

/** A header's value when it was sent once. */
export function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

// The seam between the client and the network. A transport sends one signed request and returns
// the raw response; it knows nothing of operations, signing or retries. Two are provided:
// node:http(s) with a keep-alive agent (the default, and the fast one on Node) and fetch (for other
// runtimes, or to go through an instrumented fetch).

export interface TransportRequest {
  /** PUT only for the ECS metadata service's token (credentials providers). */
  readonly method: 'GET' | 'POST' | 'PUT';
  /** `scheme://host[:port]`, no trailing slash: the same for every call of a client. */
  readonly origin: string;
  /** `/?<signed query>` for GET, `/` for POST. */
  readonly path: string;
  /** Lower-case names. Shared between calls: a transport must not modify it. */
  readonly headers: Readonly<Record<string, string>>;
  /** The signed form-encoded parameters for POST; undefined for GET. */
  readonly body: string | undefined;
  /** The attempt's budget, from sending to the end of the body. */
  readonly timeoutMs: number;
  /**
   * The most body bytes to accept: past it, stop reading, drop the connection and reject with a
   * ResponseTooLargeError (see response-body.ts, which both provided transports use).
   */
  readonly maxResponseBytes: number;
  /** The caller's signal, when there is one. */
  readonly signal: AbortSignal | undefined;
}

export interface TransportResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body decoded as UTF-8. */
  readonly body: string;
}

/**
 * Sends one request. Rejects with a TimeoutError when `timeoutMs` passes, an AbortError when
 * `signal` fires, a ResponseTooLargeError past `maxResponseBytes`, and a ConnectionError for any other failure to get a complete response (the
 * client treats any other rejection as a ConnectionError too). Any HTTP status resolves.
 */
export interface Transport {
  (request: TransportRequest): Promise<TransportResponse>;
  /** Releases pooled connections. Optional; the client's `close()` calls it. */
  close?(): void;
}

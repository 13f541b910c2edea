// The runtime's public surface: what the generated AcrClient extends, what callers configure and
// catch, and the signer functions (for a mock server that verifies signatures).
export { RpcClient } from './client.js';
export type { CallOptions, ClientConfig, HttpMethod, PaginateOptions, SignatureVersion } from './config.js';
export { DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT_MS } from './config.js';
export { DEFAULT_MAX_RESPONSE_BYTES, MAX_RESPONSE_BYTES_LIMIT } from './response-body.js';
export type { RetryEvent, RetryOptions } from './retry.js';
export { DEFAULT_WAIT_INTERVAL_MS, DEFAULT_WAIT_TIMEOUT_MS, EXISTS_STATE, type WaitOptions, type WaiterMeta, type WaiterResult } from './waiter.js';
export type { ResponseHook, ResponseInfo } from './response.js';
export { DEFAULT_RETRY } from './retry.js';
export type { Transport, TransportRequest, TransportResponse } from './transport.js';
export { createNodeTransport, type NodeTransportOptions } from './node-transport.js';
export { createFetchTransport } from './fetch-transport.js';
export {
  AbortError,
  AcrError,
  ConfigError,
  ConnectionError,
  CredentialsError,
  InvalidResponseError,
  ResponseTooLargeError,
  ServiceError,
  TimeoutError,
  ValidationError,
  WaiterError,
  type WaiterErrorInit,
  type ServiceErrorInit,
  type ValidationIssue,
} from './errors.js';
export {
  ENV_ACCESS_KEY_ID,
  ENV_ACCESS_KEY_SECRET,
  ENV_SECURITY_TOKEN,
  type Credentials,
  type CredentialsProvider,
} from './credentials.js';
// The signing helpers come from @acr-ee/wire, embedded in this package's dist at build time (the
// published client has no runtime dependency).
export {
  canonicalQuery,
  computeSignature,
  formatTimestamp,
  percentEncode,
  preparedHmac,
  signatureOf,
  stringToSign,
  type HmacAlgorithm,
  type ParamKind,
} from '@acr-ee/wire';
export type { ApiDescription, CommonParamMeta, EndpointMeta, OperationMeta, PaginationMeta, ParamMeta } from './operation.js';
export { CLIENT_VERSION, userAgent } from './version.js';

// The registry's failures, in the OCI distribution specification's error shape:
// `{ "errors": [{ "code", "message", "detail" }] }` with the status the specification (and the
// reference implementation, distribution/distribution) gives each code. A request that fails
// changes nothing: every check runs before the first write.

export type RegistryCode =
  | 'BLOB_UNKNOWN'
  | 'BLOB_UPLOAD_INVALID'
  | 'BLOB_UPLOAD_UNKNOWN'
  | 'DIGEST_INVALID'
  | 'MANIFEST_BLOB_UNKNOWN'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_UNKNOWN'
  | 'NAME_INVALID'
  | 'NAME_UNKNOWN'
  | 'SIZE_INVALID'
  | 'TAG_INVALID'
  | 'UNAUTHORIZED'
  | 'DENIED'
  | 'UNSUPPORTED'
  | 'TOOMANYREQUESTS';

export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly status: number;
  readonly code: RegistryCode;
  /** Extra response headers (the Bearer challenge of a 401, the Range of a 416). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: RegistryCode, message: string, headers: Readonly<Record<string, string>> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export const blobUnknown = (digest: string): RegistryError => new RegistryError(404, 'BLOB_UNKNOWN', `blob ${digest} is unknown to this repository`);
export const uploadUnknown = (): RegistryError => new RegistryError(404, 'BLOB_UPLOAD_UNKNOWN', 'no such upload in progress (unknown, finished, cancelled, or lost in a restart)');
export const digestInvalid = (message: string): RegistryError => new RegistryError(400, 'DIGEST_INVALID', message);
export const manifestInvalid = (message: string): RegistryError => new RegistryError(400, 'MANIFEST_INVALID', message);
export const manifestUnknown = (reference: string): RegistryError => new RegistryError(404, 'MANIFEST_UNKNOWN', `manifest ${reference} is unknown to this repository`);
export const nameInvalid = (message: string): RegistryError => new RegistryError(400, 'NAME_INVALID', message);
export const nameUnknown = (name: string): RegistryError => new RegistryError(404, 'NAME_UNKNOWN', `repository ${name} is not known to the registry`);
export const denied = (message: string): RegistryError => new RegistryError(403, 'DENIED', message);
export const unsupported = (message: string): RegistryError => new RegistryError(405, 'UNSUPPORTED', message);
export const sizeInvalid = (message: string): RegistryError => new RegistryError(400, 'SIZE_INVALID', message);

/** The JSON body of an error answer. */
export function errorBody(error: RegistryError): string {
  return JSON.stringify({ errors: [{ code: error.code, message: error.message, detail: null }] });
}

/** Who calls and what: the fields the signing helpers read (see signed-url.mjs). */
export interface SigningTarget {
  readonly regionId: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly instanceId: string;
}

/** RFC 3986 percent-encoding of the RPC signature. */
export function encode(value: string): string;

/** The parameters of a GetInstance call signed now, without Signature, by name. */
export function getInstanceParams(target: SigningTarget, nonce: string, version?: string): Record<string, string>;

/** The canonical query and the GET string-to-sign of it. */
export function canonicalGet(params: Readonly<Record<string, string>>): { canonical: string; stringToSign: string };

/** The base64 HMAC-SHA1 of a string-to-sign with the secret's signing key. */
export function hmacSha1(secret: string, stringToSign: string): string;

/** A GetInstance URL on 127.0.0.1:port, signed with signature v1. */
export function signedUrlOnce(target: SigningTarget & { readonly port: number }): string;

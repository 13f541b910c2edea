// The signature page's worked example, computed at generation time from the model's signature
// scheme (the string-to-sign template, the key suffix, the method), so the page cannot drift
// from the spec. The docs package's tests check the result against the client's own signer.
import { createHmac } from 'node:crypto';
import type { ApiModel, OperationModel } from '../../model/index.js';
import { wireValue } from './text.js';

/** RFC 3986: unreserved characters as they are, every other UTF-8 byte as %XY. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface WorkedExample {
  readonly operation: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly timestamp: string;
  readonly nonce: string;
  /** Every parameter but the signature, sorted by encoded name, encoded. */
  readonly pairs: readonly { name: string; value: string }[];
  readonly canonicalizedQuery: string;
  readonly stringToSign: string;
  readonly key: string;
  readonly signature: string;
  readonly requestTarget: string;
}

export interface ExampleInputs {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly timestamp: string;
  readonly nonce: string;
  readonly format: string;
}

/** The chapter 3 example's key pair and a fixed time and nonce: a worked example must be reproducible. */
export const EXAMPLE_INPUTS: ExampleInputs = {
  accessKeyId: 'testid',
  accessKeySecret: 'testsecret',
  timestamp: '2026-01-15T08:00:00Z',
  nonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
  format: 'JSON',
};

const HMAC: Readonly<Record<string, string>> = { 'HMAC-SHA1': 'sha1', 'HMAC-SHA256': 'sha256' };

/**
 * Every parameter of a request for `op` but the signature, unencoded: the Action, the signing
 * parameters, the other common parameters the client sends (those the spec declares), and the
 * example's own parameters.
 */
export function requestParameters(model: ApiModel, op: OperationModel, inputs: Omit<ExampleInputs, 'accessKeySecret'>): Record<string, string> {
  const common: Record<string, string> = {
    Format: inputs.format,
    Version: model.apiVersion,
    AccessKeyId: inputs.accessKeyId,
    SignatureMethod: model.signature.method,
    SignatureVersion: model.signature.version,
    SignatureNonce: inputs.nonce,
    Timestamp: inputs.timestamp,
  };
  const values: Record<string, string> = { [model.rpc.actionParameter]: op.name };
  const sent = [...model.signature.parameters, ...model.commonParameters.map((p) => p.name)];
  for (const name of sent) if (name in common) values[name] = common[name];
  for (const [name, value] of Object.entries(op.requestExample)) values[name] = wireValue(value);
  return values;
}

export function workedExample(model: ApiModel, op: OperationModel, inputs: ExampleInputs = EXAMPLE_INPUTS): WorkedExample {
  const algorithm = HMAC[model.signature.method];
  if (!algorithm) throw new Error(`the docs cannot compute a ${model.signature.method} signature`);
  const pairs = Object.entries(requestParameters(model, op, inputs))
    .map(([name, value]) => ({ name: percentEncode(name), value: percentEncode(value) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const canonicalizedQuery = pairs.map((p) => `${p.name}=${p.value}`).join('&');
  const stringToSign = model.signature.stringToSign
    .replace('{HTTPMethod}', 'GET')
    .replace('{percentEncode(canonicalizedQueryString)}', percentEncode(canonicalizedQuery));
  if (/\{[^}]*\}/.test(stringToSign)) throw new Error(`the docs cannot fill the string-to-sign template ${model.signature.stringToSign}`);
  const key = `${inputs.accessKeySecret}${model.signature.keySuffix}`;
  const signature = createHmac(algorithm, key).update(stringToSign).digest('base64');
  return {
    operation: op.name,
    accessKeyId: inputs.accessKeyId,
    accessKeySecret: inputs.accessKeySecret,
    timestamp: inputs.timestamp,
    nonce: inputs.nonce,
    pairs,
    canonicalizedQuery,
    stringToSign,
    key,
    signature,
    requestTarget: `${model.rpc.path}?${canonicalizedQuery}&${model.signature.parameterName}=${percentEncode(signature)}`,
  };
}

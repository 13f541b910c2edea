// The signature page's worked example, computed at generation time with @acr-ee/wire (the code the
// client signs with and the mock server verifies with) from the model: the common parameters and
// what a client sends for each, and the signature scheme, which must be the one wire implements.
import { canonicalQuery, computeSignature, flattenValue, percentEncode, stringToSign, V1_KEY_SUFFIX, V1_SIGNATURE_METHOD, v1Key } from '@acr-ee/wire';
import type { ApiModel, OperationModel, RequestSource } from '../../model/index.js';
import { wireValue } from './text.js';

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
}

/** The chapter 3 example's key pair and a fixed time and nonce: a worked example must be reproducible. */
export const EXAMPLE_INPUTS: ExampleInputs = {
  accessKeyId: 'testid',
  accessKeySecret: 'testsecret',
  timestamp: '2026-01-15T08:00:00Z',
  nonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
};

/**
 * Every parameter of a request for `op` but the signature, unencoded: the Action, the common
 * parameters a client sends (fixed values as the spec gives them; the key id, nonce and time from
 * `inputs`; no STS token or resource owner: the example uses a long-term key) and the example's own
 * parameters.
 */
export function requestParameters(model: ApiModel, op: OperationModel, inputs: Omit<ExampleInputs, 'accessKeySecret'>): Record<string, string> {
  const fromInputs: Partial<Record<RequestSource, string>> = { accessKeyId: inputs.accessKeyId, signatureNonce: inputs.nonce, timestamp: inputs.timestamp };
  const values: Record<string, string> = { [model.rpc.actionParameter]: op.name };
  for (const { name, sent } of model.commonParameters) {
    const value = sent.kind === 'constant' ? sent.value : sent.kind === 'request' ? fromInputs[sent.source] : undefined;
    if (value !== undefined) values[name] = value;
  }
  for (const [name, value] of Object.entries(op.requestExample)) {
    const style = op.parameters.find((p) => p.name === name)?.style;
    // An array or object parameter goes as its wire style writes it (`Tag.1.Key`, or one JSON string).
    if (style === undefined) values[name] = wireValue(value);
    else for (const [wireName, text] of flattenValue(name, style, value)) values[wireName] = text;
  }
  return values;
}

export function workedExample(model: ApiModel, op: OperationModel, inputs: ExampleInputs = EXAMPLE_INPUTS): WorkedExample {
  const { method, stringToSign: template, keySuffix } = model.signature;
  const canonicalizedQuery = canonicalQuery(requestParameters(model, op, inputs));
  const toSign = stringToSign('GET', canonicalizedQuery);
  // The spec's template, filled in as it reads, must give what wire computes.
  const filled = template.replace('{HTTPMethod}', 'GET').replace('{percentEncode(canonicalizedQueryString)}', percentEncode(canonicalizedQuery));
  if (method !== V1_SIGNATURE_METHOD || keySuffix !== V1_KEY_SUFFIX || filled !== toSign) {
    throw new Error(`the docs compute signature v1 (${V1_SIGNATURE_METHOD}, key suffix ${V1_KEY_SUFFIX}); the spec's scheme is ${method}, ${template}, key suffix ${keySuffix}`);
  }
  const pairs = canonicalizedQuery.split('&').map((pair) => {
    const [name, value] = pair.split('=');
    return { name, value };
  });
  const signature = computeSignature(toSign, inputs.accessKeySecret);
  return {
    operation: op.name,
    accessKeyId: inputs.accessKeyId,
    accessKeySecret: inputs.accessKeySecret,
    timestamp: inputs.timestamp,
    nonce: inputs.nonce,
    pairs,
    canonicalizedQuery,
    stringToSign: toSign,
    key: v1Key(inputs.accessKeySecret),
    signature,
    requestTarget: `${model.rpc.path}?${canonicalizedQuery}&${percentEncode(model.signature.parameterName)}=${percentEncode(signature)}`,
  };
}

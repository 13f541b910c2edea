// Turns an OperationMeta into what the hot path needs, once per operation (cached): a name index
// for validation, compiled patterns, and the sorted order of every parameter the request can carry
// (the operation's own and the common ones), so signing never sorts at call time.
import { checkedParam, compareEncoded, percentEncode, type CheckedParam } from '@acr-ee/wire';
import type { OperationMeta, ParamMeta } from './operation.js';

/** The common parameters of chapter 4 (plus Action), in slot order after the operation's own. */
export const COMMON_PARAMS = [
  'Action',
  'Format',
  'Version',
  'AccessKeyId',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'Timestamp',
  'SecurityToken',
  'ResourceOwnerAccount',
] as const;
export type CommonParam = (typeof COMMON_PARAMS)[number];

/** Names the caller may never pass: the client sets them (Signature is appended after signing). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set<string>([...COMMON_PARAMS, 'Signature']);

export type CompiledParam = CheckedParam<ParamMeta>;

/** One parameter position of the canonical query: `index` < params.length is an operation param. */
export interface Slot {
  readonly index: number;
  /** The encoded name and `=`, ready to concatenate. */
  readonly key: string;
  /** `key` percent-encoded once more, as it appears in the string-to-sign. */
  readonly encodedKey: string;
}

export interface CompiledOperation {
  readonly op: OperationMeta;
  readonly params: readonly CompiledParam[];
  readonly indexByName: ReadonlyMap<string, number>;
  /** Every parameter position, sorted by encoded name (byte order), common ones included. */
  readonly slots: readonly Slot[];
  readonly encodedAction: string;
}

const cache = new WeakMap<OperationMeta, CompiledOperation>();

export function compileOperation(op: OperationMeta): CompiledOperation {
  let compiled = cache.get(op);
  if (compiled === undefined) {
    compiled = build(op);
    cache.set(op, compiled);
  }
  return compiled;
}

function build(op: OperationMeta): CompiledOperation {
  const indexByName = new Map<string, number>();
  const params = op.params.map((meta, index): CompiledParam => {
    // A generator bug, not a caller's mistake: fail loudly and at once.
    if (RESERVED_NAMES.has(meta.name) || indexByName.has(meta.name)) {
      throw new TypeError(`${op.action}: parameter ${meta.name} is reserved or listed twice`);
    }
    indexByName.set(meta.name, index);
    return checkedParam(meta);
  });
  const names = [...op.params.map((p) => p.name), ...COMMON_PARAMS];
  const slots = names
    .map((name, index): Slot => {
      const key = `${percentEncode(name)}=`;
      return { index, key, encodedKey: encodeURIComponent(key) };
    })
    .sort((a, b) => compareEncoded(a.key.slice(0, -1), b.key.slice(0, -1)));
  return { op, params, indexByName, slots, encodedAction: percentEncode(op.action) };
}

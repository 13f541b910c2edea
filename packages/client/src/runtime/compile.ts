// Turns an OperationMeta into what the hot path needs, once per operation (cached): a name index
// for validation, compiled patterns, and the sorted order of every parameter the request can carry
// (the operation's own, the Action and the spec's common ones), so signing never sorts at call time.
import { checkedParam, compareEncoded, encodeAgain, percentEncode, type CheckedParam } from '@acr-ee/wire';
import type { ApiDescription, OperationMeta, ParamMeta, RequestSource } from './operation.js';

export type CompiledParam = CheckedParam<ParamMeta>;

/**
 * One parameter position of the canonical query. Its value is the operation's parameter `index`
 * (when not -1), else the fixed `constant`, else what the attempt has for `source`.
 */
export interface Slot {
  readonly index: number;
  /** A fixed value, encoded, and encoded once more (as in the string-to-sign). */
  readonly constant: string | undefined;
  readonly constantTwice: string;
  readonly source: RequestSource | undefined;
  /** The encoded name and `=`, ready to concatenate. */
  readonly key: string;
  /** `key` percent-encoded once more, as it appears in the string-to-sign. */
  readonly encodedKey: string;
  /**
   * A repeatList parameter: its value is a run of `Name.1.Key=...&Name.1.Value=...` pairs, already
   * sorted, with `key` empty. Its position sorts as `Name.` (every pair's name starts so).
   */
  readonly pairs: boolean;
  /** What the slot sorts by: the encoded name (`Name.` for a repeatList run). */
  readonly order: string;
}

export interface CompiledOperation {
  readonly op: OperationMeta;
  readonly params: readonly CompiledParam[];
  readonly indexByName: ReadonlyMap<string, number>;
  /** Names the caller may never pass: the Action, the signature and the common parameters. */
  readonly reserved: ReadonlySet<string>;
  /** Every parameter position the request can carry, sorted by encoded name (byte order). */
  readonly slots: readonly Slot[];
  /**
   * The query of an ACS3-signed request, sorted likewise: the same without the Action, the API
   * version, the security token and the parameters of signature v1 (ACS3 sends those in headers).
   */
  readonly acs3Slots: readonly Slot[];
}

const cache = new WeakMap<OperationMeta, CompiledOperation>();

/** `op` compiled against its API's common parameters (an operation belongs to one API). */
export function compileOperation(op: OperationMeta, api: ApiDescription): CompiledOperation {
  let compiled = cache.get(op);
  if (compiled === undefined) {
    compiled = build(op, api);
    cache.set(op, compiled);
  }
  return compiled;
}

function build(op: OperationMeta, api: ApiDescription): CompiledOperation {
  const reserved = new Set([api.actionParameter, api.signatureParameter, ...api.commonParameters.map((p) => p.name)]);
  const indexByName = new Map<string, number>();
  const params = op.params.map((meta, index): CompiledParam => {
    // A generator bug, not a caller's mistake: fail loudly and at once.
    if (reserved.has(meta.name) || indexByName.has(meta.name)) {
      throw new TypeError(`${op.action}: parameter ${meta.name} is reserved or listed twice`);
    }
    indexByName.set(meta.name, index);
    return checkedParam(meta);
  });
  const own = op.params.map((p, index) => (p.style === 'repeatList' ? pairsSlot(p.name, index) : slot(p.name, index, undefined, undefined)));
  const sent = [{ name: api.actionParameter, value: op.action, from: undefined }, ...api.commonParameters].filter((p) => p.value !== undefined || p.from !== undefined);
  const common = sent.map((p) => slot(p.name, -1, p.value, p.from));
  const inHeaders = (p: (typeof sent)[number]): boolean =>
    p.name === api.actionParameter || api.v1SigningParams.includes(p.name) || p.from === 'securityToken' || ('of' in p && p.of === 'apiVersion');
  const acs3Common = sent.filter((p) => !inHeaders(p)).map((p) => slot(p.name, -1, p.value, p.from));
  const byKey = (a: Slot, b: Slot): number => compareEncoded(a.order, b.order);
  return { op, params, indexByName, reserved, slots: [...own, ...common].sort(byKey), acs3Slots: [...own, ...acs3Common].sort(byKey) };
}

function slot(name: string, index: number, value: string | undefined, source: RequestSource | undefined): Slot {
  const key = `${percentEncode(name)}=`;
  const constant = value === undefined ? undefined : percentEncode(value);
  return { index, constant, constantTwice: constant === undefined ? '' : encodeAgain(constant), source, key, encodedKey: encodeURIComponent(key), pairs: false, order: key.slice(0, -1) };
}

function pairsSlot(name: string, index: number): Slot {
  return { index, constant: undefined, constantTwice: '', source: undefined, key: '', encodedKey: '', pairs: true, order: `${percentEncode(name)}.` };
}

// Routes a real RPC request (`GET /?Action=GetInstance&...`) to the path key under which the spec
// mounts that operation, for tools that route on the path only (Prism). The mapping is read from
// the spec's `x-acs-rpc` extension, never listed here: `/#Action={operationId}` becomes the request
// path `/%23Action=GetInstance` (the `#` encoded, since a raw `#` would end the path), and the
// query string, Action included, is passed on unmodified. `fromPrismTarget` is the way back, for
// `prism proxy`, which forwards the path it routed on to the server behind it.
//
// One more translation, also derived from the spec: a repeatList parameter (`x-acr-style`,
// CURATION.md G-21) goes on the wire as `Tag.1.Key=...&Tag.1.Value=...`, which OpenAPI cannot
// describe; the spec declares its value under `content: application/json`, so Prism is handed the
// one `Tag=<JSON>` pair that declaration means (toPrismTarget), and the server behind `prism proxy`
// gets the wire pairs back (fromPrismTarget). Without `repeatLists` the query is passed unmodified.
import { flattenValue, percentEncode } from '@acr-ee/wire';

export interface RpcWire {
  path: string;
  actionParameter: string;
  pathKeyTemplate: string;
}

export function rpcWire(spec: object): RpcWire {
  const wire = (spec as { 'x-acs-rpc'?: RpcWire })['x-acs-rpc'];
  if (!wire?.pathKeyTemplate?.includes('{operationId}')) {
    throw new Error('the spec has no x-acs-rpc.pathKeyTemplate with an {operationId} placeholder');
  }
  return wire;
}

/** Per Action, the names of its repeatList parameters. */
export type RepeatLists = ReadonlyMap<string, readonly string[]>;

/** The repeatList parameters of every operation of a generator model (their `x-acr-style`). */
export function repeatListsOf(model: { operations: readonly { name: string; parameters: readonly { name: string; style?: string }[] }[] }): RepeatLists {
  const out = new Map<string, string[]>();
  for (const op of model.operations) {
    const names = op.parameters.filter((p) => p.style === 'repeatList').map((p) => p.name);
    if (names.length > 0) out.set(op.name, names);
  }
  return out;
}

/** The request target Prism must receive for the wire request target `target` (`/?Action=...`). */
export function toPrismTarget(wire: RpcWire, target: string, repeatLists?: RepeatLists): string {
  const queryAt = target.indexOf('?');
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  let query = queryAt < 0 ? '' : target.slice(queryAt);
  const action = new URLSearchParams(query).get(wire.actionParameter);
  if (path !== wire.path || !action) return target;
  const lists = repeatLists?.get(action);
  if (lists !== undefined) query = foldRepeatLists(query, lists);
  const key = wire.pathKeyTemplate.replace('{operationId}', encodeURIComponent(action));
  return key.replace(/#/g, '%23') + query;
}

function pairsOf(query: string): [string, string][] {
  return [...new URLSearchParams(query)];
}

function queryOf(pairs: readonly (readonly [string, string])[]): string {
  return pairs.length === 0 ? '' : `?${pairs.map(([n, v]) => `${percentEncode(n)}=${percentEncode(v)}`).join('&')}`;
}

/** `Tag.1.Key=a&Tag.1.Value=b` -> `Tag=[{"Key":"a","Value":"b"}]` (numbered segments are list places). */
function foldRepeatLists(query: string, lists: readonly string[]): string {
  const pairs = pairsOf(query);
  const folded = new Map<string, Record<string, unknown>>();
  const out: [string, string][] = [];
  for (const [name, value] of pairs) {
    const list = lists.find((l) => name.startsWith(`${l}.`));
    if (list === undefined) {
      out.push([name, value]);
      continue;
    }
    if (!folded.has(list)) {
      folded.set(list, {});
      out.push([list, '']);
    }
    let node = folded.get(list)!;
    const segments = name.slice(list.length + 1).split('.');
    segments.forEach((segment, i) => {
      if (i === segments.length - 1) node[segment] = value;
      else node = (node[segment] ??= {}) as Record<string, unknown>;
    });
  }
  const asValue = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    const entries = Object.entries(node as Record<string, unknown>);
    if (entries.length > 0 && entries.every(([k]) => /^[1-9][0-9]*$/.test(k))) {
      return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => asValue(v));
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, asValue(v)]));
  };
  return queryOf(out.map(([name, value]) => (folded.has(name) && value === '' ? [name, JSON.stringify(asValue(folded.get(name)))] : [name, value])));
}

/** The inverse of foldRepeatLists: `Tag=<JSON>` back to the `Tag.N...` pairs, in sorted order. */
function unfoldRepeatLists(query: string, lists: readonly string[]): string {
  const out: [string, string][] = [];
  for (const [name, value] of pairsOf(query)) {
    if (!lists.includes(name)) out.push([name, value]);
    else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        out.push([name, value]);
        continue;
      }
      out.push(...flattenValue(name, 'repeatList', parsed));
    }
  }
  return queryOf(out);
}

/**
 * The wire request target for a target Prism forwards (`/%23Action=GetInstance?...` back to
 * `/?...`): the inverse of toPrismTarget. Anything that is not an operation's path key, or whose
 * key names another Action than the query, is returned unchanged (the server then rejects it).
 */
export function fromPrismTarget(wire: RpcWire, target: string, repeatLists?: RepeatLists): string {
  const queryAt = target.indexOf('?');
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  let query = queryAt < 0 ? '' : target.slice(queryAt);
  const action = new URLSearchParams(query).get(wire.actionParameter);
  if (!action) return target;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return target;
  }
  if (decoded !== wire.pathKeyTemplate.replace('{operationId}', action)) return target;
  const lists = repeatLists?.get(action);
  if (lists !== undefined) query = unfoldRepeatLists(query, lists);
  return wire.path + query;
}

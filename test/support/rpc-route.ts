// Routes a real RPC request (`GET /?Action=GetInstance&...`) to the path key under which the spec
// mounts that operation, for tools that route on the path only (Prism). The mapping is read from
// the spec's `x-acs-rpc` extension, never listed here: `/#Action={operationId}` becomes the request
// path `/%23Action=GetInstance` (the `#` encoded, since a raw `#` would end the path), and the
// query string, Action included, is passed on unmodified. `fromPrismTarget` is the way back, for
// `prism proxy`, which forwards the path it routed on to the server behind it.

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

/** The request target Prism must receive for the wire request target `target` (`/?Action=...`). */
export function toPrismTarget(wire: RpcWire, target: string): string {
  const queryAt = target.indexOf('?');
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  const query = queryAt < 0 ? '' : target.slice(queryAt);
  const action = new URLSearchParams(query).get(wire.actionParameter);
  if (path !== wire.path || !action) return target;
  const key = wire.pathKeyTemplate.replace('{operationId}', encodeURIComponent(action));
  return key.replace(/#/g, '%23') + query;
}

/**
 * The wire request target for a target Prism forwards (`/%23Action=GetInstance?...` back to
 * `/?...`): the inverse of toPrismTarget. Anything that is not an operation's path key, or whose
 * key names another Action than the query, is returned unchanged (the server then rejects it).
 */
export function fromPrismTarget(wire: RpcWire, target: string): string {
  const queryAt = target.indexOf('?');
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  const query = queryAt < 0 ? '' : target.slice(queryAt);
  const action = new URLSearchParams(query).get(wire.actionParameter);
  if (!action) return target;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return target;
  }
  return decoded === wire.pathKeyTemplate.replace('{operationId}', action) ? wire.path + query : target;
}

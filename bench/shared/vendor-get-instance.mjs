// What the vendor's generated SDK passes to `new Params(...)` for GetInstance (read in its
// `cr-20181201` client), for the benchmarks' openapi-client contenders. Plain JavaScript (types in
// vendor-get-instance.d.mts): the cold-start benchmark loads it without tsx.
export const GET_INSTANCE_PARAMS = Object.freeze({
  action: 'GetInstance',
  version: '2018-12-01',
  protocol: 'HTTPS',
  pathname: '/',
  method: 'POST',
  authType: 'AK',
  style: 'RPC',
  reqBodyType: 'formData',
  bodyType: 'json',
});

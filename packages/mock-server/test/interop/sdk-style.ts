// @alicloud/openapi-client 0.4.15 (the runtime of the vendor's official generated TypeScript SDK),
// called the way that SDK, `@alicloud/cr20181201`, calls it. The SDK is not on the registry this
// project reaches, so this restates what its generated client does for every operation (read in the
// public aliyun/alibabacloud-typescript-sdk repository, folder cr-20181201, and the same in its Java
// sibling; bench/client/contenders/openapi-client.ts does the same for GetInstance):
//   - `class Client extends OpenApi`: the constructor sets `_endpointRule = "regional"`, runs
//     `checkConfig(config)` and keeps `config.endpoint`;
//   - `<op>WithOptions(request, runtime)` runs `Util.validateModel(request)`, copies each set field
//     of the request model into `query` under its wire name, builds
//     `new OpenApiRequest({ query: OpenApiUtil.query(query) })` and
//     `new Params({ action, version: "2018-12-01", protocol: "HTTPS", pathname: "/", method: "POST",
//     authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json" })`, and returns
//     `callApi(params, req, runtime)` (ACS3-HMAC-SHA256 in an Authorization header). Like the SDK's
//     request models, the query carries no RegionId: the region is the endpoint's.
//   - The SDK's earlier generations (and its PHP and Java siblings of that time) called
//     `doRPCRequest(action, version, "HTTPS", "POST", "AK", "json", new OpenApiRequest({ body:
//     Util.toMap(request) }), runtime)` instead: signature v1, parameters in a form body.
// Responses are left as the parsed body map (the SDK's response models only rename fields).
import OpenApiModule, * as $OpenApi from '@alicloud/openapi-client';
import OpenApiUtilModule from '@alicloud/openapi-util';
import UtilModule, * as $Util from '@alicloud/tea-util';
import * as $tea from '@alicloud/tea-typescript';

/**
 * These packages are CommonJS with `exports.default`: Node's ESM loader (tsx, as in the benchmark)
 * hands over the exports object, Vite's interop the `default` inside it. Either way, the class.
 */
function cjsDefault<T>(module: { default: T } | T): T {
  const inner = (module as { default?: T }).default;
  return inner ?? (module as T);
}
const OpenApi = cjsDefault(OpenApiModule);
const OpenApiUtil = cjsDefault(OpenApiUtilModule);
const Util = cjsDefault(UtilModule);

export type ApiStyle = 'callApi' | 'doRPCRequest';

type Scalar = string | number | boolean;

/** A request model as the SDK generates them: fields by lowerCamelCase name, wire names in names(). */
class RequestModel extends $tea.Model {
  declare fields: Record<string, Scalar>;
  static names(): Record<string, string> {
    return { fields: 'fields' };
  }
  static types(): Record<string, unknown> {
    return { fields: { type: 'map', keyType: 'string', valueType: 'any' } };
  }
}

export interface CrResponse {
  readonly statusCode?: number;
  readonly headers?: Record<string, string>;
  readonly body?: Record<string, unknown>;
}

export interface CrConfig {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly regionId: string;
  /** host:port of the server (the SDK's `endpoint` has no scheme). */
  readonly endpoint: string;
}

class CrClient extends OpenApi {
  constructor(config: $OpenApi.Config, private readonly style: ApiStyle) {
    super(config);
    this._endpointRule = 'regional';
    this.checkConfig(config);
    this._endpoint = this.getEndpoint(this._endpoint);
  }

  getEndpoint(endpoint: string): string {
    if (!Util.empty(endpoint)) return endpoint;
    throw new Error('the test always sets config.endpoint (no endpoint resolution)');
  }

  /** `<op>WithOptions` of the SDK, for any operation: the request's set fields become the query. */
  async call(action: string, fields: Record<string, Scalar>): Promise<CrResponse> {
    const request = new RequestModel({ fields });
    Util.validateModel(request);
    const runtime = new $Util.RuntimeOptions({});
    const query: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(request.fields)) {
      if (!Util.isUnset(value)) query[name] = value;
    }
    if (this.style === 'doRPCRequest') {
      const req = new $OpenApi.OpenApiRequest({ body: query });
      return (await this.doRPCRequest(action, '2018-12-01', 'HTTPS', 'POST', 'AK', 'json', req, runtime)) as CrResponse;
    }
    const req = new $OpenApi.OpenApiRequest({ query: OpenApiUtil.query(query) });
    const params = new $OpenApi.Params({
      action,
      version: '2018-12-01',
      protocol: 'HTTPS',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    return (await this.callApi(params, req, runtime)) as CrResponse;
  }
}

export function crClient(config: CrConfig, style: ApiStyle): CrClient {
  return new CrClient(
    new $OpenApi.Config({
      accessKeyId: config.accessKeyId,
      accessKeySecret: config.accessKeySecret,
      regionId: config.regionId,
      endpoint: config.endpoint,
      protocol: 'http',
    }),
    style,
  );
}

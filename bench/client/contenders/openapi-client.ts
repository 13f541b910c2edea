// @alicloud/openapi-client 0.4.15, the runtime of the vendor's official generated TypeScript SDK,
// called exactly as that SDK calls it for GetInstance.
//
// The SDK itself (`@alicloud/cr20181201`) is not on the registry this project can reach, so this file
// restates what its generated `src/client.ts` does for this one operation (read in the public
// aliyun/alibabacloud-typescript-sdk repository, folder cr-20181201, in its openapi-client based
// generations such as 1.3.1, and unchanged in the later openapi-core based one):
//   - `class Client extends OpenApi`: constructor sets `_endpointRule = "regional"`, calls
//     `checkConfig(config)`, then `_endpoint = getEndpoint(...)`, which returns `config.endpoint`
//     untouched when it is set (it is, here: the loopback server);
//   - `getInstance(request)` makes `new $Util.RuntimeOptions({})` and calls
//     `getInstanceWithOptions(request, runtime)`, which runs `Util.validateModel(request)`, copies
//     `request.instanceId` into `query["InstanceId"]`, builds
//     `new $OpenApi.OpenApiRequest({ query: OpenApiUtil.query(query) })` and
//     `new $OpenApi.Params({ action: "GetInstance", version: "2018-12-01", protocol: "HTTPS",
//     pathname: "/", method: "POST", authType: "AK", style: "RPC", reqBodyType: "formData",
//     bodyType: "json" })`, and returns `$tea.cast(await this.callApi(params, req, runtime),
//     new GetInstanceResponse({}))`;
//   - the request and response models below carry the SDK's field names and types. Their fields
//     are `declare`d: the SDK is compiled without ES2022 class-field semantics, under which a
//     plain field would reset to undefined what `$tea.Model`'s constructor has just set.
// Config: `protocol: 'http'` (overrides the Params' HTTPS, as the SDK allows) and the loopback
// endpoint. Keep-alive is the runtime's default: with no `keepAlive` in the runtime options its HTTP
// layer (httpx) uses its own module-wide keep-alive agent.
import OpenApi, * as $OpenApi from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import Util, * as $Util from '@alicloud/tea-util';
import * as $tea from '@alicloud/tea-typescript';
import type { CreateCall } from './types.js';
import { GET_INSTANCE_PARAMS } from '../../shared/vendor-get-instance.mjs';

class GetInstanceRequest extends $tea.Model {
  declare instanceId?: string;
  static names(): Record<string, string> {
    return { instanceId: 'InstanceId' };
  }
  static types(): Record<string, unknown> {
    return { instanceId: 'string' };
  }
}

class GetInstanceResponseBody extends $tea.Model {
  declare code?: string;
  declare createTime?: number;
  declare instanceId?: string;
  declare instanceIssue?: string;
  declare instanceName?: string;
  declare instanceSpecification?: string;
  declare instanceStatus?: string;
  declare isSuccess?: boolean;
  declare modifiedTime?: number;
  declare requestId?: string;
  declare resourceGroupId?: string;
  static names(): Record<string, string> {
    return {
      code: 'Code',
      createTime: 'CreateTime',
      instanceId: 'InstanceId',
      instanceIssue: 'InstanceIssue',
      instanceName: 'InstanceName',
      instanceSpecification: 'InstanceSpecification',
      instanceStatus: 'InstanceStatus',
      isSuccess: 'IsSuccess',
      modifiedTime: 'ModifiedTime',
      requestId: 'RequestId',
      resourceGroupId: 'ResourceGroupId',
    };
  }
  static types(): Record<string, unknown> {
    return {
      code: 'string',
      createTime: 'number',
      instanceId: 'string',
      instanceIssue: 'string',
      instanceName: 'string',
      instanceSpecification: 'string',
      instanceStatus: 'string',
      isSuccess: 'boolean',
      modifiedTime: 'number',
      requestId: 'string',
      resourceGroupId: 'string',
    };
  }
}

class GetInstanceResponse extends $tea.Model {
  declare headers?: Record<string, string>;
  declare statusCode?: number;
  declare body?: GetInstanceResponseBody;
  static names(): Record<string, string> {
    return { headers: 'headers', statusCode: 'statusCode', body: 'body' };
  }
  static types(): Record<string, unknown> {
    return {
      headers: { type: 'map', keyType: 'string', valueType: 'string' },
      statusCode: 'number',
      body: GetInstanceResponseBody,
    };
  }
}

/** The official SDK's Client, reduced to its constructor and GetInstance. */
class CrClient extends OpenApi.default {
  constructor(config: $OpenApi.Config) {
    super(config);
    this._endpointRule = 'regional';
    this.checkConfig(config);
    this._endpoint = this.getEndpoint(this._endpoint);
  }

  /** The SDK falls back to `@alicloud/endpoint-util` without an endpoint; the benchmark always sets one. */
  getEndpoint(endpoint: string): string {
    if (!Util.default.empty(endpoint)) return endpoint;
    throw new Error('openapi-client: the benchmark must set config.endpoint (no endpoint resolution)');
  }

  async getInstanceWithOptions(request: GetInstanceRequest, runtime: $Util.RuntimeOptions): Promise<GetInstanceResponse> {
    Util.default.validateModel(request);
    const query: Record<string, unknown> = {};
    if (!Util.default.isUnset(request.instanceId)) query['InstanceId'] = request.instanceId;
    const req = new $OpenApi.OpenApiRequest({ query: OpenApiUtil.default.query(query) });
    const params = new $OpenApi.Params({ ...GET_INSTANCE_PARAMS });
    return $tea.cast<GetInstanceResponse>(await this.callApi(params, req, runtime), new GetInstanceResponse({}));
  }

  async getInstance(request: GetInstanceRequest): Promise<GetInstanceResponse> {
    const runtime = new $Util.RuntimeOptions({});
    return await this.getInstanceWithOptions(request, runtime);
  }
}

export const create: CreateCall = (target) => {
  const client = new CrClient(
    new $OpenApi.Config({
      accessKeyId: target.accessKeyId,
      accessKeySecret: target.accessKeySecret,
      regionId: target.regionId,
      endpoint: `127.0.0.1:${target.port}`,
      protocol: 'http',
    }),
  );
  return async () => {
    const response = await client.getInstance(new GetInstanceRequest({ instanceId: target.instanceId }));
    return response.body?.instanceId;
  };
};

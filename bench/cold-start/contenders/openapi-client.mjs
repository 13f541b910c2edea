// @alicloud/openapi-client 0.4.15, the runtime of the vendor's official generated SDK, making the
// call the SDK's getInstance makes (see ../../client/contenders/openapi-client.ts for how the SDK
// calls it): the same Config, OpenApiRequest, Params and RuntimeOptions, then callApi. The SDK's own
// request and response model classes are left out, so this is, if anything, cheaper than the SDK.
import OpenApi from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import Util from '@alicloud/tea-util';
import { GET_INSTANCE_PARAMS } from '../../shared/vendor-get-instance.mjs';
import { answer, target } from './target.mjs';

const { Config, OpenApiRequest, Params } = OpenApi;
const client = new OpenApi.default(
  new Config({
    accessKeyId: target.accessKeyId,
    accessKeySecret: target.accessKeySecret,
    regionId: target.regionId,
    endpoint: `127.0.0.1:${target.port}`,
    protocol: 'http',
  }),
);
const request = new OpenApiRequest({ query: OpenApiUtil.default.query({ InstanceId: target.instanceId }) });
const params = new Params({ ...GET_INSTANCE_PARAMS });
const response = await client.callApi(params, request, new Util.RuntimeOptions({}));
answer(response.body.InstanceId);

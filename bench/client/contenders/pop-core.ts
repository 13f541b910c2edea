// @alicloud/pop-core 1.8.0, called as its README shows for an RPC API: one RPCClient per endpoint and
// version, then `client.request(action, params, { method })` per call. Its constructor already
// gives it a keep-alive agent of its own (`keepAliveAgent`, used whenever `opts.agent` is unset), so
// nothing is configured beyond the README.
import RPCClient from '@alicloud/pop-core';
import type { CreateCall } from './types.js';

interface Body {
  InstanceId?: unknown;
}

export const create: CreateCall = (target) => {
  const client = new RPCClient({
    accessKeyId: target.accessKeyId,
    accessKeySecret: target.accessKeySecret,
    endpoint: `http://127.0.0.1:${target.port}`,
    apiVersion: '2018-12-01',
  });
  return async () => {
    const body = await client.request<Body>(
      'GetInstance',
      { RegionId: target.regionId, InstanceId: target.instanceId },
      { method: 'GET' },
    );
    return body.InstanceId;
  };
};

// Our client, @acr-ee/client as built and shipped (dist/; `npm run bench` builds it first), called as its README
// shows: one AcrClient, then `client.getInstance({ InstanceId })` resolving to the parsed body.
// RegionId is filled from the client's configuration. Everything else (transport, keep-alive,
// retries, timeouts) is the client's default.
import { AcrClient } from '@acr-ee/client';
import type { CreateCall } from './types.js';

export const create: CreateCall = (target) => {
  const client = new AcrClient({
    accessKeyId: target.accessKeyId,
    accessKeySecret: target.accessKeySecret,
    regionId: target.regionId,
    endpoint: `http://127.0.0.1:${target.port}`,
  });
  return async () => {
    const body = await client.getInstance({ InstanceId: target.instanceId });
    return body.InstanceId;
  };
};

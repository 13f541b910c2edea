// @acr-ee/client as its users load it: the package's built dist (npm run build), one client, one
// GetInstance (signed, validated, with the runtime's defaults).
import { AcrClient } from '@acr-ee/client';
import { answer, target } from './target.mjs';

const client = new AcrClient({
  accessKeyId: target.accessKeyId,
  accessKeySecret: target.accessKeySecret,
  regionId: target.regionId,
  endpoint: `http://127.0.0.1:${target.port}`,
});
const result = await client.getInstance({ InstanceId: target.instanceId });
answer(result.InstanceId);

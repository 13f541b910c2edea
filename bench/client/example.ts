// The response the loopback server sends: the GetInstance 200 example of the curated spec, read from
// the spec itself so that it can never drift from it.
import { listOperations, loadDereferenced, successContent } from '@acr-ee/spec';

export interface Example {
  /** The example as the server sends it (JSON text). */
  readonly body: string;
  /** Its InstanceId: what every contender sends and must read back. */
  readonly instanceId: string;
}

export async function getInstanceExample(): Promise<Example> {
  const doc = await loadDereferenced();
  const entry = listOperations(doc).find((op) => op.operationId === 'GetInstance');
  const example = entry ? successContent(entry)?.example : undefined;
  const instanceId = (example as { InstanceId?: unknown } | undefined)?.InstanceId;
  if (typeof instanceId !== 'string') {
    throw new Error('spec: GetInstance has no 200 example with an InstanceId');
  }
  return { body: JSON.stringify(example), instanceId };
}

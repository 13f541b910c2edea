// The contenders, in the order they run and are printed. Each one is loaded only inside its own
// child process, so no process ever holds another contender's library.
import type { CreateCall } from './types.js';

export const CONTENDERS = ['acr-ee', 'openapi-client', 'pop-core', 'floor'] as const;
export type ContenderName = (typeof CONTENDERS)[number];

/** What each contender is, for the table's legend. */
export const DESCRIPTIONS: Record<ContenderName, string> = {
  'acr-ee': '@acr-ee/client AcrClient.getInstance (dist, defaults)',
  'openapi-client': '@alicloud/openapi-client 0.4.15 callApi, as the official cr20181201 SDK calls it',
  'pop-core': '@alicloud/pop-core 1.8.0 RPCClient.request (its own keep-alive agent)',
  floor: 'node:http keep-alive agent, URL signed once, body JSON.parse (no per-call signing)',
};

const LOADERS: Record<ContenderName, () => Promise<{ create: CreateCall }>> = {
  'acr-ee': () => import('./acr-ee.js'),
  'openapi-client': () => import('./openapi-client.js'),
  'pop-core': () => import('./pop-core.js'),
  floor: () => import('./floor.js'),
};

export function isContender(name: string): name is ContenderName {
  return (CONTENDERS as readonly string[]).includes(name);
}

export async function loadContender(name: ContenderName): Promise<CreateCall> {
  return (await LOADERS[name]()).create;
}

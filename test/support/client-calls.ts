// What the contract tests share about driving the generated client: its method for an operation
// of the model, and its own transport with each request routed to the operation's path key for
// Prism (parameters untouched but repeatList ones, see rpc-route.ts), letting a test see every exchange.
import type { OperationModel } from '@acr-ee/generator';
import { createNodeTransport, type AcrClient, type Transport, type TransportRequest, type TransportResponse } from '@acr-ee/client';
import { toPrismTarget, type RepeatLists, type RpcWire } from './rpc-route.js';

export type OperationCall = (request: unknown) => Promise<unknown>;

/** `client.<op.methodName>` (the generated, typed method), bound to the client. */
export function operationMethod(client: AcrClient, op: OperationModel): OperationCall {
  const method = (client as unknown as Record<string, OperationCall | undefined>)[op.methodName];
  if (typeof method !== 'function') throw new Error(`the client has no method ${op.methodName} for ${op.name}`);
  return method.bind(client);
}

export function prismRoutedTransport(wire: RpcWire, onExchange?: (request: TransportRequest, response: TransportResponse) => void, repeatLists?: RepeatLists): Transport {
  const inner = createNodeTransport();
  const transport: Transport = async (request) => {
    const response = await inner({ ...request, path: toPrismTarget(wire, request.path, repeatLists) });
    onExchange?.(request, response);
    return response;
  };
  transport.close = () => inner.close?.();
  return transport;
}

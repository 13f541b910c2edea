// What the mock server needs of a spec beyond what every package needs: the parameter that chooses
// the response format, and the common parameters it checks callers by, named by their x-acr-value.
// The server reads both from @acr-ee/api's table (src/runtime/operation.ts, mockView); a spec
// without them is refused here, when generating, rather than when the server starts.
import { SpecError } from '../../load/spec-error.js';
import type { ApiModel } from '../../model/index.js';

/** The roles the server reads a caller's key, token, nonce, time and version by. */
const NAMED = ['accessKeyId', 'securityToken', 'signatureNonce', 'timestamp', 'apiVersion'] as const;

export function checkMockRequirements(model: ApiModel): void {
  if (model.rpc.formatParameter === undefined) throw new SpecError('x-acs-rpc', 'the mock server needs formatParameter, the common parameter choosing the response format');
  const named = new Set(model.commonParameters.map((p) => (p.sent.kind === 'request' ? p.sent.source : p.sent.kind === 'constant' ? p.sent.of : undefined)));
  const missing = NAMED.filter((role) => !named.has(role));
  if (missing.length > 0) {
    throw new SpecError('components/parameters', `the mock server checks callers by common parameters the spec does not name: give one an x-acr-value from ${missing.join(', ')}`);
  }
}

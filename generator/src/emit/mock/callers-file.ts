// What the mock server needs of a spec beyond what every package needs: the common parameters it
// checks callers by (key, token, nonce, time, version), found by their x-acr-value and written out
// by role, and the parameter that chooses the response format. A spec without them is refused here,
// when generating, rather than when the server starts; the server reads the names from this file
// (src/generated/callers.ts) instead of looking them up again.
import { SpecError } from '../../load/spec-error.js';
import type { ApiModel } from '../../model/index.js';
import { literal } from '../shared/literal.js';
import type { TsFile } from '../shared/ts-file.js';

/** The roles the server reads a caller's key, token, nonce, time and version by. */
const ROLES = ['accessKeyId', 'securityToken', 'signatureNonce', 'timestamp', 'apiVersion'] as const;

export function emitCallerParameters(model: ApiModel, file: TsFile): void {
  if (model.rpc.formatParameter === undefined) throw new SpecError('x-acs-rpc', 'the mock server needs formatParameter, the common parameter choosing the response format');
  const nameOf = (role: string): string | undefined =>
    model.commonParameters.find((p) => (p.sent.kind === 'request' ? p.sent.source : p.sent.kind === 'constant' ? p.sent.of : undefined) === role)?.name;
  const missing = ROLES.filter((role) => nameOf(role) === undefined);
  if (missing.length > 0) {
    throw new SpecError('components/parameters', `the mock server checks callers by common parameters the spec does not name: give one an x-acr-value from ${missing.join(', ')}`);
  }
  file.addVariableStatement({
    isExported: true,
    docs: ['The common parameters the server checks callers by, by what they carry (the spec\'s x-acr-value).'],
    name: 'callerParameters',
    initializer: (w) => {
      w.write('{').newLine();
      w.indent(() => ROLES.forEach((role) => w.writeLine(`${role}: ${literal(nameOf(role))},`)));
      w.write('} as const');
    },
  });
}

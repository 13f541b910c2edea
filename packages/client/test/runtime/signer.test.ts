// The per-attempt builder against @acr-ee/wire's reference signer (the signer's own vectors are
// wire's tests).
import { describe, expect, it } from 'vitest';
import { compileOperation } from '../../src/runtime/compile.js';
import { api } from '@acr-ee/api';
import { SigningIdentity } from '../../src/runtime/credentials.js';
import { signedParams } from '../../src/runtime/sign-request.js';
import { canonicalQuery, signatureOf } from '@acr-ee/wire';
import { parseParams } from './support/server.js';

describe('signedParams (the per-attempt builder)', () => {
  const op = {
    action: 'Do Thing',
    readOnly: true,
    params: [
      { name: 'Zeta', kind: 'string', required: false },
      { name: 'alpha', kind: 'string', required: false },
      { name: 'Name With Space', kind: 'string', required: false },
    ],
  } as const;

  it('sends the canonical query plus a Signature the public signer agrees with', () => {
    const compiled = compileOperation(op, api);
    const identity = new SigningIdentity({ accessKeyId: 'id+/=', accessKeySecret: 'secret', securityToken: 'tok en' });
    const context = { method: 'POST', encodedResourceOwnerAccount: 'owner%40x', signatureKey: '&Signature=' } as const;
    const sent = signedParams(compiled, ['z%20z', undefined, 'n'], identity, context);
    const { Signature, ...rest } = parseParams(sent);
    expect(sent.slice(0, sent.indexOf('&Signature='))).toBe(canonicalQuery(rest));
    expect(Signature).toBe(signatureOf('POST', rest, 'secret'));
    expect(rest).toMatchObject({
      Action: 'Do Thing',
      AccessKeyId: 'id+/=',
      SecurityToken: 'tok en',
      ResourceOwnerAccount: 'owner@x',
      Zeta: 'z z',
      'Name With Space': 'n',
      Format: 'JSON',
      Version: '2018-12-01',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
    });
    expect(rest).not.toHaveProperty('alpha');
    expect(rest.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(rest.SignatureNonce).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('uses a fresh nonce each time', () => {
    const compiled = compileOperation(op, api);
    const identity = new SigningIdentity({ accessKeyId: 'id', accessKeySecret: 'secret' });
    const context = { method: 'GET', encodedResourceOwnerAccount: undefined, signatureKey: '&Signature=' } as const;
    const nonces = new Set(Array.from({ length: 50 }, () => parseParams(signedParams(compiled, [], identity, context)).SignatureNonce));
    expect(nonces.size).toBe(50);
  });
});

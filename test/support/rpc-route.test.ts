import { describe, expect, it } from 'vitest';
import { rpcWire, toPrismTarget } from './rpc-route.js';

const wire = rpcWire({ 'x-acs-rpc': { path: '/', actionParameter: 'Action', pathKeyTemplate: '/#Action={operationId}' } });

describe('toPrismTarget', () => {
  const cases: [string, string][] = [
    ['/?Action=GetInstance&InstanceId=cri-1', '/%23Action=GetInstance?Action=GetInstance&InstanceId=cri-1'],
    ['/?InstanceId=a%20b&Action=ListRepository', '/%23Action=ListRepository?InstanceId=a%20b&Action=ListRepository'],
    ['/?InstanceId=cri-1', '/?InstanceId=cri-1'],
    ['/other?Action=GetInstance', '/other?Action=GetInstance'],
    ['/', '/'],
  ];
  for (const [given, want] of cases) it(`${given} -> ${want}`, () => expect(toPrismTarget(wire, given)).toBe(want));

  it('refuses a spec without the mapping', () => {
    expect(() => rpcWire({})).toThrow(/x-acs-rpc/);
  });
});

import { describe, expect, it } from 'vitest';
import { fromPrismTarget, rpcWire, toPrismTarget } from './rpc-route.js';

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

describe('fromPrismTarget', () => {
  const cases: [string, string][] = [
    ['/%23Action=GetInstance?Action=GetInstance&InstanceId=cri-1', '/?Action=GetInstance&InstanceId=cri-1'],
    ['/%23Action%3DListRepository?InstanceId=a+b&Action=ListRepository', '/?InstanceId=a+b&Action=ListRepository'],
    ['/%23Action=GetInstance?Action=ListInstance', '/%23Action=GetInstance?Action=ListInstance'],
    ['/%23Action=GetInstance', '/%23Action=GetInstance'],
    ['/%E0%A4%A?Action=GetInstance', '/%E0%A4%A?Action=GetInstance'],
    ['/?Action=GetInstance', '/?Action=GetInstance'],
  ];
  for (const [given, want] of cases) it(`${given} -> ${want}`, () => expect(fromPrismTarget(wire, given)).toBe(want));

  it('undoes toPrismTarget', () => {
    const target = '/?Action=CreateRepository&RepoName=a%2Fb&Signature=x%2By%3D';
    expect(fromPrismTarget(wire, toPrismTarget(wire, target))).toBe(target);
  });
});

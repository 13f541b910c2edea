// What the services' tests share: an RSA key of the test's own to sign OIDC tokens with, a JWT
// signer (node:crypto, RS256), STS calls signed with a given key, and a CR client for issued keys.
import { generateKeyPairSync, sign } from 'node:crypto';
import { AcrClient, type Transport } from '@acr-ee/client';
import { call, json, type SignOptions } from '../runtime/support/wire.js';

export const ACCOUNT = '1234567890123456';
export const INSTANCE = 'cri-mock0000000001';
export const OIDC_ARN = `acs:ram::${ACCOUNT}:oidc-provider/ack-rrsa`;
export const ISSUER = 'https://oidc-ack.cn-hangzhou.aliyuncs.com/c1234';
export const CLIENT_ID = 'sts.aliyuncs.com';

export const oidcKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });

export const oidcProvider = {
  arn: OIDC_ARN,
  issuer: ISSUER,
  clientIds: [CLIENT_ID],
  publicKey: oidcKeys.publicKey.export({ type: 'spki', format: 'pem' }) as string,
};

/** A JWT signed RS256 with `key` (the provider's by default), valid for an hour from `nowMs`. */
export function jwt(claims: Record<string, unknown> = {}, nowMs = Date.now(), key = oidcKeys.privateKey, alg = 'RS256'): string {
  const now = Math.floor(nowMs / 1000);
  const header = Buffer.from(JSON.stringify({ alg, typ: 'JWT', kid: 'k1' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ iss: ISSUER, aud: CLIENT_ID, sub: 'system:serviceaccount:ci:builder', iat: now, exp: now + 3600, ...claims })).toString('base64url');
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

export const roleArn = (name: string): string => `acs:ram::${ACCOUNT}:role/${name}`;

/** One STS call (version 2015-04-01), signed with the given key unless `unsigned`. */
export async function sts(url: string, params: Record<string, string>, options: SignOptions & { token?: string } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const all = options.token === undefined ? params : { ...params, SecurityToken: options.token };
  const reply = await call(url, all, { version: '2015-04-01', method: 'POST', ...options });
  return { status: reply.status, body: json(reply) };
}

export interface Issued {
  readonly AccessKeyId: string;
  readonly AccessKeySecret: string;
  readonly SecurityToken: string;
  readonly Expiration: string;
}

export function issuedOf(body: Record<string, unknown>): Issued {
  return body.Credentials as Issued;
}

/** A CR client signing with issued credentials. */
export function crClient(url: string, c: Issued, transport?: Transport): AcrClient {
  return new AcrClient({ regionId: 'cn-hangzhou', endpoint: url, accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken, retry: false, transport });
}

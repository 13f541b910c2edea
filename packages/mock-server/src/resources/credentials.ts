// Chapter 19, access credentials. GetAuthorizationToken issues a temporary logon, valid for one
// hour: the user `temp_user_cr` (the name the reference shows) and a random-looking token derived
// from the instance and the store's counter (reproducible for a given seed and request sequence).
// ResetLoginPassword sets the instance's logon password. Neither secret is stored in clear: only
// SHA-256 hashes, the last token's among them, with its expiry and the AccessKeyId that asked for
// it: the registry holds the token to that key's policies (an STS role session's own), as the API
// holds the key's requests. The password is the account's.
import { createHash } from 'node:crypto';
import type { Handlers, RequestContext, Result } from './context.js';
import { nextSequence, readSettings } from './common/config.js';
import { requireInstance } from './common/lookup.js';
import { COLLECTIONS } from './common/collections.js';

export interface CredentialRecord {
  InstanceId: string;
  /** SHA-256 of the logon password, when one was set; the password itself is never stored. */
  passwordSha256?: string;
  passwordModifiedTime?: number;
  /** SHA-256 of the last temporary token and its expiry. */
  tokenSha256?: string;
  tokenExpireTime?: number;
  /** The AccessKeyId whose signed request got the last temporary token (none when signatures are not verified). */
  tokenKeyId?: string;
}

export const TEMP_USERNAME = 'temp_user_cr';
export const TOKEN_TTL_MS = 60 * 60 * 1000;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function credentialsOf(context: RequestContext, instanceId: string): CredentialRecord {
  return context.store.get<CredentialRecord>(COLLECTIONS.credentials, instanceId) ?? { InstanceId: instanceId };
}

export const credentialHandlers: Pick<Handlers, 'GetAuthorizationToken' | 'ResetLoginPassword'> = {
  GetAuthorizationToken(context): Result<'GetAuthorizationToken'> {
    const instance = requireInstance(context);
    const seq = nextSequence(context.store);
    const token = createHash('sha256')
      .update(`${readSettings(context.store).idSalt}:token:${instance.InstanceId}:${seq}`)
      .digest('base64url');
    const expireTime = context.now + TOKEN_TTL_MS;
    const record = credentialsOf(context, instance.InstanceId);
    record.tokenSha256 = sha256(token);
    record.tokenExpireTime = expireTime;
    if (context.callerKeyId === undefined) delete record.tokenKeyId;
    else record.tokenKeyId = context.callerKeyId;
    context.store.put(COLLECTIONS.credentials, instance.InstanceId, record);
    return { TempUsername: TEMP_USERNAME, AuthorizationToken: token, ExpireTime: expireTime };
  },

  ResetLoginPassword(context): Result<'ResetLoginPassword'> {
    const instance = requireInstance(context);
    const record = credentialsOf(context, instance.InstanceId);
    record.passwordSha256 = sha256(context.params.Password);
    record.passwordModifiedTime = context.now;
    context.store.put(COLLECTIONS.credentials, instance.InstanceId, record);
    return {};
  },
};

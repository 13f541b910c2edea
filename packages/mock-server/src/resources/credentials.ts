// Chapter 19, access credentials. GetAuthorizationToken issues a temporary logon, valid for one
// hour: the user `temp_user_cr` (the name the reference shows) and a random-looking token derived
// from the instance and the store's counter (reproducible for a given seed and request sequence).
// Every logon issued stays good until its own ExpireTime, whatever was issued after it, as on the
// service: two CI jobs that each log on and push at the same time must not evict each other. Each
// is a record of its own (`logins`), keyed by the SHA-256 of its token, with its expiry and the
// AccessKeyId that asked for it: the registry holds the token to that key's policies (an STS role
// session's own), as the API holds the key's requests. Expired logons are deleted when a logon is
// issued and when one is presented; at most MAX_LOGINS unexpired ones per instance are kept, and
// past that GetAuthorizationToken is refused (a valid logon is never dropped to make room).
// ResetLoginPassword sets the instance's logon password. Neither secret is stored in clear: only
// SHA-256 hashes. The password is the account's.
import { createHash } from 'node:crypto';
import type { Handlers, RequestContext, Result } from './context.js';
import { nextSequence, readSettings } from './common/config.js';
import { hex64 } from './common/ids.js';
import { requireInstance } from './common/lookup.js';
import { COLLECTIONS, key, prefix } from './common/collections.js';
import type { Store } from '../store/store.js';
import { quotaExceeded } from './common/errors.js';

export interface CredentialRecord {
  InstanceId: string;
  /** SHA-256 of the logon password, when one was set; the password itself is never stored. */
  passwordSha256?: string;
  passwordModifiedTime?: number;
}

/** One temporary logon GetAuthorizationToken issued. */
export interface LoginRecord {
  InstanceId: string;
  /** SHA-256 of the token (hex), also the record's key: the token itself is never stored. */
  tokenSha256: string;
  issueTime: number;
  expireTime: number;
  /** The AccessKeyId whose signed request got the token (none when signatures are not verified). */
  keyId?: string;
}

export const TEMP_USERNAME = 'temp_user_cr';
export const TOKEN_TTL_MS = 60 * 60 * 1000;
/**
 * The most unexpired temporary logons one instance holds: far more than the CI jobs that log on
 * within an hour of each other, small enough that pruning (a scan of the instance's logons on
 * every issue) stays cheap.
 */
export const MAX_LOGINS = 1000;

/**
 * The unexpired logon of `instanceId` whose token has the SHA-256 `tokenSha256` (hex). An expired
 * one found is deleted. The lookup is by the hash, so no comparison runs on the secret itself.
 */
export function findLogin(store: Store, instanceId: string, tokenSha256: string, now: number): LoginRecord | undefined {
  const id = key(instanceId, tokenSha256);
  const login = store.get<LoginRecord>(COLLECTIONS.logins, id);
  if (login === undefined) return undefined;
  if (now < login.expireTime) return login;
  store.delete(COLLECTIONS.logins, id);
  return undefined;
}

/** Deletes the instance's expired logons; returns the unexpired ones (in no particular order). */
function pruneLogins(store: Store, instanceId: string, now: number): LoginRecord[] {
  const live: LoginRecord[] = [];
  for (const login of store.list<LoginRecord>(COLLECTIONS.logins, prefix(instanceId))) {
    if (now < login.expireTime) live.push(login);
    else store.delete(COLLECTIONS.logins, key(instanceId, login.tokenSha256));
  }
  return live;
}

function credentialsOf(context: RequestContext, instanceId: string): CredentialRecord {
  return context.store.get<CredentialRecord>(COLLECTIONS.credentials, instanceId) ?? { InstanceId: instanceId };
}

export const credentialHandlers = {
  GetAuthorizationToken(context): Result<'GetAuthorizationToken'> {
    const instance = requireInstance(context);
    const live = pruneLogins(context.store, instance.InstanceId, context.now);
    if (live.length >= MAX_LOGINS) {
      // Only a refusal needs the soonest expiry: an issue does not sort the instance's logons.
      const next = new Date(Math.min(...live.map((login) => login.expireTime))).toISOString();
      throw quotaExceeded('TEMPORARY_LOGIN', 'unexpired temporary logins of the instance', MAX_LOGINS, `the first expires at ${next}`);
    }
    const seq = nextSequence(context.store);
    const token = createHash('sha256')
      .update(`${readSettings(context.store).idSalt}:token:${instance.InstanceId}:${seq}`)
      .digest('base64url');
    const expireTime = context.now + TOKEN_TTL_MS;
    const login: LoginRecord = { InstanceId: instance.InstanceId, tokenSha256: hex64(token), issueTime: context.now, expireTime };
    if (context.callerKeyId !== undefined) login.keyId = context.callerKeyId;
    context.store.put(COLLECTIONS.logins, key(instance.InstanceId, login.tokenSha256), login);
    return { TempUsername: TEMP_USERNAME, AuthorizationToken: token, ExpireTime: expireTime };
  },

  ResetLoginPassword(context): Result<'ResetLoginPassword'> {
    const instance = requireInstance(context);
    const record = credentialsOf(context, instance.InstanceId);
    record.passwordSha256 = hex64(context.params.Password);
    record.passwordModifiedTime = context.now;
    context.store.put(COLLECTIONS.credentials, instance.InstanceId, record);
    return {};
  },
} satisfies Partial<Handlers>;

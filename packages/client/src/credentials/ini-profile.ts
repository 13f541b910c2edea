// The credentials file of the vendor's SDKs, ~/.alibabacloud/credentials: an ini file whose
// sections are profiles with a `type` (access_key, ecs_ram_role, ram_role_arn).
import { join } from 'node:path';
import type { CredentialsProvider } from '../runtime/credentials.js';
import { ConfigError } from '../runtime/errors.js';
import { assumeRoleCredentials } from './assume-role.js';
import { ENV_PROFILE, PROFILE_OPTION_KEYS, remotePart, stsPart, type ProfileOptions } from './cli-profile.js';
import { ecsRamRoleCredentials } from './ecs.js';
import { checkOptionKeys, envOf, homeOf, namedProvider, readSettingsFile, setting } from './provider.js';
import { checkedKeys, fixed } from './static.js';

export const ENV_CREDENTIALS_FILE = 'ALIBABA_CLOUD_CREDENTIALS_FILE';
export const INI_TYPES = ['access_key', 'ecs_ram_role', 'ram_role_arn'] as const;

/**
 * The credentials of a section of the file (`ALIBABA_CLOUD_CREDENTIALS_FILE`, else
 * ~/.alibabacloud/credentials), read now; the section is `profile`, else `ALIBABA_CLOUD_PROFILE`,
 * else `default`. A ConfigError names a missing file, section or field.
 */
export function iniProfileCredentials(options: ProfileOptions = {}): CredentialsProvider {
  const what = 'ini profile';
  checkOptionKeys(options, PROFILE_OPTION_KEYS, what);
  const env = envOf(options, what);
  const path = env[ENV_CREDENTIALS_FILE] || join(homeOf(options.homeDir, what), '.alibabacloud', 'credentials');
  const name = setting(options.profile, env, ENV_PROFILE, 'profile', what) ?? 'default';
  const at = `${what} [${name}] (${path})`;
  const section = parseIni(readSettingsFile(path, what), path, what).get(name);
  if (section === undefined) throw new ConfigError(`${at}: no such section`);
  const need = (key: string): string => {
    const value = section.get(key);
    if (value === undefined || value === '') throw new ConfigError(`${at}: type ${section.get('type') ?? '(none)'} needs ${key}`);
    return value;
  };
  const optional = (key: string): string | undefined => section.get(key) || undefined;
  const key = () => checkedKeys(need('access_key_id'), need('access_key_secret'), undefined, ['access_key_id', 'access_key_secret', 'sts_token'], at);
  const remote = remotePart(options);
  let inner: CredentialsProvider;
  switch (section.get('type')) {
    case 'access_key':
      inner = fixed('static', key());
      break;
    case 'ecs_ram_role':
      inner = ecsRamRoleCredentials({ ...remote, roleName: optional('role_name'), metadataEndpoint: options.metadataEndpoint });
      break;
    case 'ram_role_arn':
      inner = assumeRoleCredentials({
        ...remote,
        ...stsPart(options, optional('sts_endpoint'), optional('sts_region'), undefined),
        source: key(),
        roleArn: need('role_arn'),
        roleSessionName: optional('role_session_name'),
        policy: optional('policy'),
        externalId: optional('external_id'),
      });
      break;
    case undefined:
      throw new ConfigError(`${at}: no type`);
    default:
      throw new ConfigError(`${at}: type ${JSON.stringify(section.get('type'))} is not supported (supported: ${INI_TYPES.join(', ')})`);
  }
  return namedProvider('ini-profile', () => inner());
}

/**
 * Sections of an ini text: `[name]` lines, `key = value` lines (a value's surrounding quotes
 * dropped), `#` and `;` comment lines. A line that is none of these is a ConfigError naming its
 * number, never its text (it may be a secret).
 */
export function parseIni(text: string, path: string, what: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      const name = header[1]!.trim();
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0 || current === undefined) throw new ConfigError(`${what}: ${path} line ${i + 1} is not a [section] or a key = value in a section`);
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]!)) value = value.slice(1, -1);
    current.set(line.slice(0, eq).trim(), value);
  }
  return sections;
}
